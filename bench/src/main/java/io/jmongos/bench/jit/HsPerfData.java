package io.jmongos.bench.jit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The long counters of a HotSpot JVM's performance data file ({@code /tmp/hsperfdata_<user>/<pid>}, the shared
 * memory jstat reads; on by default, {@code -XX:+UsePerfData}). Reading it costs a file read, not a jcmd JVM, so
 * the benchmark can poll target JVMs while they run. Layout (HotSpot perfMemory.hpp, format 2.0): a 32-byte
 * prologue (magic 0xcafec0c0 big-endian, byte order, major, minor, accessible, used, overflow, mod time stamp,
 * entry offset, entry count), then entries of a 20-byte header (entry length, name offset, vector length, type,
 * flags, units, variability, data offset; offsets relative to the entry) followed by the name and the data.
 */
public final class HsPerfData {
    /** HotSpot writes this magic number big-endian whatever the byte order of the rest. */
    static final int MAGIC = 0xcafec0c0;
    /** PerfDataPrologue size. */
    static final int PROLOGUE_LENGTH = 32;
    /** PerfDataEntry header size: three ints, four bytes, one int. */
    static final int ENTRY_HEADER_LENGTH = 20;
    /** The file is a few tens of KiB (-XX:PerfDataMemorySize, default 32 KiB); larger is not a perf data file. */
    static final int MAX_FILE_LENGTH = 16 * 1024 * 1024;
    /** Type code of a long counter (HotSpot BasicType char 'J'). */
    static final byte TYPE_LONG = 'J';

    private HsPerfData() {
    }

    /** Where HotSpot keeps the file of {@code pid}: Linux uses /tmp whatever java.io.tmpdir says. */
    public static Path file(long pid) {
        return Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(pid));
    }

    /** Every scalar long counter of {@code pid}'s perf data file. */
    public static Map<String, Long> longCounters(long pid) throws IOException {
        Path f = file(pid);
        long size = Files.size(f);
        if (size < PROLOGUE_LENGTH || size > MAX_FILE_LENGTH) {
            throw new IOException(f + ": size " + size + " is not a perf data file's");
        }
        return parse(ByteBuffer.wrap(Files.readAllBytes(f)));
    }

    /** Parse a perf data buffer: every scalar long counter by name. */
    static Map<String, Long> parse(ByteBuffer b) throws IOException {
        if (b.remaining() < PROLOGUE_LENGTH || b.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC) {
            throw new IOException("not a perf data buffer (magic)");
        }
        b.order(b.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int used = b.getInt(8);
        int entryOffset = b.getInt(24);
        int entries = b.getInt(28);
        int end = Math.min(used, b.limit());
        if (entryOffset < PROLOGUE_LENGTH || entryOffset > end || entries < 0) {
            throw new IOException("perf data prologue out of range: entry offset " + entryOffset + ", entries "
                    + entries + ", used " + used);
        }
        Map<String, Long> out = new HashMap<>();
        int at = entryOffset;
        for (int i = 0; i < entries && at + ENTRY_HEADER_LENGTH <= end; i++) {
            int length = b.getInt(at);
            int nameOffset = b.getInt(at + 4);
            int vectorLength = b.getInt(at + 8);
            byte type = b.get(at + 12);
            int dataOffset = b.getInt(at + 16);
            if (length < ENTRY_HEADER_LENGTH || length > end - at || nameOffset < ENTRY_HEADER_LENGTH
                    || nameOffset >= length || dataOffset < nameOffset || dataOffset > length) {
                throw new IOException("perf data entry " + i + " at " + at + " out of range");
            }
            if (type == TYPE_LONG && vectorLength == 0 && dataOffset + Long.BYTES <= length) {
                out.put(name(b, at + nameOffset, at + dataOffset), b.getLong(at + dataOffset));
            }
            at += length;
        }
        return out;
    }

    private static String name(ByteBuffer b, int from, int limit) {
        int end = from;
        while (end < limit && b.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - from];
        b.get(from, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
