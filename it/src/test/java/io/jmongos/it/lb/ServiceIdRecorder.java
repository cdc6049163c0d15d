package io.jmongos.it.lb;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.bson.types.ObjectId;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

/** Records the serviceId of the connection every command ran on (null when the connection has none). */
final class ServiceIdRecorder implements CommandListener {
    private final List<ObjectId> serviceIds = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        serviceIds.add(event.getConnectionDescription().getServiceId());
        commands.add(event.getCommandName());
    }

    List<ObjectId> all() {
        return List.copyOf(serviceIds);
    }

    Set<ObjectId> distinct() {
        return serviceIds.stream().collect(Collectors.toSet());
    }

    List<String> commands() {
        return List.copyOf(commands);
    }
}
