package io.jmongos.router.metrics;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * Builds the client library's metric snapshots from values read at scrape time (serverStatus sections): one
 * family per call, several labelled points per family. Counter names are given without {@code _total}; the
 * library's writer adds it.
 */
final class SnapshotBuilder {
    private final List<MetricSnapshot> out = new ArrayList<>();

    /** A counter family with one point per {@code (labels, value)} pair. */
    Counter counter(String name, String help) {
        return new Counter(name, help);
    }

    /** A gauge family. */
    Gauge gauge(String name, String help) {
        return new Gauge(name, help);
    }

    List<MetricSnapshot> snapshots() {
        return out;
    }

    /** A counter family under construction. */
    final class Counter {
        private final CounterSnapshot.Builder b;

        Counter(String name, String help) {
            b = CounterSnapshot.builder().name(name).help(help);
        }

        Counter point(double value, String... labels) {
            b.dataPoint(CounterDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build());
            return this;
        }

        void add() {
            out.add(b.build());
        }
    }

    /** A gauge family under construction. */
    final class Gauge {
        private final GaugeSnapshot.Builder b;

        Gauge(String name, String help) {
            b = GaugeSnapshot.builder().name(name).help(help);
        }

        Gauge point(double value, String... labels) {
            b.dataPoint(GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build());
            return this;
        }

        void add() {
            out.add(b.build());
        }
    }

    /** The number at a dotted path of a document, 0 when absent or not a number. */
    static double number(BsonDocument doc, String path) {
        BsonValue v = doc;
        for (String part : path.split("\\.")) {
            if (v == null || !v.isDocument()) {
                return 0;
            }
            v = v.asDocument().get(part);
        }
        return v != null && v.isNumber() ? v.asNumber().doubleValue() : 0;
    }

    /** The sub-document at a dotted path, empty when absent. */
    static BsonDocument document(BsonDocument doc, String path) {
        BsonValue v = doc;
        for (String part : path.split("\\.")) {
            if (v == null || !v.isDocument()) {
                return new BsonDocument();
            }
            v = v.asDocument().get(part);
        }
        return v != null && v.isDocument() ? v.asDocument() : new BsonDocument();
    }
}
