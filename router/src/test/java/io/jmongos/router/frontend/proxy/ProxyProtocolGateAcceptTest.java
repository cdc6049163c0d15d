package io.jmongos.router.frontend.proxy;

import static io.jmongos.router.frontend.proxy.ProxyHeaders.concat;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.inet4;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.inet6;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.tlv;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.v1;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.v2;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ch.qos.logback.classic.Level;
import io.jmongos.router.frontend.proxy.GateHarness.Feed;
import io.jmongos.router.frontend.proxy.ProxiedConnection.Command;
import io.jmongos.router.frontend.proxy.ProxiedConnection.Family;
import io.jmongos.router.frontend.proxy.ProxiedConnection.Transport;

/** Every accepted PROXY form, written whole, byte by byte, and with wire bytes after it in the same read. */
@org.junit.jupiter.api.extension.ExtendWith(NoLeaks.class)
class ProxyProtocolGateAcceptTest {
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = new LogCapture(ProxyProtocolGate.class);
    }

    @AfterEach
    void noErrors() {
        assertThat(log.at(Level.ERROR)).isEmpty();
        log.close();
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void v1Tcp4(Feed feed) throws Exception {
        ProxiedConnection c = accept(v1("PROXY TCP4 192.168.0.1 10.0.0.1 56324 27017\r\n"), feed);
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.command()).isEqualTo(Command.PROXY);
        assertThat(c.family()).isEqualTo(Family.INET);
        assertThat(c.transport()).isEqualTo(Transport.STREAM);
        assertThat(c.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("192.168.0.1"), 56324));
        assertThat(c.destination()).isEqualTo(new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 27017));
        assertThat(c.clientAddress()).isEqualTo(c.source());
        assertThat(c.usesPeerAddress()).isFalse();
        assertThat(c.tlvs()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void v1Tcp6(Feed feed) throws Exception {
        ProxiedConnection c = accept(v1("PROXY TCP6 2001:db8::1 2001:db8::2:1 40000 27017\r\n"), feed);
        assertThat(c.version()).isEqualTo(1);
        assertThat(c.family()).isEqualTo(Family.INET6);
        assertThat(c.transport()).isEqualTo(Transport.STREAM);
        assertThat(c.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 40000));
        assertThat(c.destination()).isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::2:1"), 27017));
        assertThat(c.clientAddress()).isEqualTo(c.source());
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void v1UnknownWithoutAddresses(Feed feed) {
        ProxiedConnection c = accept(v1("PROXY UNKNOWN\r\n"), feed);
        assertPeerFallback(c, 1, Command.PROXY);
    }

    /** The specification's worst case: 107 bytes with CRLF; receivers ignore what follows UNKNOWN. */
    @ParameterizedTest
    @EnumSource(Feed.class)
    void v1UnknownWithAddressesOfMaximumLength(Feed feed) {
        String line = "PROXY UNKNOWN ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
                + " 65535 65535\r\n";
        assertThat(line).hasSize(107);
        ProxiedConnection c = accept(v1(line), feed);
        assertPeerFallback(c, 1, Command.PROXY);
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void v2ProxyInet(Feed feed) throws Exception {
        ProxiedConnection c = accept(v2(0x21, 0x11, inet4(203, 0, 113, 7, 10, 1, 2, 3, 51000, 27018)), feed);
        assertThat(c.version()).isEqualTo(2);
        assertThat(c.command()).isEqualTo(Command.PROXY);
        assertThat(c.family()).isEqualTo(Family.INET);
        assertThat(c.transport()).isEqualTo(Transport.STREAM);
        assertThat(c.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("203.0.113.7"), 51000));
        assertThat(c.destination()).isEqualTo(new InetSocketAddress(InetAddress.getByName("10.1.2.3"), 27018));
        assertThat(c.clientAddress()).isEqualTo(c.source());
        assertThat(c.tlvs()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void v2ProxyInet6(Feed feed) throws Exception {
        byte[] src = InetAddress.getByName("2001:db8:0:0:0:0:0:7").getAddress();
        byte[] dst = InetAddress.getByName("fd00::1").getAddress();
        ProxiedConnection c = accept(v2(0x21, 0x21, inet6(src, dst, 65535, 1)), feed);
        assertThat(c.family()).isEqualTo(Family.INET6);
        assertThat(c.transport()).isEqualTo(Transport.STREAM);
        assertThat(c.source()).isEqualTo(new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 65535));
        assertThat(c.destination()).isEqualTo(new InetSocketAddress(InetAddress.getByName("fd00::1"), 1));
        assertThat(c.clientAddress()).isEqualTo(c.source());
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void v2ProxyUnixUsesThePeerAddress(Feed feed) {
        ProxiedConnection c = accept(v2(0x21, 0x31, ProxyHeaders.unix("/run/client.sock", "/run/mongos.sock")), feed);
        assertThat(c.family()).isEqualTo(Family.UNIX);
        assertThat(c.transport()).isEqualTo(Transport.STREAM);
        assertThat(c.source()).isEqualTo(UnixDomainSocketAddress.of("/run/client.sock"));
        assertThat(c.destination()).isEqualTo(UnixDomainSocketAddress.of("/run/mongos.sock"));
        assertThat(c.clientAddress()).isNull();
        assertThat(c.usesPeerAddress()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void v2ProxyUnspec(Feed feed) {
        ProxiedConnection c = accept(v2(0x21, 0x00, new byte[0]), feed);
        assertPeerFallback(c, 2, Command.PROXY);
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void v2Local(Feed feed) {
        ProxiedConnection c = accept(v2(0x20, 0x00, new byte[0]), feed);
        assertPeerFallback(c, 2, Command.LOCAL);
    }

    /** A LOCAL header ignores its address block, whatever family it names (spec 2.2). */
    @ParameterizedTest
    @EnumSource(Feed.class)
    void v2LocalWithAnAddressBlock(Feed feed) {
        ProxiedConnection c = accept(v2(0x20, 0x11, inet4(1, 2, 3, 4, 5, 6, 7, 8, 1, 2)), feed);
        assertPeerFallback(c, 2, Command.LOCAL);
    }

    @ParameterizedTest
    @EnumSource(Feed.class)
    void v2TlvsAreKept(Feed feed) {
        byte[] ssl = ProxyHeaders.sslTlv(0x07, 0, tlv(0x21, "TLSv1.3"), tlv(0x22, "CN=app"), tlv(0x23, "TLS_AES_128"));
        byte[] aws = concat(new byte[] {0x01}, "vpce-0123456789abcdef0".getBytes(StandardCharsets.US_ASCII));
        byte[] body = concat(inet4(198, 51, 100, 9, 10, 0, 0, 5, 40001, 27017),
                tlv(0x02, "mongo.example.com"), ssl, tlv(0xE0, new byte[] {1, 2, 3}), tlv(0xEF, new byte[0]),
                tlv(0xEA, aws), tlv(0x04, new byte[] {0, 0, 0}));
        ProxiedConnection c = accept(v2(0x21, 0x11, body), feed);
        assertThat(c.tlvs()).extracting(ProxiedConnection.Tlv::type).containsExactly(0x02, 0x20, 0xE0, 0xEF, 0xEA, 0x04);
        assertThat(c.authority()).isEqualTo("mongo.example.com");
        assertThat(c.awsVpceId()).isEqualTo("vpce-0123456789abcdef0");
        assertThat(c.tlv(0xE0)).containsExactly(1, 2, 3);
        assertThat(c.tlv(0xEF)).isEmpty();
        assertThat(c.tlv(0x04)).containsExactly(0, 0, 0);
        ProxiedConnection.Tlv sslTlv = c.tlvs().get(1);
        assertThat(sslTlv.value()).isEqualTo(java.util.Arrays.copyOfRange(ssl, 3, ssl.length));
        assertThat(sslTlv.subTlvs()).extracting(ProxiedConnection.Tlv::type).containsExactly(0x21, 0x22, 0x23);
        assertThat(new String(sslTlv.subTlvs().get(0).value(), StandardCharsets.US_ASCII)).isEqualTo("TLSv1.3");
        assertThat(new String(sslTlv.subTlvs().get(1).value(), StandardCharsets.US_ASCII)).isEqualTo("CN=app");
        assertThat(c.source()).isEqualTo(new InetSocketAddress("198.51.100.9", 40001));
    }

    /** The attribute and event are set before the first wire byte reaches the next handler. */
    @ParameterizedTest
    @EnumSource(value = Feed.class, names = "WITH_WIRE_BYTES")
    void eventComesBeforeTheBytesThatFollowed(Feed feed) {
        GateHarness h = new GateHarness();
        h.feed(v1("PROXY TCP4 1.1.1.1 2.2.2.2 1 2\r\n"), feed);
        assertThat(h.recorder.order).hasSize(2);
        assertThat(h.recorder.order.get(0)).isInstanceOf(ProxyHeaderAccepted.class);
        assertThat(h.recorder.order.get(1)).isEqualTo("bytes");
        h.finishAndCheckReleased();
    }

    /** Bytes sent after the accepted header in later reads reach the next handler as they come. */
    @ParameterizedTest
    @EnumSource(value = Feed.class, names = {"WHOLE", "BYTE_BY_BYTE"})
    void laterReadsPassStraightThrough(Feed feed) {
        GateHarness h = new GateHarness();
        h.feed(v2(0x21, 0x11, inet4(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), feed);
        h.write(GateHarness.WIRE_BYTES);
        h.write(new byte[] {1, 2, 3});
        assertThat(h.recorder.bytes.toByteArray()).isEqualTo(concat(GateHarness.WIRE_BYTES, new byte[] {1, 2, 3}));
        assertThat(h.channel.pipeline().first()).isSameAs(h.recorder);
        h.finishAndCheckReleased();
    }

    private static void assertPeerFallback(ProxiedConnection c, int version, Command command) {
        assertThat(c.version()).isEqualTo(version);
        assertThat(c.command()).isEqualTo(command);
        assertThat(c.family()).isEqualTo(Family.UNSPEC);
        assertThat(c.transport()).isEqualTo(Transport.UNSPEC);
        assertThat(c.source()).isNull();
        assertThat(c.destination()).isNull();
        assertThat(c.clientAddress()).isNull();
        assertThat(c.usesPeerAddress()).isTrue();
        assertThat(c.tlvs()).isEmpty();
    }

    /** Feed the header, check the common outcome of an accepted header, return what it said. */
    private ProxiedConnection accept(byte[] header, Feed feed) {
        GateHarness h = new GateHarness();
        byte[] expectedAfter = h.feed(header, feed);
        assertThat(h.channel.isOpen()).isTrue();
        assertThat(h.hasHelpers()).as("gate and helpers removed").isFalse();
        assertThat(h.recorder.events).hasSize(1);
        ProxiedConnection c = ((ProxyHeaderAccepted) h.recorder.events.get(0)).connection();
        assertThat(h.channel.attr(ProxyProtocolGate.PROXIED).get()).isSameAs(c);
        assertThat(h.recorder.bytes.toByteArray()).isEqualTo(expectedAfter);
        assertThat(h.metrics.acceptedTotal()).isEqualTo(1);
        assertThat(c.version() == 1 ? h.metrics.acceptedV1() : h.metrics.acceptedV2()).isEqualTo(1);
        assertThat(c.command() == Command.LOCAL ? h.metrics.acceptedLocal() : h.metrics.acceptedProxy()).isEqualTo(1);
        assertThat(h.metrics.rejectedTotal()).isZero();
        h.channel.runPendingTasks();
        h.channel.advanceTimeBy(1, java.util.concurrent.TimeUnit.HOURS);
        h.channel.runScheduledPendingTasks();
        assertThat(h.channel.isOpen()).as("the header timeout was cancelled").isTrue();
        h.finishAndCheckReleased();
        assertThat(h.metrics.rejectedTotal()).as("closing after acceptance is no rejection").isZero();
        return c;
    }
}
