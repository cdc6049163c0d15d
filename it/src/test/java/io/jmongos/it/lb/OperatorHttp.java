package io.jmongos.it.lb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The operators' listeners seen from outside: HTTP GETs, the agent's line, promtool. */
final class OperatorHttp {
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OperatorHttp() {
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Poll {@code path} until the response matches, at most 30 s; returns the matching response. */
    static HttpResponse<String> awaitGet(int port, String path, Predicate<HttpResponse<String>> wanted)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(port, path);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no wanted answer from " + path + "; last: " + (last == null ? null
                : last.statusCode() + " " + last.body()));
    }

    /** What the HAProxy agent port answers (one line). */
    static String agentLine(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int b; (b = in.read()) >= 0; ) {
                out.write(b);
            }
            return out.toString(StandardCharsets.US_ASCII);
        }
    }

    /** {@code promtool check metrics} on the text; its output, or null when it passed. */
    static String promtoolProblems(String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "promtool timed out";
        }
        return p.exitValue() == 0 ? null : out;
    }

    static boolean promtoolInstalled() {
        return Files.isExecutable(PROMTOOL);
    }
}
