package io.jmongos.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import io.jmongos.router.auth.InternalAuthKeys;
import io.jmongos.server.StartupException;

/**
 * Reads {@code --keyFile} / {@code security.keyFile} as MongoDB does (security_file.cpp, security_key.cpp): on POSIX
 * the file must not be readable, writable or executable by group or others; its content is YAML, a single string or
 * a sequence of strings (one key, or two during a key rotation); whitespace inside a key is removed; a key may hold
 * only base64 characters ({@code A-Z a-z 0-9 + / =}) and must then be 6 to 1024 characters long. Every problem is a
 * {@link StartupException} (exit code 2) with one line naming the file and the reason, MongoDB's words where it has
 * them; the key itself is never shown.
 */
public final class KeyFileReader {
    /** Largest key file read: two keys of 1024 characters with generous whitespace fit many times over. */
    static final long MAX_FILE_BYTES = 64 * 1024;
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFileReader() {
    }

    /** The keys of the file, checked. */
    public static List<String> read(Path file) {
        String text = readText(file);
        List<String> keys = new ArrayList<>();
        Node root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new java.io.StringReader(text));
        } catch (YAMLException e) {
            throw new StartupException("error reading file: " + file + ": " + e.getMessage().replace('\n', ' '), e);
        }
        if (root != null) {
            collect(file, root, keys);
        }
        if (keys.isEmpty()) {
            throw new StartupException("Security key file " + file + " does not contain any valid keys");
        }
        if (keys.size() > InternalAuthKeys.MAX_KEYS) {
            throw new StartupException("Only two keys are supported in the security key file " + file + ", "
                    + keys.size() + " are specified");
        }
        for (String key : keys) {
            if (key.length() < InternalAuthKeys.MIN_KEY_LENGTH || key.length() > InternalAuthKeys.MAX_KEY_LENGTH) {
                throw new StartupException("Security key size is out range: a key in " + file + " has "
                        + key.length() + " characters once whitespace is removed; it must have "
                        + InternalAuthKeys.MIN_KEY_LENGTH + " to " + InternalAuthKeys.MAX_KEY_LENGTH);
            }
        }
        return List.copyOf(keys);
    }

    private static String readText(Path file) {
        try {
            if (!Files.exists(file)) {
                throw new StartupException("Error reading file " + file + ": No such file or directory");
            }
            if (!Files.isRegularFile(file)) {
                throw new StartupException("Error reading file " + file + ": not a regular file");
            }
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                    throw new StartupException("permissions on " + file + " are too open (chmod 400 or 600: the "
                            + "key file must not be open to group or others)");
                }
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new StartupException("error reading file: " + file + ": larger than " + MAX_FILE_BYTES
                        + " bytes");
            }
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                StringBuilder b = new StringBuilder();
                char[] buf = new char[4096];
                for (int n; (n = r.read(buf)) > 0; ) {
                    b.append(buf, 0, n);
                }
                return b.toString();
            }
        } catch (NoSuchFileException e) {
            throw new StartupException("Error reading file " + file + ": No such file or directory", e);
        } catch (IOException e) {
            throw new StartupException("error opening file: " + file + ": " + e.getMessage(), e);
        }
    }

    /** Scalars are keys; sequences (nested too) hold keys; anything else is refused, as in MongoDB. */
    private static void collect(Path file, Node node, List<String> keys) {
        if (node instanceof ScalarNode scalar) {
            keys.add(strip(file, scalar.getValue()));
        } else if (node instanceof SequenceNode sequence) {
            sequence.getValue().forEach(child -> collect(file, child, keys));
        } else {
            throw new StartupException("Only strings and sequences are supported for YAML key files: " + file);
        }
    }

    /** The key without whitespace (0x09 … 0x0D and space); any other non-base64 character is refused. */
    private static String strip(Path file, String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '\u0009' && c <= '\r' || c == ' ') {
                continue;
            }
            boolean base64 = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+'
                    || c == '/' || c == '=';
            if (!base64) {
                throw new StartupException("invalid char in key file " + file
                        + " (a key may hold only base64 characters and whitespace)");
            }
            out.append(c);
        }
        return out.toString();
    }
}
