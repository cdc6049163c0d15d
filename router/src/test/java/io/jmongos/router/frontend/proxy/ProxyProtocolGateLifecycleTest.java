package io.jmongos.router.frontend.proxy;

import static io.jmongos.router.frontend.proxy.ProxyHeaders.v1;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.v2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.bson.BsonInt32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import io.jmongos.router.param.ServerParameters;

/** Timeout, early close, health checks and runtime parameters. */
@org.junit.jupiter.api.extension.ExtendWith(NoLeaks.class)
class ProxyProtocolGateLifecycleTest {
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = new LogCapture(ProxyProtocolGate.class);
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    @Test
    void timeoutFiresOnAPartialV1Header() {
        GateHarness h = new GateHarness();
        h.write(v1("PROXY TCP4 1.2.3"));
        assertTimesOutAfter(h, 10);
        assertThat(error()).isEqualTo("no complete PROXY protocol header within 10 seconds (16 bytes received)");
        h.finishAndCheckReleased();
    }

    /** The v2 header is complete up to its length field; its TLVs never come. */
    @Test
    void timeoutFiresOnAPartialV2HeaderInTheDecoder() {
        GateHarness h = new GateHarness();
        byte[] header = v2(0x21, 0x11, ProxyHeaders.concat(ProxyHeaders.inet4(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                ProxyHeaders.tlv(0xE0, new byte[100])));
        h.write(Arrays.copyOf(header, 40));
        assertTimesOutAfter(h, 10);
        h.finishAndCheckReleased();
    }

    @Test
    void timeoutFiresWhenNothingIsSent() {
        GateHarness h = new GateHarness();
        assertTimesOutAfter(h, 10);
        assertThat(error()).contains("(0 bytes received)");
        h.finishAndCheckReleased();
    }

    @Test
    void timeoutFiresOnAPartialSignature() {
        GateHarness h = new GateHarness();
        h.write(new byte[] {0x0d, 0x0a, 0x0d});
        assertTimesOutAfter(h, 10);
        h.finishAndCheckReleased();
    }

    /** proxyProtocolTimeoutSecs is runtime settable: a channel started after the change uses the new value. */
    @Test
    void timeoutIsReadFromTheParametersWhenTheChannelStarts() {
        ServerParameters parameters = new ServerParameters();
        ProxyProtocolParameters pp = ProxyProtocolParameters.register(parameters);
        GateHarness before = new GateHarness(pp);
        parameters.set(ProxyProtocolParameters.TIMEOUT_SECS, new BsonInt32(2), false);
        GateHarness after = new GateHarness(pp);
        after.write(v1("PROXY "));
        assertTimesOutAfter(after, 2);
        before.channel.advanceTimeBy(9, TimeUnit.SECONDS);
        before.channel.runScheduledPendingTasks();
        assertThat(before.channel.isOpen()).isTrue();
        before.channel.advanceTimeBy(1, TimeUnit.SECONDS);
        before.channel.runScheduledPendingTasks();
        assertThat(before.channel.isOpen()).isFalse();
        before.finishAndCheckReleased();
        after.finishAndCheckReleased();
    }

    @Test
    void parametersAreRangeChecked() {
        ServerParameters parameters = new ServerParameters();
        ProxyProtocolParameters pp = ProxyProtocolParameters.register(parameters);
        assertThat(pp.timeoutSecs()).isEqualTo(10);
        assertThat(pp.maxHeaderBytes()).isEqualTo(4096);
        for (int bad : new int[] {0, 3601}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parameters.set(
                    ProxyProtocolParameters.TIMEOUT_SECS, new BsonInt32(bad), false))
                    .hasMessageContaining("must be between 1 and 3600");
        }
        for (int bad : new int[] {231, 65552}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> parameters.set(
                    ProxyProtocolParameters.MAX_HEADER_BYTES, new BsonInt32(bad), true))
                    .hasMessageContaining("must be between 232 and 65551");
        }
        parameters.set(ProxyProtocolParameters.MAX_HEADER_BYTES, new org.bson.BsonString("65551"), true);
        assertThat(pp.maxHeaderBytes()).isEqualTo(65551);
    }

    /** TCP health checks (and NLB health checks) connect and close without a byte: debug only. */
    @Test
    void closeBeforeAnyByteIsQuiet() {
        GateHarness h = new GateHarness();
        h.channel.close();
        assertThat(log.at(Level.ERROR)).isEmpty();
        assertThat(log.at(Level.DEBUG)).extracting(e -> e.getMessage())
                .containsExactly("Connection on the load balancer port closed before sending a PROXY protocol header");
        assertThat(h.metrics.rejectedCount(ProxyProtocolRejection.CLOSED_EARLY)).isEqualTo(1);
        h.finishAndCheckReleased();
    }

    @Test
    void closeInsideTheSignatureIsAnError() {
        GateHarness h = new GateHarness();
        h.write(v1("PRO"));
        h.channel.close();
        assertClosedEarlyError(h);
    }

    @Test
    void closeInsideTheDecoderIsAnError() {
        GateHarness h = new GateHarness();
        h.write(v1("PROXY TCP4 1.2.3.4 "));
        h.channel.close();
        assertClosedEarlyError(h);
        assertThat(error()).startsWith("connection closed after 19 bytes");
    }

    /** HAProxy's {@code check} with {@code send-proxy-v2}: a LOCAL header, then close. Debug only. */
    @Test
    void v2LocalThenCloseIsQuiet() {
        GateHarness h = new GateHarness();
        h.write(v2(0x20, 0x00, new byte[0]));
        h.channel.close();
        assertThat(log.at(Level.ERROR)).isEmpty();
        assertThat(log.at(Level.DEBUG)).extracting(e -> e.getMessage())
                .containsExactly("Accepted PROXY protocol LOCAL header (load balancer's own connection)");
        assertThat(h.metrics.acceptedLocal()).isEqualTo(1);
        assertThat(h.metrics.rejectedTotal()).isZero();
        h.finishAndCheckReleased();
    }

    @Test
    void metricsDocument() {
        GateHarness h = new GateHarness();
        h.write(v2(0x20, 0x00, new byte[0]));
        GateHarness bad = new GateHarness(h.metrics, ProxyProtocolParameters.defaults());
        bad.write(new byte[] {1});
        GateHarness main = GateHarness.mainPort(h.metrics);
        main.write(v1("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n"));
        assertThat(h.metrics.report().asDocument().toJson()).isEqualTo("{\"accepted\": {\"total\": 1, \"v1\": 0, "
                + "\"v2\": 1, \"proxy\": 0, \"local\": 1}, \"rejected\": {\"total\": 1, \"notProxy\": 1, \"malformed\": 0, "
                + "\"oversized\": 0, \"timeout\": 0, \"closedEarly\": 0}, \"mainPortDetected\": 1}");
        assertThat(h.metrics.name()).isEqualTo("proxyProtocol");
        h.finishAndCheckReleased();
        bad.finishAndCheckReleased();
        main.finishAndCheckReleased();
    }

    private void assertTimesOutAfter(GateHarness h, int secs) {
        h.channel.advanceTimeBy(secs - 1, TimeUnit.SECONDS);
        h.channel.runScheduledPendingTasks();
        assertThat(h.channel.isOpen()).isTrue();
        h.channel.advanceTimeBy(1, TimeUnit.SECONDS);
        h.channel.runScheduledPendingTasks();
        assertThat(h.channel.isOpen()).isFalse();
        assertThat(h.recorder.bytes.size()).isZero();
        assertThat(h.recorder.events).isEmpty();
        assertThat(h.metrics.rejectedCount(ProxyProtocolRejection.TIMEOUT)).isEqualTo(1);
        assertThat(h.metrics.rejectedTotal()).isEqualTo(1);
        assertThat(log.at(Level.ERROR)).hasSize(1);
        assertThat(LogCapture.attrs(log.at(Level.ERROR).get(0))).containsEntry("reason", "timeout");
    }

    private void assertClosedEarlyError(GateHarness h) {
        assertThat(log.at(Level.ERROR)).hasSize(1);
        assertThat(LogCapture.attrs(log.at(Level.ERROR).get(0))).containsEntry("reason", "closedEarly")
                .containsEntry("remote", "embedded");
        assertThat(h.metrics.rejectedCount(ProxyProtocolRejection.CLOSED_EARLY)).isEqualTo(1);
        assertThat(h.metrics.rejectedTotal()).isEqualTo(1);
        h.finishAndCheckReleased();
    }

    private String error() {
        return (String) LogCapture.attrs(log.at(Level.ERROR).get(0)).get("error");
    }
}
