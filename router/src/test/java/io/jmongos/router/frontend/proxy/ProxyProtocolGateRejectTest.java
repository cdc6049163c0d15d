package io.jmongos.router.frontend.proxy;

import static io.jmongos.router.frontend.proxy.ProxyHeaders.concat;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.inet4;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.tlv;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.v1;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.v2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.jmongos.router.frontend.proxy.GateHarness.Feed;

/**
 * One test per malformed field: the socket is closed, nothing reaches the next handler, one error line
 * names the peer and the reason, the reason is counted, and every buffer is released.
 */
@org.junit.jupiter.api.extension.ExtendWith(NoLeaks.class)
class ProxyProtocolGateRejectTest {
    private static final byte[] INET_BODY = inet4(1, 2, 3, 4, 5, 6, 7, 8, 1000, 27017);

    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = new LogCapture(ProxyProtocolGate.class);
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @ParameterizedTest
    @EnumSource(value = Feed.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void badV1PrefixIsNotProxy(Feed feed) {
        GateHarness h = reject(v1("PROXYTCP4 1.2.3.4 5.6.7.8 1 2\r\n"), feed, ProxyProtocolRejection.NOT_PROXY);
        assertThat(error()).contains("50524f585954");
        h.finishAndCheckReleased();
    }

    /** A wire message (or TLS ClientHello, or HTTP) is refused on its first byte, without waiting. */
    @Test
    void nonProxyFirstByteIsRejectedAtOnce() {
        GateHarness h = new GateHarness();
        h.write(new byte[] {0x3a});
        assertRejected(h, ProxyProtocolRejection.NOT_PROXY);
        assertThat(error()).isEqualTo("not a PROXY protocol header: first bytes 3a");
        h.finishAndCheckReleased();
    }

    @Test
    void tlsClientHelloIsRejectedAtOnce() {
        GateHarness h = new GateHarness();
        h.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
        assertRejected(h, ProxyProtocolRejection.NOT_PROXY);
        h.finishAndCheckReleased();
    }

    @Test
    void badSecondByteOfV2SignatureIsRejectedAtOnce() {
        GateHarness h = new GateHarness();
        h.write(new byte[] {0x0d});
        assertThat(h.channel.isOpen()).isTrue();
        h.write(new byte[] {0x0d});
        assertRejected(h, ProxyProtocolRejection.NOT_PROXY);
        h.finishAndCheckReleased();
    }

    @ParameterizedTest
    @EnumSource(value = Feed.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void v1MissingCrlf(Feed feed) {
        byte[] line = v1("PROXY TCP4 " + "1".repeat(120));
        GateHarness h = reject(line, feed, ProxyProtocolRejection.MALFORMED);
        assertThat(error()).isEqualTo("v1 header has no CRLF within its first 107 bytes");
        h.finishAndCheckReleased();
    }

    /** 106 bytes without CRLF are still waited for; the 107th byte must complete the CRLF. */
    @Test
    void v1CrlfMustEndByByte107() {
        GateHarness h = new GateHarness();
        h.write(v1("PROXY UNKNOWN " + "x".repeat(106 - 14)));
        assertThat(h.channel.isOpen()).isTrue();
        h.write(v1("\r"));
        assertRejected(h, ProxyProtocolRejection.MALFORMED);
        h.finishAndCheckReleased();
    }

    @Test
    void v1CrOnlyIsNotAnEndOfLine() {
        reject(v1("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r" + "x".repeat(100)), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
    }

    @Test
    void v1BadFamilyToken() {
        reject(v1("PROXY TCP5 1.2.3.4 5.6.7.8 1 2\r\n"), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
    }

    @Test
    void v1UdpFamilyTokenIsNotAllowed() {
        reject(v1("PROXY UDP4 1.2.3.4 5.6.7.8 1 2\r\n"), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
    }

    @Test
    void v1BadIpv4Address() {
        reject(v1("PROXY TCP4 1.2.3.256 5.6.7.8 1 2\r\n"), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
        assertThat(error()).contains("1.2.3.256");
    }

    @Test
    void v1BadIpv6Address() {
        reject(v1("PROXY TCP6 2001:db8::g 2001:db8::1 1 2\r\n"), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
        assertThat(error()).contains("2001:db8::g");
    }

    @Test
    void v1Ipv4AddressUnderTcp6() {
        reject(v1("PROXY TCP6 1.2.3.4 5.6.7.8 1 2\r\n"), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
    }

    @Test
    void v1PortOutOfRange() {
        reject(v1("PROXY TCP4 1.2.3.4 5.6.7.8 65536 27017\r\n"), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
        assertThat(error()).contains("65536");
    }

    @Test
    void v1PortNotANumber() {
        reject(v1("PROXY TCP4 1.2.3.4 5.6.7.8 1x 27017\r\n"), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
    }

    @Test
    void v1TooManyFields() {
        reject(v1("PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\r\n"), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
    }

    @Test
    void v1TooFewFields() {
        reject(v1("PROXY TCP4 1.2.3.4 5.6.7.8 1\r\n"), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
    }

    @Test
    void v1DoubleSpace() {
        reject(v1("PROXY TCP4  1.2.3.4 5.6.7.8 1 2\r\n"), Feed.WHOLE, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
    }

    /** Checked on the 16 fixed bytes: the length says 5000 more bytes will come, they are not waited for. */
    @ParameterizedTest
    @EnumSource(value = Feed.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void v2BadVersionNibble(Feed feed) {
        reject(v2(0x11, 0x11, 5000, new byte[0]), feed, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
        assertThat(error()).contains("version nibble 0x1");
    }

    @Test
    void v2VersionNibbleThree() {
        reject(v2(0x31, 0x11, INET_BODY), Feed.WHOLE, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
    }

    @ParameterizedTest
    @EnumSource(value = Feed.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void v2BadCommandNibble(Feed feed) {
        reject(v2(0x22, 0x11, INET_BODY), feed, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
        assertThat(error()).contains("command nibble 0x2");
    }

    @Test
    void v2BadFamily() {
        reject(v2(0x21, 0x41, INET_BODY), Feed.WHOLE, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
        assertThat(error()).contains("family/transport byte 0x41");
    }

    @Test
    void v2BadTransport() {
        reject(v2(0x21, 0x13, INET_BODY), Feed.WHOLE, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
    }

    @Test
    void v2UnspecFamilyWithATransport() {
        reject(v2(0x21, 0x01, INET_BODY), Feed.WHOLE, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
    }

    @ParameterizedTest
    @EnumSource(value = Feed.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void v2LengthShorterThanInetAddresses(Feed feed) {
        reject(v2(0x21, 0x11, Arrays.copyOf(INET_BODY, 8)), feed, ProxyProtocolRejection.MALFORMED)
                .finishAndCheckReleased();
        assertThat(error()).contains("length 8 is shorter than the 12 address bytes");
    }

    @Test
    void v2LengthShorterThanInet6Addresses() {
        reject(v2(0x21, 0x21, new byte[35]), Feed.WHOLE, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
    }

    @Test
    void v2LengthShorterThanUnixAddresses() {
        reject(v2(0x21, 0x31, new byte[215]), Feed.WHOLE, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
    }

    /** Refused as soon as the 16 fixed bytes say so; the rest is never waited for. */
    @ParameterizedTest
    @EnumSource(value = Feed.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void v2LengthOverTheCap(Feed feed) {
        reject(v2(0x21, 0x11, 4096 - 16 + 1, INET_BODY), feed, ProxyProtocolRejection.OVERSIZED)
                .finishAndCheckReleased();
        assertThat(error()).isEqualTo("header of 4097 bytes is over the limit of 4096 (proxyProtocolMaxHeaderBytes)");
    }

    @Test
    void v2AtTheCapIsAccepted() {
        byte[] body = concat(INET_BODY, tlv(0xE1, new byte[4096 - 16 - 12 - 3]));
        GateHarness h = new GateHarness();
        h.feed(v2(0x21, 0x11, body), Feed.WHOLE);
        assertThat(h.channel.isOpen()).isTrue();
        assertThat(h.channel.attr(ProxyProtocolGate.PROXIED).get().tlv(0xE1)).hasSize(4096 - 31);
        h.finishAndCheckReleased();
    }

    @Test
    void v2CapIsConfigurable() {
        GateHarness h = new GateHarness(ProxyProtocolParameters.fixed(10, 300));
        h.feed(v2(0x21, 0x11, concat(INET_BODY, tlv(0xE0, new byte[300]))), Feed.WHOLE);
        assertRejected(h, ProxyProtocolRejection.OVERSIZED);
        h.finishAndCheckReleased();
    }

    @ParameterizedTest
    @EnumSource(value = Feed.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void v2TlvOverrunningTheHeader(Feed feed) {
        byte[] body = concat(INET_BODY, tlv(0x02, "ok"), new byte[] {(byte) 0xE0, 0, 50}, new byte[10]);
        reject(v2(0x21, 0x11, body), feed, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
        assertThat(error()).isEqualTo("TLV 0xe0 of length 50 overruns the header by 40 bytes");
    }

    @Test
    void v2TruncatedTlvHeader() {
        byte[] body = concat(INET_BODY, tlv(0x02, "ok"), new byte[] {(byte) 0xE0, 0});
        reject(v2(0x21, 0x11, body), Feed.WHOLE, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
    }

    @Test
    void v2SslTlvShorterThanItsFixedPart() {
        byte[] body = concat(INET_BODY, tlv(0x20, new byte[] {1, 0, 0, 0}));
        reject(v2(0x21, 0x11, body), Feed.WHOLE, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
    }

    @Test
    void v2SslSubTlvOverrunningTheSslTlv() {
        byte[] body = concat(INET_BODY, tlv(0x20, concat(new byte[] {1, 0, 0, 0, 0}, new byte[] {0x21, 0, 9, 1})));
        reject(v2(0x21, 0x11, body), Feed.WHOLE, ProxyProtocolRejection.MALFORMED).finishAndCheckReleased();
        assertThat(error()).startsWith("in SSL TLV: TLV 0x21 of length 9");
    }

    private GateHarness reject(byte[] header, Feed feed, ProxyProtocolRejection reason) {
        GateHarness h = new GateHarness();
        h.feed(header, feed);
        assertRejected(h, reason);
        return h;
    }

    /** The socket is closed, nothing passed on, one error line with peer and reason, the reason counted. */
    private void assertRejected(GateHarness h, ProxyProtocolRejection reason) {
        assertThat(h.channel.isOpen()).as("channel closed").isFalse();
        assertThat(h.recorder.bytes.size()).as("no byte passed on").isZero();
        assertThat(h.recorder.events).isEmpty();
        assertThat(h.channel.attr(ProxyProtocolGate.PROXIED).get()).isNull();
        assertThat(h.channel.outboundMessages()).as("no reply").isEmpty();
        assertThat(h.metrics.rejectedCount(reason)).isEqualTo(1);
        assertThat(h.metrics.rejectedTotal()).isEqualTo(1);
        assertThat(h.metrics.acceptedTotal()).isZero();
        List<ILoggingEvent> errors = log.at(Level.ERROR);
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).getMessage()).isEqualTo("Error while parsing proxy protocol header");
        Map<String, Object> attrs = LogCapture.attrs(errors.get(0));
        assertThat(attrs).containsEntry("id", 6067900).containsEntry("c", "NETWORK")
                .containsEntry("remote", "embedded").containsEntry("reason", reason.metricName())
                .containsKey("error");
    }

    private String error() {
        return (String) LogCapture.attrs(log.at(Level.ERROR).get(0)).get("error");
    }
}
