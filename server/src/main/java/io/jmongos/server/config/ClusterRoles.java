package io.jmongos.server.config;

import java.nio.file.Path;
import java.util.Map;

import org.bson.BsonValue;

import io.jmongos.router.ClusterRole;
import io.jmongos.router.param.CoreParameters;
import io.jmongos.server.StartupException;

/** The cluster role options ({@code --shardsvr}, {@code --configsvr}, {@code sharding.clusterRole}) and their rules. */
final class ClusterRoles {
    private ClusterRoles() {
    }

    /** The one role given on the command line and in the config file; two different roles are refused. */
    static ClusterRole role(Boolean shardsvr, Boolean configsvr, String configFileRole) {
        ClusterRole fromFile = ClusterRole.NONE;
        if (configFileRole != null) {
            fromFile = ClusterRole.fromMongodName(configFileRole);
            if (fromFile == null) {
                throw new StartupException("Bad value for sharding.clusterRole: '" + configFileRole
                        + "' (expected shardsvr or configsvr)");
            }
        }
        boolean shard = Boolean.TRUE.equals(shardsvr);
        boolean config = Boolean.TRUE.equals(configsvr);
        if (shard && config) {
            throw new StartupException("--shardsvr and --configsvr cannot both be given: a process has one role");
        }
        ClusterRole fromLine = shard ? ClusterRole.SHARDSVR : config ? ClusterRole.CONFIGSVR : ClusterRole.NONE;
        if (fromLine != ClusterRole.NONE && fromFile != ClusterRole.NONE && fromLine != fromFile) {
            throw new StartupException("--" + fromLine.mongodName() + " contradicts sharding.clusterRole: "
                    + fromFile.mongodName() + " in the config file: a process has one role");
        }
        return fromLine != ClusterRole.NONE ? fromLine : fromFile;
    }

    /** The combinations that cannot work: a router of a cluster owns no data and has no role. */
    static void check(ClusterRole role, ConfigDbAddress configDb, Path dbPath, Map<String, BsonValue> params) {
        if (!configDb.hosts().isEmpty()) {
            if (role.servesData()) {
                throw new StartupException("--configdb cannot be given with --" + role.mongodName()
                        + ": --configdb makes a router, which serves no data");
            }
            if (dbPath != null) {
                throw new StartupException("--configdb cannot be given with --dbpath: a cluster router owns no data "
                        + "(its shard servers and config server keep it)");
            }
        }
        BsonValue lb = params.get(CoreParameters.LOAD_BALANCER_PORT);
        if (role.servesData() && lb != null && !isZero(lb)) {
            throw new StartupException("loadBalancerPort cannot be set on a --" + role.mongodName()
                    + ": load balancers front routers, which reach shard servers on their main port");
        }
    }

    private static boolean isZero(BsonValue v) {
        if (v.isNumber()) {
            return v.asNumber().doubleValue() == 0;
        }
        return v.isString() && v.asString().getValue().trim().equals("0");
    }
}
