package io.jmongos.router.frontend.proxy;

import static io.jmongos.router.frontend.proxy.ProxyHeaders.v1;
import static io.jmongos.router.frontend.proxy.ProxyHeaders.v2;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.jmongos.router.frontend.proxy.GateHarness.Feed;

@org.junit.jupiter.api.extension.ExtendWith(NoLeaks.class)
class MainPortProxyDetectorTest {
    private LogCapture log;

    @BeforeEach
    void captureLog() {
        log = new LogCapture(MainPortProxyDetector.class);
    }

    @AfterEach
    void closeLog() {
        log.close();
    }

    /** An ordinary wire message goes through untouched and the detector is gone after the first read. */
    @Test
    void wireBytesPassUntouchedAndTheDetectorLeaves() {
        GateHarness h = GateHarness.mainPort();
        h.write(GateHarness.WIRE_BYTES);
        assertThat(h.channel.pipeline().get(MainPortProxyDetector.NAME)).isNull();
        assertThat(h.recorder.bytes.toByteArray()).isEqualTo(GateHarness.WIRE_BYTES);
        assertThat(h.recorder.reads).isEqualTo(1);
        h.write(new byte[] {9, 8, 7});
        assertThat(h.recorder.reads).isEqualTo(2);
        assertThat(h.channel.isOpen()).isTrue();
        assertThat(h.metrics.mainPortDetections()).isZero();
        assertThat(log.events()).isEmpty();
        h.finishAndCheckReleased();
    }

    /** A 21072-byte message starts with 'P' 'R' (0x5250); it differs from "PROXY " at its third byte. */
    @Test
    void aMessageThatStartsLikeV1IsPassedOnOnceItDiffers() {
        GateHarness h = GateHarness.mainPort();
        byte[] start = {'P', 'R', 0, 0, 0x01, 0, 0, 0};
        for (int i = 0; i < 2; i++) {
            h.write(new byte[] {start[i]});
            assertThat(h.recorder.bytes.size()).isZero();
        }
        h.write(new byte[] {start[2]});
        assertThat(h.recorder.bytes.toByteArray()).containsExactly('P', 'R', 0);
        h.write(java.util.Arrays.copyOfRange(start, 3, start.length));
        assertThat(h.recorder.bytes.toByteArray()).isEqualTo(start);
        assertThat(h.channel.pipeline().get(MainPortProxyDetector.NAME)).isNull();
        h.finishAndCheckReleased();
    }

    @Test
    void aMessageThatStartsLikeV2IsPassedOnOnceItDiffers() {
        GateHarness h = GateHarness.mainPort();
        h.write(new byte[] {0x0d, 0x0a, 0x0d});
        assertThat(h.recorder.bytes.size()).isZero();
        h.write(new byte[] {0x00, 0x10, 0, 0});
        assertThat(h.recorder.bytes.toByteArray()).containsExactly(0x0d, 0x0a, 0x0d, 0x00, 0x10, 0, 0);
        h.finishAndCheckReleased();
    }

    @ParameterizedTest
    @EnumSource(value = Feed.class)
    void v1HeaderIsDetectedAndClosed(Feed feed) {
        GateHarness h = GateHarness.mainPort();
        h.feed(v1("PROXY TCP4 1.2.3.4 5.6.7.8 1000 27017\r\n"), feed);
        assertDetected(h);
    }

    @ParameterizedTest
    @EnumSource(value = Feed.class)
    void v2HeaderIsDetectedAndClosed(Feed feed) {
        GateHarness h = GateHarness.mainPort();
        h.feed(v2(0x21, 0x11, ProxyHeaders.inet4(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), feed);
        assertDetected(h);
    }

    @Test
    void bareSignaturesAreEnough() {
        GateHarness h = GateHarness.mainPort();
        h.write(v1("PROXY "));
        assertDetected(h);
        GateHarness h2 = GateHarness.mainPort();
        h2.write(ProxyProtocolSignature.V2);
        assertThat(h2.channel.isOpen()).isFalse();
        h2.finishAndCheckReleased();
    }

    private void assertDetected(GateHarness h) {
        assertThat(h.channel.isOpen()).isFalse();
        assertThat(h.recorder.bytes.size()).isZero();
        assertThat(h.channel.outboundMessages()).isEmpty();
        assertThat(h.metrics.mainPortDetections()).isEqualTo(1);
        assertThat(log.events()).hasSize(1);
        ILoggingEvent e = log.events().get(0);
        assertThat(e.getLevel()).isEqualTo(Level.INFO);
        assertThat(e.getMessage()).isEqualTo("Error receiving request from client");
        Map<String, Object> attrs = LogCapture.attrs(e);
        assertThat(attrs).containsEntry("id", 22988).containsEntry("c", "NETWORK").containsEntry("remote", "embedded");
        assertThat(((BsonDocument) attrs.get("error")).toJson()).isEqualTo("{\"code\": 96, \"codeName\": "
                + "\"OperationFailed\", \"errmsg\": \"ProxyProtocol message detected on mongorpc port\"}");
        h.finishAndCheckReleased();
    }
}
