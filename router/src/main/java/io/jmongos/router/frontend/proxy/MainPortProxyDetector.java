package io.jmongos.router.frontend.proxy;

import java.util.List;
import java.util.Objects;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.jmongos.common.ErrorCode;
import io.jmongos.router.log.LogComponent;
import io.jmongos.router.log.LogIds;
import io.jmongos.router.log.StructuredLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * First handler of every channel on the main port: a stream that starts with a PROXY protocol signature
 * (a balancer pointed at the wrong port) is logged as mongod/mongos do and closed. Anything else: the
 * detector removes itself and passes every byte on untouched, so it costs nothing after the first read.
 * <p>
 * It never waits long: a wire message starts with its int32 length, little endian, at most 48000000; the
 * signatures read as lengths are far larger ({@code "PROX"} = 0x584F5250, {@code "\r\n\r\n"} = 0x0A0D0A0D),
 * so a real message differs from both within its first 4 bytes. At most 12 bytes are held back.
 * Not sharable: create one per channel.
 */
public final class MainPortProxyDetector extends ByteToMessageDecoder {
    /** Suggested pipeline name. */
    public static final String NAME = "mainPortProxyDetector";
    /** The errmsg MongoDB reports for this case. */
    public static final String MESSAGE = "ProxyProtocol message detected on mongorpc port";

    private static final Logger LOG = LoggerFactory.getLogger(MainPortProxyDetector.class);
    /** MongoDB's log id 22988 "Error receiving request from client" carries the error for this case. */
    private static final String LOG_MSG = "Error receiving request from client";

    private final ProxyProtocolMetrics metrics;
    private boolean detected;

    public MainPortProxyDetector(ProxyProtocolMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (detected) {
            in.skipBytes(in.readableBytes());
            return;
        }
        switch (ProxyProtocolSignature.match(in)) {
            case NONE -> ctx.pipeline().remove(this);
            case V1, V2 -> {
                detected = true;
                in.skipBytes(in.readableBytes());
                metrics.mainPortDetected();
                BsonDocument error = new BsonDocument("code", new BsonInt32(ErrorCode.OPERATION_FAILED.code()))
                        .append("codeName", new BsonString(ErrorCode.OPERATION_FAILED.codeName()))
                        .append("errmsg", new BsonString(MESSAGE));
                StructuredLog.info(LOG, LogIds.ERROR_RECEIVING_REQUEST, LogComponent.NETWORK, LOG_MSG)
                        .addKeyValue("error", error)
                        .addKeyValue("remote", ProxyProtocolLog.format(ctx.channel().remoteAddress()))
                        .log();
                ctx.close();
            }
            default -> {
                // NEED_MORE: the first bytes so far could still be a signature
            }
        }
    }
}
