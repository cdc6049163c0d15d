package io.jmongos.router.command.session;

import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.RouterServices;
import io.jmongos.router.session.LogicalSessionId;
import io.jmongos.router.shard.Shard;
import io.jmongos.router.shard.ShardReply;
import io.jmongos.router.shard.ShardUnavailableException;

/**
 * mongos's {@code killSessionsRemote}: once the router has killed its own matching sessions (their cursors, with
 * their shard cursors, and their transactions), {@code {killAllSessionsByPattern: [...]}} goes to every shard on
 * admin, so what the sessions left there through any router (cursors, open transactions) ends too. Shards that could
 * not be reached are MongoDB's error: 6 HostUnreachable "Failed to kill on some hosts" with {@code failedHosts}.
 */
final class SessionKillBroadcast {
    private static final Logger LOG = LoggerFactory.getLogger(SessionKillBroadcast.class);
    static final String COMMAND = "killAllSessionsByPattern";

    private SessionKillBroadcast() {
    }

    /** The pattern of every session. */
    static BsonArray all() {
        return new BsonArray(List.of(new BsonDocument()));
    }

    /** The patterns of these sessions, by lsid. */
    static BsonArray of(List<LogicalSessionId> lsids) {
        BsonArray out = new BsonArray();
        lsids.forEach(l -> out.add(new BsonDocument("lsid", l.toBsonWithUid())));
        return out;
    }

    /** Send {@code patterns} to every shard; HostUnreachable naming the shards that could not be reached. */
    static void send(RouterServices services, BsonArray patterns) {
        BsonArray failed = new BsonArray();
        for (Shard shard : services.shards().refreshed()) {
            try {
                ShardReply r = shard.run("admin", new BsonDocument(COMMAND, patterns));
                if (!r.ok()) {
                    LOG.debug("killAllSessionsByPattern failed on shard={} reply={}", shard.name(), r.raw().toJson());
                }
            } catch (ShardUnavailableException e) {
                String host = services.shards().hostOf(shard.name());
                failed.add(new BsonString(host == null ? shard.host() : host));
            }
        }
        if (!failed.isEmpty()) {
            throw new CommandFailedException(ErrorCode.HOST_UNREACHABLE, "Failed to kill on some hosts")
                    .with("failedHosts", failed);
        }
    }
}
