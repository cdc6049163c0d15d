package io.jmongos.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A 200,000-document collection scanned with a filter in a JVM whose heap is capped at 256 MiB: cursors
 * stream from RocksDB instead of materialising the collection.
 */
class LargeScanTest {
    private static final int DOCUMENTS = 200_000;
    private static final String HEAP = "-Xmx256m";
    /** Generous bound on the child's run time; it normally takes well under a minute. */
    private static final long TIMEOUT_MINUTES = 5;

    @Test
    void scanOf200kDocumentsWorksWithA256MiBHeap() throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), HEAP, "-cp",
                System.getProperty("java.class.path"), LargeScanMain.class.getName(), String.valueOf(DOCUMENTS)))
                .redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("matched=" + DOCUMENTS / 10 + " counted=" + DOCUMENTS + " ");
        long maxHeap = Long.parseLong(text.replaceAll("(?s).*maxHeap=(\\d+).*", "$1"));
        assertThat(maxHeap).isLessThanOrEqualTo(256L * 1024 * 1024);
    }
}
