package io.jmongos.router.frontend.proxy;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.util.AttributeKey;

/**
 * First handler of every channel on the load-balancer port: the stream must start with a PROXY protocol
 * header (v1 text or v2 binary). Steps, Vert.x style:
 * <ol>
 *   <li>detect: every byte must continue the v1 ({@code "PROXY "}) or v2 signature, so anything else is
 *       refused on its first byte;</li>
 *   <li>v1: wait for the CRLF, at most 107 bytes in; v2: check the fixed fields and the length cap as
 *       soon as the 16 fixed bytes are in, then the TLV layout once the whole header is in;</li>
 *   <li>decode with Netty's {@link HAProxyMessageDecoder}, followed by a completion handler that stores a
 *       {@link ProxiedConnection} under {@link #PROXIED}, fires {@link ProxyHeaderAccepted} and removes the
 *       helpers; bytes that followed the header go on to the next handler untouched.</li>
 * </ol>
 * A timeout ({@code proxyProtocolTimeoutSecs}, read when the channel starts) covers all steps. Any failure
 * logs one error line ("Error while parsing proxy protocol header") and closes the socket without a reply.
 * Not sharable: create one per channel.
 */
public final class ProxyProtocolGate extends ByteToMessageDecoder {
    /** Where the accepted header is kept for the life of the channel. */
    public static final AttributeKey<ProxiedConnection> PROXIED =
            AttributeKey.valueOf(ProxyProtocolGate.class, "PROXIED");
    /** Suggested pipeline name for the gate. */
    public static final String NAME = "proxyProtocolGate";
    /** Pipeline names of the helpers the gate installs after itself (removed again on success). */
    static final String DECODER_NAME = "proxyProtocolDecoder";
    static final String COMPLETION_NAME = "proxyProtocolCompletion";
    /** A v1 header is at most 107 bytes including its CRLF (spec 2.1). */
    static final int V1_MAX_BYTES = 107;
    /** Longest hex dump of unexpected first bytes in the error line. */
    private static final int MAX_DUMP_BYTES = 16;

    private final ProxyProtocolParameters parameters;
    private final ProxyProtocolMetrics metrics;
    private ProxyGateState state;
    private int maxHeaderBytes;
    private boolean handedOff;

    public ProxyProtocolGate(ProxyProtocolParameters parameters, ProxyProtocolMetrics metrics) {
        this.parameters = Objects.requireNonNull(parameters);
        this.metrics = Objects.requireNonNull(metrics);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        state = new ProxyGateState(ctx.channel(), metrics);
        maxHeaderBytes = parameters.maxHeaderBytes();
        if (ctx.channel().isActive()) {
            state.startTimer(parameters.timeoutSecs());
        }
        super.handlerAdded(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        state.rememberRemote();
        state.startTimer(parameters.timeoutSecs());
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf b) {
            state.sawBytes(b.readableBytes());
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state.done()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        switch (ProxyProtocolSignature.match(in)) {
            case NONE -> reject(in, ProxyProtocolRejection.NOT_PROXY, "not a PROXY protocol header: first bytes "
                    + ByteBufUtil.hexDump(in, in.readerIndex(), Math.min(in.readableBytes(), MAX_DUMP_BYTES)));
            case V1 -> {
                if (hasV1LineEnd(in)) {
                    handOff(ctx);
                } else if (in.readableBytes() >= V1_MAX_BYTES) {
                    reject(in, ProxyProtocolRejection.MALFORMED,
                            "v1 header has no CRLF within its first " + V1_MAX_BYTES + " bytes");
                }
            }
            case V2 -> {
                ProxyV2HeaderCheck.Verdict v = ProxyV2HeaderCheck.check(in, maxHeaderBytes);
                if (v.ok()) {
                    handOff(ctx);
                } else if (v.complete()) {
                    reject(in, v.reason(), v.error());
                }
            }
            default -> {
                // NEED_MORE: what is there so far is the start of a signature
            }
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // The peer closed: a partial header is not decoded; channelInactive reports it.
        in.skipBytes(in.readableBytes());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (state.done()) {
            return;
        }
        if (cause instanceof IOException) {
            state.closedEarly(cause.getMessage());
        } else {
            state.reject(ProxyProtocolRejection.MALFORMED, ProxyGateState.describe(cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        super.channelInactive(ctx);
        if (!handedOff) {
            state.closedEarly(null);
        }
    }

    /** True when a CRLF ends the line within the first {@link #V1_MAX_BYTES} bytes. */
    private static boolean hasV1LineEnd(ByteBuf in) {
        int start = in.readerIndex();
        int end = start + Math.min(in.readableBytes(), V1_MAX_BYTES) - 1;
        for (int i = start; i < end; i++) {
            if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n') {
                return true;
            }
        }
        return false;
    }

    private void reject(ByteBuf in, ProxyProtocolRejection reason, String error) {
        in.skipBytes(in.readableBytes());
        state.reject(reason, error);
    }

    /** Hand the buffered bytes (header and whatever followed) to Netty's decoder and a completion handler. */
    private void handOff(ChannelHandlerContext ctx) {
        handedOff = true;
        ChannelPipeline p = ctx.pipeline();
        p.addAfter(ctx.name(), DECODER_NAME, new HAProxyMessageDecoder(maxHeaderBytes));
        p.addAfter(DECODER_NAME, COMPLETION_NAME, new ProxyHeaderCompletionHandler(state));
        p.remove(this);
    }
}
