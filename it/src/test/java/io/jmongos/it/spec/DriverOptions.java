package io.jmongos.it.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.ClientSessionOptions;
import com.mongodb.ReadConcern;
import com.mongodb.ReadConcernLevel;
import com.mongodb.ReadPreference;
import com.mongodb.Tag;
import com.mongodb.TagSet;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.client.model.Collation;
import com.mongodb.client.model.CollationAlternate;
import com.mongodb.client.model.CollationCaseFirst;
import com.mongodb.client.model.CollationMaxVariable;
import com.mongodb.client.model.CollationStrength;

/** Turns the spec's option documents into driver option objects. */
final class DriverOptions {
    private DriverOptions() {
    }

    static ReadConcern readConcern(BsonDocument d) {
        if (d == null) {
            return null;
        }
        if (!d.containsKey("level")) {
            return ReadConcern.DEFAULT;
        }
        return new ReadConcern(ReadConcernLevel.fromString(d.getString("level").getValue()));
    }

    static WriteConcern writeConcern(BsonDocument d) {
        if (d == null) {
            return null;
        }
        WriteConcern wc = WriteConcern.ACKNOWLEDGED;
        if (d.isEmpty()) {
            return wc;
        }
        BsonValue w = d.get("w");
        if (w != null) {
            wc = w.isString() ? new WriteConcern(w.asString().getValue()) : new WriteConcern(w.asNumber().intValue());
        }
        if (d.containsKey("wtimeoutMS")) {
            wc = wc.withWTimeout(d.getNumber("wtimeoutMS").longValue(), TimeUnit.MILLISECONDS);
        }
        if (d.containsKey("journal")) {
            wc = wc.withJournal(d.getBoolean("journal").getValue());
        }
        for (String key : d.keySet()) {
            if (!List.of("w", "wtimeoutMS", "journal").contains(key)) {
                throw new UnsupportedFeatureException("writeConcern option " + key);
            }
        }
        return wc;
    }

    static ReadPreference readPreference(BsonDocument d) {
        if (d == null) {
            return null;
        }
        String mode = d.getString("mode").getValue();
        List<TagSet> tagSets = new ArrayList<>();
        if (d.containsKey("tagSets")) {
            for (BsonValue set : d.getArray("tagSets")) {
                List<Tag> tags = new ArrayList<>();
                for (Map.Entry<String, BsonValue> t : set.asDocument().entrySet()) {
                    tags.add(new Tag(t.getKey(), t.getValue().asString().getValue()));
                }
                tagSets.add(new TagSet(tags));
            }
        }
        if (d.containsKey("hedge")) {
            throw new UnsupportedFeatureException("readPreference hedge");
        }
        if (d.containsKey("maxStalenessSeconds")) {
            return ReadPreference.valueOf(mode, tagSets, d.getNumber("maxStalenessSeconds").longValue(),
                    TimeUnit.SECONDS);
        }
        return tagSets.isEmpty() ? ReadPreference.valueOf(mode) : ReadPreference.valueOf(mode, tagSets);
    }

    static Collation collation(BsonDocument d) {
        if (d == null) {
            return null;
        }
        Collation.Builder b = Collation.builder();
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            BsonValue v = e.getValue();
            switch (e.getKey()) {
                case "locale" -> b.locale(v.asString().getValue());
                case "caseLevel" -> b.caseLevel(v.asBoolean().getValue());
                case "caseFirst" -> b.collationCaseFirst(CollationCaseFirst.fromString(v.asString().getValue()));
                case "strength" -> b.collationStrength(CollationStrength.fromInt(v.asNumber().intValue()));
                case "numericOrdering" -> b.numericOrdering(v.asBoolean().getValue());
                case "alternate" -> b.collationAlternate(CollationAlternate.fromString(v.asString().getValue()));
                case "maxVariable" -> b.collationMaxVariable(CollationMaxVariable.fromString(v.asString().getValue()));
                case "normalization" -> b.normalization(v.asBoolean().getValue());
                case "backwards" -> b.backwards(v.asBoolean().getValue());
                default -> throw new UnsupportedFeatureException("collation option " + e.getKey());
            }
        }
        return b.build();
    }

    static TransactionOptions transactionOptions(Args a) {
        TransactionOptions.Builder b = TransactionOptions.builder();
        if (a.has("readConcern")) {
            b.readConcern(readConcern(a.document("readConcern")));
        }
        if (a.has("writeConcern")) {
            b.writeConcern(writeConcern(a.document("writeConcern")));
        }
        if (a.has("readPreference")) {
            b.readPreference(readPreference(a.document("readPreference")));
        }
        if (a.has("maxCommitTimeMS")) {
            b.maxCommitTime(a.longValue("maxCommitTimeMS"), TimeUnit.MILLISECONDS);
        }
        if (a.has("timeoutMS")) {
            b.timeout(a.longValue("timeoutMS"), TimeUnit.MILLISECONDS);
        }
        return b.build();
    }

    static ClientSessionOptions sessionOptions(BsonDocument d, Entities entities) {
        ClientSessionOptions.Builder b = ClientSessionOptions.builder();
        if (d == null) {
            return b.build();
        }
        for (Map.Entry<String, BsonValue> e : d.entrySet()) {
            switch (e.getKey()) {
                case "causalConsistency" -> b.causallyConsistent(e.getValue().asBoolean().getValue());
                case "snapshot" -> b.snapshot(e.getValue().asBoolean().getValue());
                case "defaultTransactionOptions" -> {
                    Args t = new Args("defaultTransactionOptions", e.getValue().asDocument(), entities);
                    b.defaultTransactionOptions(transactionOptions(t));
                    t.done();
                }
                case "defaultTimeoutMS" -> b.defaultTimeout(e.getValue().asNumber().longValue(), TimeUnit.MILLISECONDS);
                default -> throw new UnsupportedFeatureException("session option " + e.getKey());
            }
        }
        return b.build();
    }
}
