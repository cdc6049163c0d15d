package io.jmongos.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --keyFile} with MongoDB's key file rules, through the command line: each bad file exits 2 with one line
 * naming the file and the reason (and never the key); good files, one key or two, in plain or YAML form, start.
 */
class KeyFileStartupTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Path keyFile) {
        return JmongosMain.run(new String[] {"--port", "0", "--bind_ip", "127.0.0.1", "--keyFile",
            keyFile.toString()}, new PrintWriter(out, true), new PrintWriter(err, true), false);
    }

    private Path file(String content, String perms) throws IOException {
        Path f = dir.resolve("key-" + System.nanoTime());
        Files.writeString(f, content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    private void assertRefused(Path f, String reason) {
        assertThat(run(f)).isEqualTo(StartupException.EXIT_CODE);
        String e = err.toString();
        assertThat(e).startsWith("jmongos: ").contains(f.toString()).contains(reason)
                .doesNotContain("Exception").doesNotContain("secretkey");
        assertThat(e.strip().lines().count()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-r-----", "rw----r--", "rwx--x---", "r-----r--"})
    void aFileOpenToGroupOrOthersIsRefused(String perms) throws IOException {
        assertRefused(file("secretkey123", perms), "permissions on " + dir.toString());
        assertThat(err.toString()).contains("are too open");
    }

    @Test
    void aMissingFileIsRefused() {
        assertRefused(dir.resolve("absent"), "No such file or directory");
    }

    @Test
    void aCharacterOutsideBase64IsRefused() throws IOException {
        assertRefused(file("secretkey-123", "rw-------"), "invalid char in key file");
    }

    @Test
    void aKeyShorterThanSixCharactersOnceWhitespaceIsRemovedIsRefused() throws IOException {
        assertRefused(file("ab c\n d e\n", "r--------"), "Security key size is out range");
        assertThat(err.toString()).contains("has 5 characters");
    }

    @Test
    void aKeyLongerThan1024CharactersIsRefused() throws IOException {
        assertRefused(file("A".repeat(1025), "rw-------"), "has 1025 characters");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        assertRefused(file("\n  \n", "rw-------"), "does not contain any valid keys");
    }

    @Test
    void threeKeysAreRefused() throws IOException {
        assertRefused(file("- secretkey1\n- secretkey2\n- secretkey3\n", "rw-------"),
                "Only two keys are supported in the security key file");
    }

    @Test
    void aYamlMappingIsRefused() throws IOException {
        assertRefused(file("key: secretkey1\n", "rw-------"), "Only strings and sequences are supported");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secretkey1", "  secret key 1\n", "- secretkey1\n- secretkey2\n",
        "c2VjcmV0\nIGtleSBv\nbmU=\n", "\"secretkey+/=\"\n"})
    void goodKeyFilesStart(String content) throws IOException {
        assertThat(run(file(content, "r--------"))).as(err.toString()).isEqualTo(0);
    }
}
