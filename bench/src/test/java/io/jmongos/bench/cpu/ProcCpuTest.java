package io.jmongos.bench.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcCpuTest {
    /** A real /proc/PID/stat line of a java process (fields 14 and 15: utime 1234, stime 56). */
    static final String STAT = "4242 (java) S 1 4242 4242 0 -1 4194560 53281 0 12 0 1234 56 0 0 20 0 40 0"
            + " 987654 6000000000 60000 18446744073709551615 1 1 0 0 0 0 0 4096 16796879 0 0 0 17 1 0 0 0 0 0";

    @Test
    void utimePlusStimeAreFields14And15() {
        assertThat(ProcCpu.ticksOfStatLine(STAT)).isEqualTo(1290);
    }

    @Test
    void aCommWithSpacesAndParenthesesIsSkippedUpToTheLastParenthesis() {
        String odd = STAT.replace("(java)", "(my (odd) ) name 7 8 9)");
        assertThat(ProcCpu.ticksOfStatLine(odd)).isEqualTo(1290);
    }

    @Test
    void aLineThatIsNotAStatLineIsUnknown() {
        assertThat(ProcCpu.ticksOfStatLine("")).isEqualTo(-1);
        assertThat(ProcCpu.ticksOfStatLine("4242 java S 1 2 3")).isEqualTo(-1);
        assertThat(ProcCpu.ticksOfStatLine("4242 (java) S 1 2 3")).isEqualTo(-1);
        assertThat(ProcCpu.ticksOfStatLine(STAT.replace(" 1234 56 ", " x 56 "))).isEqualTo(-1);
    }

    @Test
    void aMissingStatFileIsUnknown(@TempDir Path dir) throws Exception {
        assertThat(ProcCpu.ticksOf(dir.resolve("nothing"))).isEqualTo(-1);
        Path stat = Files.writeString(dir.resolve("stat"), STAT + "\n");
        assertThat(ProcCpu.ticksOf(stat)).isEqualTo(1290);
    }

    @Test
    void thisJvmsOwnTicksAreReadWhereProcExists() {
        if (Files.isReadable(Path.of("/proc/self/stat"))) {
            assertThat(ProcCpu.selfTicks()).isGreaterThanOrEqualTo(0);
            assertThat(ProcCpu.ticks(ProcessHandle.current().pid())).isGreaterThanOrEqualTo(0);
            assertThat(ProcCpu.TICKS_PER_SECOND).isPositive();
        } else {
            assertThat(ProcCpu.selfTicks()).isEqualTo(-1);
        }
    }
}
