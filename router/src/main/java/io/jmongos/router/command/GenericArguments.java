package io.jmongos.router.command;

import java.util.Set;

/**
 * Fields every command may carry that are not its own arguments (MongoDB's generic arguments, see
 * src/mongo/idl/generic_argument.idl). Commands that treat each field as a name (getParameter,
 * setParameter) skip these.
 */
public final class GenericArguments {
    private static final Set<String> NAMES = Set.of("$db", "lsid", "txnNumber", "autocommit", "startTransaction",
            "$clusterTime", "$readPreference", "readConcern", "writeConcern", "comment", "maxTimeMS",
            "apiVersion", "apiStrict", "apiDeprecationErrors", "$audit", "$client", "$configServerState",
            "$gleStats", "$oplogQueryData", "$replData", "$topologyTime", "databaseVersion", "shardVersion",
            "mayBypassWriteBlocking", "clientOperationKey", "readOnly", "allowImplicitCollectionCreation",
            "$queryOptions");

    private GenericArguments() {
    }

    public static boolean isGeneric(String field) {
        return NAMES.contains(field);
    }
}
