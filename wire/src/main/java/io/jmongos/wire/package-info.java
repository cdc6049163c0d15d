/**
 * The MongoDB wire protocol as Netty codecs.
 *
 * <p>Server pipeline (the router), in this order:
 * <pre>
 * pipeline.addLast(new WireFrameDecoder(),     // ByteBuf stream -> one ByteBuf per message, length checked
 *                  new WireMessageDecoder(),   // message -> OpMsgRequest | OpQueryRequest (OP_COMPRESSED unwrapped)
 *                  new WireMessageEncoder(),   // OpMsgReply | OpReplyMessage -> bytes (compressed if asked)
 *                  commandHandler);
 * </pre>
 * Client pipeline (tests, benchmarks, remote shards): {@link io.jmongos.wire.WireFrameDecoder},
 * {@link io.jmongos.wire.WireReplyDecoder}, {@link io.jmongos.wire.WireRequestEncoder}.
 *
 * <p>Malformed input raises {@link io.jmongos.wire.WireProtocolException} from the decoders (its message is the
 * reason, ready for a log line); the connection must then be closed. Replies echo the request's
 * {@link io.jmongos.wire.WireCompressor}; which replies to leave uncompressed (hello) is the caller's choice.
 * The decoders, encoders and {@link io.jmongos.wire.WireMessageDecoder} are stateless and sharable;
 * {@link io.jmongos.wire.WireFrameDecoder} is per channel.
 */
package io.jmongos.wire;
