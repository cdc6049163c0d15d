package io.jmongos.router.command.server;

import java.util.List;

import io.jmongos.router.RouterServices;
import io.jmongos.router.command.CommandHandler;
import io.jmongos.router.status.ConnectionsSection;
import io.jmongos.router.status.MemSection;

/** Registers the server (handshake, diagnostic, admin) commands and the router's own serverStatus sections. */
public final class ServerCommands {
    private ServerCommands() {
    }

    public static List<CommandHandler> handlers() {
        return List.of(new HelloCommand(), new PingCommand(), new BuildInfoCommand(), new GetParameterCommand(),
                new SetParameterCommand(), new GetCmdLineOptsCommand(), new ServerStatusCommand(),
                new WhatsMyUriCommand(), new ConnectionStatusCommand(), new ListCommandsCommand(),
                new HostInfoCommand(), new GetLogCommand(), new IsDbGridCommand(),
                new ProfileCommand());
    }

    public static void install(RouterServices services) {
        handlers().forEach(services.commands()::register);
        installSections(services);
    }

    /** The serverStatus sections every role has: connections, opcounters, network, mem. */
    public static void installSections(RouterServices services) {
        services.serverStatus().register(new ConnectionsSection(services.connections(),
                () -> services.network().maxIncomingConnections(),
                () -> services.network().loadBalancerPort() != 0));
        services.serverStatus().register(services.opCounters());
        services.serverStatus().register(services.networkCounters());
        services.serverStatus().register(new MemSection());
    }
}
