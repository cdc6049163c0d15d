package io.jmongos.bench.jit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HsPerfDataTest {

    /** A perf data buffer: prologue, a long counter, a byte-vector (string) entry, another long counter. */
    private static ByteBuffer buffer(ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(256).order(order);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0, HsPerfData.MAGIC).order(order);
        b.put(4, (byte) (order == ByteOrder.BIG_ENDIAN ? 0 : 1)).put(5, (byte) 2).put(6, (byte) 0).put(7, (byte) 1);
        int at = HsPerfData.PROLOGUE_LENGTH;
        at = entry(b, at, "sun.ci.totalCompiles", 'J', 0, 890);
        at = entry(b, at, "sun.ci.lastMethod", 'B', 16, 0);
        at = entry(b, at, "java.ci.totalTime", 'J', 0, 426_604_989);
        b.putInt(8, at).putInt(24, HsPerfData.PROLOGUE_LENGTH).putInt(28, 3);
        return b;
    }

    /** One entry: header, NUL-terminated name, data 8-aligned; returns the offset after it. */
    private static int entry(ByteBuffer b, int at, String name, char type, int vector, long value) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        int nameOffset = HsPerfData.ENTRY_HEADER_LENGTH;
        int dataOffset = (nameOffset + n.length + 1 + 7) & ~7;
        int length = dataOffset + (vector == 0 ? Long.BYTES : vector);
        b.putInt(at, length).putInt(at + 4, nameOffset).putInt(at + 8, vector).put(at + 12, (byte) type)
                .putInt(at + 16, dataOffset);
        b.put(at + nameOffset, n);
        if (vector == 0) {
            b.putLong(at + dataOffset, value);
        }
        return at + length;
    }

    @Test
    void readsScalarLongCountersInEitherByteOrder() throws IOException {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            Map<String, Long> c = HsPerfData.parse(buffer(order));
            assertThat(c).containsOnly(Map.entry("sun.ci.totalCompiles", 890L),
                    Map.entry("java.ci.totalTime", 426_604_989L));
        }
    }

    @Test
    void rejectsAWrongMagic() {
        ByteBuffer b = buffer(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0);
        assertThatThrownBy(() -> HsPerfData.parse(b)).isInstanceOf(IOException.class).hasMessageContaining("magic");
    }

    @Test
    void rejectsAnEntryOffsetOutsideTheUsedBytes() {
        ByteBuffer b = buffer(ByteOrder.LITTLE_ENDIAN);
        b.putInt(24, 4096);
        assertThatThrownBy(() -> HsPerfData.parse(b)).isInstanceOf(IOException.class)
                .hasMessageContaining("prologue out of range");
    }

    @Test
    void rejectsAnEntryLongerThanTheBuffer() {
        ByteBuffer b = buffer(ByteOrder.LITTLE_ENDIAN);
        b.putInt(HsPerfData.PROLOGUE_LENGTH, 10_000);
        assertThatThrownBy(() -> HsPerfData.parse(b)).isInstanceOf(IOException.class)
                .hasMessageContaining("entry 0");
    }

    @Test
    void rejectsANameOffsetInsideTheEntryHeader() {
        ByteBuffer b = buffer(ByteOrder.LITTLE_ENDIAN);
        b.putInt(HsPerfData.PROLOGUE_LENGTH + 4, 3);
        assertThatThrownBy(() -> HsPerfData.parse(b)).isInstanceOf(IOException.class)
                .hasMessageContaining("entry 0");
    }

    @Test
    void readsTheCompilerCountersOfThisJvm() {
        JitCounters c = JitCounters.of(ProcessHandle.current().pid());
        assertThat(c).isNotNull();
        assertThat(c.compiles()).isPositive();
        assertThat(c.compileMillis()).isPositive();
    }

    @Test
    void countersFromNamesAndTheirDifference() {
        JitCounters a = JitCounters.from(Map.of(JitCounters.TOTAL_COMPILES, 100L, JitCounters.TOTAL_TIME, 2_000_000L,
                JitCounters.TICKS_PER_SECOND, 1_000_000_000L));
        JitCounters b = JitCounters.from(Map.of(JitCounters.TOTAL_COMPILES, 130L, JitCounters.TOTAL_TIME, 5_000_000L,
                JitCounters.TICKS_PER_SECOND, 1_000_000_000L));
        assertThat(a).isEqualTo(new JitCounters(100, 2.0));
        assertThat(b.minus(a)).isEqualTo(new JitCounters(30, 3.0));
        assertThat(JitCounters.from(Map.of())).isNull();
    }
}
