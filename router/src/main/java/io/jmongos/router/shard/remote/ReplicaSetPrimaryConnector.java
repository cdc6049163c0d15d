package io.jmongos.router.shard.remote;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import io.jmongos.wire.client.WireClientConnection;
import io.jmongos.wire.client.WireClientException;
import io.jmongos.wire.client.WireClientException.Kind;
import io.jmongos.wire.client.WireClientOptions;
import io.jmongos.wire.client.WireClientResources;

/**
 * The code path for a replica-set shard ({@code rs/h1:p1,h2:p2}), kept apart because it is where a real mongod
 * shard differs from a jmongos shard server: connect to the members in the order written and keep the first whose
 * hello answers {@code isWritablePrimary: true} (and, when it names one, the expected {@code setName}); the
 * primary found is tried first next time, and discovery starts over when it no longer answers as primary.
 *
 * <p><b>Not tested against a real mongod replica set</b> (none exists where jmongos is built); it is tested only
 * against jmongos servers, which answer as primaries. There is no monitoring of secondaries, no election handling
 * beyond rediscovery on the next connect, and no {@code hosts} list expansion from the hello reply.
 */
final class ReplicaSetPrimaryConnector implements ShardConnector {
    private final ShardHostAddress address;
    private final WireClientResources resources;
    private final WireClientOptions options;
    private volatile ShardHostAddress.Member lastPrimary;

    ReplicaSetPrimaryConnector(ShardHostAddress address, WireClientResources resources, WireClientOptions options) {
        this.address = address;
        this.resources = resources;
        this.options = options;
    }

    @Override
    public CompletableFuture<WireClientConnection> connect() {
        ShardHostAddress.Member known = lastPrimary;
        if (known == null) {
            return discover(address.members(), 0, null);
        }
        return attempt(known).exceptionallyCompose(e -> {
            lastPrimary = null;
            return discover(address.members(), 0, null);
        });
    }

    private CompletableFuture<WireClientConnection> discover(List<ShardHostAddress.Member> members, int index,
                                                             String lastReason) {
        if (index == members.size()) {
            return CompletableFuture.failedFuture(new WireClientException(Kind.CONNECT_FAILED,
                    "no member of " + address + " answered as writable primary"
                            + (lastReason == null ? "" : " (last: " + lastReason + ")")));
        }
        ShardHostAddress.Member member = members.get(index);
        return attempt(member).thenApply(c -> {
            lastPrimary = member;
            return c;
        }).exceptionallyCompose(e -> discover(members, index + 1, member + ": " + rootMessage(e)));
    }

    /** One member: connected and answering as the set's writable primary, else a failed future. */
    private CompletableFuture<WireClientConnection> attempt(ShardHostAddress.Member member) {
        return WireClientConnection.connectAsync(resources, member.socketAddress(), options).thenCompose(c -> {
            String reason = notPrimaryReason(c.helloReply());
            if (reason == null) {
                return CompletableFuture.completedFuture(c);
            }
            c.close();
            return CompletableFuture.failedFuture(new WireClientException(Kind.CONNECT_FAILED, reason));
        });
    }

    /** Why this hello reply is not the set's writable primary, or null when it is. */
    String notPrimaryReason(BsonDocument hello) {
        if (hello == null) {
            return "no hello reply";
        }
        BsonValue primary = hello.containsKey("isWritablePrimary") ? hello.get("isWritablePrimary")
                : hello.get("ismaster");
        if (primary == null || !primary.isBoolean() || !primary.asBoolean().getValue()) {
            return "not a writable primary";
        }
        BsonValue setName = hello.get("setName");
        if (setName != null && (!setName.isString() || !setName.asString().getValue().equals(address.replicaSet()))) {
            return "member of replica set " + setName + ", not " + address.replicaSet();
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof WireClientException)) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
