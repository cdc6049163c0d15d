package io.jmongos.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Writes a run's {@code <stamp>-<host>.json} and {@code .md} into the results folder, and puts the markdown
 * between the markers of docs/PERFORMANCE.md (creating the file with the markers if needed).
 */
public final class ResultsFiles {
    static final String BEGIN = "<!-- bench:latest:begin (written by bench/run; edits inside are overwritten) -->";
    static final String END = "<!-- bench:latest:end -->";

    private ResultsFiles() {
    }

    /** Writes both files; returns the JSON path. */
    public static Path write(Path dir, String baseName, BsonDocument json, String markdown) throws IOException {
        Files.createDirectories(dir);
        Path j = dir.resolve(baseName + ".json");
        Files.writeString(j, json.toJson(JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true)
                .build()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(baseName + ".md"), markdown, StandardCharsets.UTF_8);
        return j;
    }

    /** Replace the latest-run section of the performance document (everything else is kept). */
    public static void updateDoc(Path doc, String markdown, String resultsFile) throws IOException {
        String section = BEGIN + "\n\n" + markdown + "\nRaw figures: `" + resultsFile + "`.\n\n" + END;
        String text;
        if (Files.exists(doc)) {
            String old = Files.readString(doc, StandardCharsets.UTF_8);
            int b = old.indexOf(BEGIN);
            int e = old.indexOf(END);
            if (b >= 0 && e > b) {
                text = old.substring(0, b) + section + old.substring(e + END.length());
            } else {
                text = old + (old.endsWith("\n") ? "\n" : "\n\n") + "## Latest run\n\n" + section + "\n";
            }
        } else {
            Files.createDirectories(doc.toAbsolutePath().getParent());
            text = "# Performance\n\nHow to run: `bench/run` (see bench/README in docs).\n\n## Latest run\n\n"
                    + section + "\n";
        }
        Files.writeString(doc, text, StandardCharsets.UTF_8);
    }
}
