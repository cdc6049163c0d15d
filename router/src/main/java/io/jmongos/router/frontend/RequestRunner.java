package io.jmongos.router.frontend;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandDispatcher;
import io.jmongos.router.command.CommandOutcome;
import io.jmongos.router.command.LegacyOpQueryDispatcher;
import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.wire.OpCode;
import io.jmongos.wire.OpMsgReply;
import io.jmongos.wire.OpMsgRequest;
import io.jmongos.wire.OpQueryRequest;
import io.jmongos.wire.OpReplyMessage;
import io.jmongos.wire.RejectedRequest;
import io.jmongos.wire.WireCompressor;
import io.jmongos.wire.WireProtocolException;
import io.jmongos.wire.WireReply;
import io.jmongos.wire.WireRequest;

/** Turns a decoded request into a command outcome, and an outcome into the wire reply. Thread-safe. */
final class RequestRunner {
    private final RouterServices services;
    private final CommandDispatcher dispatcher;
    private final LegacyOpQueryDispatcher legacy;

    RequestRunner(RouterServices services) {
        this.services = services;
        this.dispatcher = new CommandDispatcher(services);
        this.legacy = new LegacyOpQueryDispatcher(dispatcher);
    }

    /**
     * Run the request's command; a {@link RejectedRequest} (a command nested past the BSON depth limit) gets its
     * error reply, as MongoDB answers a command it cannot parse.
     *
     * @throws WireProtocolException when the request was compressed with a compressor this server has not
     *                               enabled (MongoDB cannot decompress it either): the connection is closed
     */
    CommandOutcome run(ClientConnectionState conn, WireRequest request) {
        WireCompressor c = request.compressor();
        if (c != WireCompressor.NOOP && !services.network().compressors().contains(c.handshakeName())) {
            throw new WireProtocolException("message compressed with " + c.handshakeName()
                    + ", which is not enabled on this server (enabled: " + services.network().compressors() + ")");
        }
        if (request instanceof OpMsgRequest m) {
            return dispatcher.dispatch(conn, m.commandDocument());
        }
        if (request instanceof RejectedRequest r) {
            return new CommandOutcome("", r.error().toReply(), false, 0, true);
        }
        OpQueryRequest q = (OpQueryRequest) request;
        return legacy.dispatch(conn, q.fullCollectionName(), q.query());
    }

    /**
     * Whether the request can run on the I/O thread that decoded it: an OP_MSG command that never waits and does
     * bounded work ({@link CommandDispatcher#runsInline}). Everything else, OP_QUERY included, goes to a worker.
     */
    boolean runsInline(WireRequest request) {
        return request instanceof OpMsgRequest m && dispatcher.runsInline(m.commandDocument());
    }

    /** The reply to send, or null when the request asked for none (OP_MSG moreToCome). */
    static WireReply reply(WireRequest request, CommandOutcome outcome) {
        WireCompressor compressor = outcome.compressible() ? request.compressor() : WireCompressor.NOOP;
        if (request instanceof OpMsgRequest m) {
            return m.moreToCome() ? null : new OpMsgReply(m.requestId(), 0, outcome.reply(), compressor);
        }
        if (request instanceof RejectedRequest r && r.opCode() == OpCode.OP_MSG) {
            return r.moreToCome() ? null : new OpMsgReply(r.requestId(), 0, outcome.reply(), compressor);
        }
        return new OpReplyMessage(request.requestId(), 0, outcome.reply(), compressor);
    }
}
