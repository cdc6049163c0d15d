package io.jmongos.server;

import java.io.PrintWriter;
import java.util.List;

import io.jmongos.router.command.server.BuildVersion;
import io.jmongos.server.config.CommandLineOptions;
import io.jmongos.server.config.SettingsParser;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The command line: {@code java -jar jmongos.jar [options]}. Bad options, bad values, a port in use: one line
 * on stderr and exit code 2. Runs until SIGINT/SIGTERM (or the {@code shutdown} command), then drains and shuts down
 * ({@link ShutdownSignals}); exits 0. SIGHUP reloads the TLS certificates.
 */
public final class JmongosMain {
    private JmongosMain() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), true);
        System.exit(code);
    }

    /**
     * Run the command line. With {@code block}, waits for a shutdown signal; without, stops the server it started
     * before returning (used by tests).
     *
     * @return the exit code
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean block) {
        CommandLineOptions options = new CommandLineOptions();
        CommandLine cl = SettingsParser.commandLine(options);
        try {
            cl.parseArgs(args);
        } catch (ParameterException e) {
            err.println("jmongos: " + e.getMessage().replace('\n', ' ').trim() + " (try --help)");
            return StartupException.EXIT_CODE;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            return 0;
        }
        if (cl.isVersionHelpRequested()) {
            out.println("jmongos version " + BuildVersion.JMONGOS_VERSION + " (MongoDB "
                    + BuildVersion.MONGODB_COMPATIBLE_VERSION + " wire protocol)");
            return 0;
        }
        JmongosServer server;
        try {
            server = JmongosServer.start(List.of(args));
        } catch (StartupException e) {
            err.println("jmongos: " + e.getMessage().replace('\n', ' '));
            return StartupException.EXIT_CODE;
        }
        if (!block) {
            server.close();
            return 0;
        }
        CertificateReloadSignal.install(server);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "jmongos-shutdown"));
        ShutdownSignals.install(server);
        server.awaitClosed();
        return 0;
    }
}
