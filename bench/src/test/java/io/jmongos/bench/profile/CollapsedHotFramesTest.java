package io.jmongos.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CollapsedHotFramesTest {

    private static String summary(List<String> lines) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CollapsedHotFrames.summarize(lines, 10, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countsSelfAndTotalSamplesOncePerStackAndSamplesPerThreadPool() {
        String s = summary(List.of(
                "[jmongos-io-3-1 tid=101];java/lang/Thread.run;io/jmongos/router/A.handle;io/jmongos/router/A.handle;"
                        + "send 60",
                "[jmongos-io-3-2 tid=102];java/lang/Thread.run;io/jmongos/router/A.handle;io/jmongos/engine/B.find 30",
                "[C2 CompilerThread0 tid=7];thread_native_entry;CompileBroker::compiler_thread_loop 10",
                "not a stack line",
                "[idle tid=1] 5"));
        assertThat(s).startsWith("100 CPU samples\n");
        assertThat(s).contains("  90.0%        90  jmongos-io-3-N\n", "  10.0%        10  C2 CompilerThread0\n");
        // self: the leaf frames
        assertThat(s).contains("  60.0%        60  send\n", "  30.0%        30  io.jmongos.engine.B.find\n");
        // total: A.handle twice on one stack counts once per sample
        assertThat(s).contains("== total (on stack)\n  90.0%        90  ");
        assertThat(s).contains("  90.0%        90  io.jmongos.router.A.handle\n");
        assertThat(s).contains("  10.0%        10  CompileBroker::compiler_thread_loop\n");
        String jmongos = s.substring(s.indexOf("== io.jmongos methods"));
        assertThat(jmongos).contains("io.jmongos.router.A.handle", "io.jmongos.engine.B.find")
                .doesNotContain("Thread.run");
    }

    @Test
    void javaFrameNamesUseDotsAndThreadIdsAndPoolIndexesAreDropped() {
        assertThat(CollapsedHotFrames.name("java/lang/Thread.run")).isEqualTo("java.lang.Thread.run");
        assertThat(CollapsedHotFrames.name("/usr/lib/libc.so.6")).isEqualTo("/usr/lib/libc.so.6");
        assertThat(CollapsedHotFrames.name("__libc_send")).isEqualTo("__libc_send");
        assertThat(CollapsedHotFrames.threadName("[jmongos-io-3-1 tid=101]")).isEqualTo("jmongos-io-3-N");
        assertThat(CollapsedHotFrames.threadName("[main tid=1]")).isEqualTo("main");
    }
}
