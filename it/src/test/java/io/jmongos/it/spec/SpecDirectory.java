package io.jmongos.it.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of MongoDB specification test files, from the system property {@code spec.dir} (the build
 * passes ../shared/specifications). The files are read from there, never copied into the project.
 */
final class SpecDirectory {
    static final String PROPERTY = "spec.dir";

    private SpecDirectory() {
    }

    /** The folder, or null when the property is unset or the folder is missing. */
    static Path root() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path p = Path.of(dir).toAbsolutePath().normalize();
        return Files.isDirectory(p) ? p : null;
    }

    /** Why the spec tests cannot run (for a JUnit assumption), or null when they can. */
    static String unavailable() {
        if (root() != null) {
            return null;
        }
        return "spec tests skipped: no specification folder (system property " + PROPERTY + "="
                + System.getProperty(PROPERTY) + "); run with -Dspec.dir=../shared/specifications";
    }

    /** The *.json files of a folder, sorted by name. */
    static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A short suite name for a folder: its path under the spec root without "tests" and "unified"
     * segments (load-balancers/tests -> load-balancers, crud/tests/unified -> crud).
     */
    static String suiteName(Path dir) {
        Path root = root();
        Path abs = dir.toAbsolutePath().normalize();
        Path rel = root != null && abs.startsWith(root) ? root.relativize(abs) : abs.getFileName();
        List<String> parts = new ArrayList<>();
        for (Path part : rel) {
            String s = part.toString();
            if (!s.equals("tests") && !s.equals("unified")) {
                parts.add(s);
            }
        }
        return parts.isEmpty() ? abs.getFileName().toString() : String.join("/", parts);
    }
}
