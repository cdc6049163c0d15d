package io.jmongos.router.command.server;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandContext;

/**
 * The awaitable hello of the server discovery and monitoring protocol: a hello that carries this
 * process' current {@code topologyVersion} and {@code maxAwaitTimeMS} is answered only after
 * maxAwaitTimeMS (jmongos' topology never changes while it runs). Answering at once would make
 * streaming monitors spin. The wait is done by the frontend's timer, not by a thread.
 */
final class HelloAwait {
    /** jmongos' topologyVersion counter: nothing it reports in hello ever changes while it runs. */
    static final long TOPOLOGY_COUNTER = 0;
    /**
     * Upper bound accepted for maxAwaitTimeMS: one hour (drivers send their heartbeat interval,
     * 10 s by default per the SDAM specification).
     */
    static final long MAX_AWAIT_TIME_MS = 3_600_000L;

    private HelloAwait() {
    }

    static BsonDocument topologyVersion(RouterServices services) {
        return new BsonDocument("processId", new BsonObjectId(services.processId()))
                .append("counter", new BsonInt64(TOPOLOGY_COUNTER));
    }

    static void apply(CommandContext ctx, BsonDocument command) {
        BsonValue tv = command.get("topologyVersion");
        BsonValue maxAwait = command.get("maxAwaitTimeMS");
        if (tv == null && maxAwait == null) {
            return;
        }
        if (tv == null || maxAwait == null) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE,
                    "A request with a 'topologyVersion' must include 'maxAwaitTimeMS' and vice versa");
        }
        if (!maxAwait.isNumber()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "maxAwaitTimeMS must be a number");
        }
        long ms = maxAwait.asNumber().longValue();
        if (ms < 0 || ms > MAX_AWAIT_TIME_MS) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE,
                    "maxAwaitTimeMS must be between 0 and " + MAX_AWAIT_TIME_MS + ", got " + ms);
        }
        if (!tv.isDocument()) {
            throw new CommandFailedException(ErrorCode.TYPE_MISMATCH, "topologyVersion must be an object");
        }
        BsonDocument t = tv.asDocument();
        boolean sameProcess = t.isObjectId("processId")
                && t.getObjectId("processId").getValue().equals(ctx.services().processId());
        boolean sameCounter = t.isNumber("counter") && t.getNumber("counter").longValue() == TOPOLOGY_COUNTER;
        if (sameProcess && sameCounter) {
            ctx.delayReply(ms);
        }
    }
}
