package io.jmongos.bench.report;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** The markdown of the scale figures: idle connections, disconnect cleanup, indexed vs unindexed find. */
final class ScaleMarkdown {
    private ScaleMarkdown() {
    }

    static void append(StringBuilder md, BsonDocument scale) {
        idle(md, scale.getDocument("idle", null));
        idleTls(md, scale.getDocument("idleTls", null));
        cleanup(md, scale.getDocument("cleanup", null));
        index(md, scale.getDocument("index", null));
    }

    private static void idle(StringBuilder md, BsonDocument idle) {
        if (idle == null) {
            return;
        }
        BsonDocument base = idle.getDocument("baseline");
        md.append("#### Idle LB connections (PROXY v2 + hello loadBalanced, then silent)\n\n")
                .append("| held | RSS KiB | native RSS growth KiB/conn | heap after GC KiB | live heap growth KiB/conn"
                        + " | resident KiB/conn | whole RSS / conns KiB | threads | ping p50 / p99 / p99.9 µs "
                        + "(1 active LB client) | note |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        BsonDocument bp = base.getDocument("ping");
        md.append("| 0 | ").append(s(base, "rssKib")).append(" | – | ").append(s(base, "heapUsedAfterGcKib"))
                .append(" | – | – | – | ").append(s(base, "threads")).append(" | ").append(lat(bp))
                .append(" | baseline |\n");
        for (BsonValue v : idle.getArray("steps")) {
            BsonDocument d = v.asDocument();
            String note = d.isNull("cappedBy") ? "" : MarkdownReport.cell(d.getString("cappedBy").getValue());
            if (d.getInt32("failedOpens").getValue() > 0) {
                note += " failed opens: " + d.getInt32("failedOpens").getValue() + " ("
                        + MarkdownReport.cell(MarkdownReport.str(d, "firstError")) + ")";
            }
            md.append("| ").append(s(d, "held")).append(" | ").append(s(d, "rssKib")).append(" | ")
                    .append(s(d, "rssDeltaPerConnKib")).append(" | ").append(s(d, "heapUsedAfterGcKib")).append(" | ")
                    .append(s(d, "heapDeltaPerConnKib")).append(" | ").append(s(d, "residentPerConnKib")).append(" | ")
                    .append(s(d, "rssTotalPerConnKib")).append(" | ").append(s(d, "threads")).append(" | ")
                    .append(lat(d.getDocument("ping"))).append(" | ").append(note).append(" |\n");
        }
        md.append("\nThe target runs with -XX:+AlwaysPreTouch (heap resident from the start), so RSS growth is native"
                + " memory; resident per connection = native RSS growth + live heap growth after a full GC.\n")
                .append("After closing all: server saw them gone in ").append(s(idle, "afterCloseAllGoneMillis"))
                .append(" ms; RSS ").append(s(idle, "rssAfterCloseKib")).append(" KiB.\n\n");
    }

    private static void idleTls(StringBuilder md, BsonDocument d) {
        if (d == null) {
            return;
        }
        md.append("#### Idle TLS connections beside idle plain ones (one allowTLS process, main port)\n\n")
                .append("| connections | held | native RSS growth KiB/conn | live heap growth KiB/conn"
                        + " | resident KiB/conn | server saw all ms | failed opens |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (String kind : new String[] {"plain", "tls"}) {
            BsonDocument s = d.getDocument(kind, null);
            if (s == null) {
                continue;
            }
            md.append("| ").append(kind.equals("tls") ? "TLS (handshake, hello, silent)" : "plain (hello, silent)")
                    .append(" | ").append(s(s, "held")).append(" | ").append(s(s, "rssDeltaPerConnKib")).append(" | ")
                    .append(s(s, "heapDeltaPerConnKib")).append(" | ").append(s(s, "residentPerConnKib"))
                    .append(" | ").append(s(s, "serverSawAllMillis")).append(" | ").append(s(s, "failedOpens"))
                    .append(" |\n");
        }
        md.append("\nThe plain connections are opened first, then as many TLS ones on top; each row is that step's"
                + " growth (-XX:+AlwaysPreTouch: RSS growth is native memory, heap after a full GC).\n\n");
    }

    private static void cleanup(StringBuilder md, BsonDocument c) {
        if (c == null) {
            return;
        }
        md.append("#### Disconnect cleanup (LB clients with an open cursor and an open transaction)\n\n")
                .append("| clients | per client p50 ms | p99 ms | max ms | cursor p99 ms | txn p99 ms | all gone after"
                        + " first close ms | close loop ms | counter polls (mean ms) | aborted Δ | Interrupted Δ |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n| ")
                .append(s(c, "clients")).append(" | ").append(s(c, "perClientP50Millis")).append(" | ")
                .append(s(c, "perClientP99Millis")).append(" | ").append(s(c, "perClientMaxMillis")).append(" | ")
                .append(s(c, "cursorP99Millis")).append(" | ").append(s(c, "txnP99Millis")).append(" | ")
                .append(s(c, "allGoneAfterFirstCloseMillis")).append(" | ").append(s(c, "closeLoopMillis"))
                .append(" | ").append(s(c, "polls")).append(" (").append(s(c, "meanPollMillis")).append(") | ")
                .append(s(c, "transactionsAbortedDelta")).append(" | ").append(s(c, "abortCauseInterruptedDelta"))
                .append(" |\n\n");
        cleanupRounds(md, c);
        md.append("All clients close at once. Per-client time: the k-th client to close is matched with the k-th"
                + " cursor kill and the k-th abort seen in serverStatus counters (metrics.cursor.open.total,"
                + " transactions.currentOpen) polled by three clients at once; a sample is timed by the server's"
                + " localTime (rounded up to the next millisecond, kept within the poll's send and receive), so each"
                + " figure is an upper bound. One cold warm-up round, then before every round the target's JIT is"
                + " let settle; the table shows the round with the median p99. `$currentOp` (idleCursors,"
                + " idleSessions) confirms exactly these cursors and transactions were listed before and none"
                + " after.\n\n");
    }

    /** One line with every measured round's p50 / p99 and the cold warm-up round's, when recorded. */
    private static void cleanupRounds(StringBuilder md, BsonDocument c) {
        if (!c.isArray("rounds")) {
            return;
        }
        StringBuilder line = new StringBuilder("Rounds (per client p50 / p99 ms):");
        int i = 1;
        for (var r : c.getArray("rounds")) {
            line.append(i == 1 ? " " : ", ").append("round ").append(i++).append(' ')
                    .append(s(r.asDocument(), "perClientP50Millis")).append(" / ")
                    .append(s(r.asDocument(), "perClientP99Millis"));
        }
        if (c.isDocument("warmUp")) {
            BsonDocument w = c.getDocument("warmUp");
            line.append("; cold warm-up round (not counted) ").append(s(w, "perClientP50Millis")).append(" / ")
                    .append(s(w, "perClientP99Millis"));
        }
        md.append(line).append(".\n\n");
    }

    private static void index(StringBuilder md, BsonDocument x) {
        if (x == null) {
            return;
        }
        BsonDocument i = x.getDocument("indexed");
        BsonDocument u = x.getDocument("unindexed");
        md.append("#### Issue 5: find by indexed vs unindexed field\n\n")
                .append("| documents | load s | query | queries | p50 ms | p99 ms | plan |\n")
                .append("|---:|---:|---|---:|---:|---:|---|\n")
                .append("| ").append(s(x, "documents")).append(" | ").append(s(x, "loadSeconds"))
                .append(" | {a: v} (indexed) | ").append(s(i, "queries")).append(" | ").append(ms(i, "p50Millis"))
                .append(" | ").append(ms(i, "p99Millis")).append(" | ").append(s(i, "plan")).append(" |\n")
                .append("| | | {b: v} (no index) | ").append(s(u, "queries")).append(" | ").append(ms(u, "p50Millis"))
                .append(" | ").append(ms(u, "p99Millis")).append(" | ").append(s(u, "plan")).append(" |\n\n")
                .append("Ratio of medians: **").append(s(x, "ratioOfMedians")).append("×** (each query returns ")
                .append(s(x, "matchesPerQuery")).append(" documents).\n\n");
    }

    private static String lat(BsonDocument p) {
        return String.format(java.util.Locale.ROOT, "%,.0f / %,.0f / %,.0f", p.getDouble("p50Micros").getValue(),
                p.getDouble("p99Micros").getValue(), p.getDouble("p999Micros").getValue());
    }

    private static String ms(BsonDocument d, String k) {
        return String.format(java.util.Locale.ROOT, "%.3f", d.getDouble(k).getValue());
    }

    private static String s(BsonDocument d, String k) {
        return MarkdownReport.str(d, k);
    }
}
