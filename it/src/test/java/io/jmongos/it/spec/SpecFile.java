package io.jmongos.it.spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A Unified Test Format file: its path, suite folder and parsed content. */
record SpecFile(Path path, String suite, BsonDocument doc) {
    static SpecFile read(Path path, String suite) {
        return new SpecFile(path, suite, SpecJson.read(path));
    }

    /** The file name without ".json", e.g. "cursors". */
    String name() {
        String n = path.getFileName().toString();
        return n.endsWith(".json") ? n.substring(0, n.length() - ".json".length()) : n;
    }

    List<SpecCase> cases() {
        List<SpecCase> out = new ArrayList<>();
        for (BsonValue t : doc.getArray("tests")) {
            out.add(new SpecCase(this, t.asDocument()));
        }
        return out;
    }
}
