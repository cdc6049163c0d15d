package io.jmongos.wire;

import io.netty.handler.codec.DecoderException;

/**
 * Malformed wire input: the connection it arrived on must be closed. The message is the reason, written for a log
 * line ("message length 7 is below the 16-byte minimum"); the router logs it once with the peer address.
 *
 * <p>It extends Netty's {@link DecoderException} so that Netty's decoders pass it through unwrapped to
 * {@code exceptionCaught}.
 */
public class WireProtocolException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public WireProtocolException(String reason) {
        super(reason);
    }

    public WireProtocolException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The reason, as given to the constructor. */
    public String reason() {
        return getMessage();
    }
}
