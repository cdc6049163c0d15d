package io.jmongos.engine.command.ddl;

import java.util.UUID;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.catalog.SystemNamespaces;
import io.jmongos.engine.command.CommandArgs;
import io.jmongos.engine.command.EngineCommand;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.Views;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonValue;

/**
 * renameCollection (on admin): {@code {renameCollection: "db.a", to: "db2.b", dropTarget: bool}}. The entry
 * moves with its options and indexes; the documents stay where they are (a rename within the store costs no
 * copy, across databases too, where MongoDB copies and the collection gets a new UUID, as here). Checks and
 * messages follow MongoDB's rename_collection.cpp; cursors on the source fail their next getMore with 175
 * ("collection renamed"), on a dropped target with "collection dropped". Not in a transaction (263).
 */
public final class RenameCollectionCommand implements EngineCommand {
    @Override
    public BsonDocument run(OperationContext op) {
        BsonDocument cmd = op.command();
        if (!op.db().equals("admin")) {
            throw new CommandFailedException(ErrorCode.UNAUTHORIZED,
                    "renameCollection may only be run against the admin database.");
        }
        String fromName = CommandArgs.string(cmd, "renameCollection", null);
        String toName = CommandArgs.string(cmd, "to", null);
        if (fromName == null || toName == null) {
            throw new CommandFailedException(40414, "Location40414", "BSON field 'renameCollection."
                    + (fromName == null ? "renameCollection" : "to") + "' is missing but a required field");
        }
        boolean dropTarget = dropTarget(cmd);
        Namespace from = parse(fromName, "source");
        Namespace to = parse(toName, "target");
        if (from.equals(to)) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "Can't rename a collection to itself");
        }
        allowedWrite(from, "source");
        allowedWrite(to, "target");
        Catalog catalog = op.catalog();
        try (Catalog.Held x = catalog.exclusive()) {
            CollectionMeta source = catalog.get(from);
            if (source == null) {
                if (catalog.view(from) != null) {
                    throw new CommandFailedException(Views.NOT_SUPPORTED_ON_VIEW, "CommandNotSupportedOnView",
                            "cannot rename view: " + from.full());
                }
                if (catalog.list(from.db()).isEmpty() && catalog.views(from.db()).isEmpty()) {
                    throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_FOUND, "Database " + from.db()
                            + " does not exist or is drop pending");
                }
                throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_FOUND, "Source collection " + from.full()
                        + " does not exist");
            }
            if (catalog.view(to) != null) {
                throw new CommandFailedException(ErrorCode.NAMESPACE_EXISTS, "a view already exists with that name: "
                        + to.full());
            }
            CollectionMeta target = catalog.get(to);
            if (target != null) {
                if (!dropTarget) {
                    throw new CommandFailedException(ErrorCode.NAMESPACE_EXISTS, "target namespace exists");
                }
                catalog.drop(target);
                op.services().cursors().killPlans(to.full(), DropCommand.droppedReason(target));
                op.services().changes().recorder().dropped(target);
            }
            UUID uuid = from.db().equals(to.db()) ? source.uuid() : UUID.randomUUID();
            catalog.rename(source, to, uuid);
            op.services().cursors().killPlans(from.full(), "collection renamed from '" + from.full() + "' to '"
                    + to.full() + "'. UUID " + source.uuid());
        }
        return new BsonDocument("ok", new BsonDouble(1));
    }

    private static boolean dropTarget(BsonDocument cmd) {
        BsonValue v = cmd.get("dropTarget");
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean().getValue();
        }
        if (v.isBinary() && v.asBinary().getType() == 4) {
            return true; // dropTarget: <target UUID> (MongoDB 4.4+): drop the target
        }
        if (v.isNumber()) {
            return v.asNumber().doubleValue() != 0;
        }
        throw CommandArgs.wrongType(cmd, "dropTarget", v, "bool, binData");
    }

    private static Namespace parse(String full, String which) {
        int dot = full.indexOf('.');
        try {
            if (dot <= 0 || dot == full.length() - 1) {
                throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "");
            }
            return Namespace.of(full.substring(0, dot), full.substring(dot + 1));
        } catch (CommandFailedException e) {
            throw new CommandFailedException(ErrorCode.INVALID_NAMESPACE, "Invalid " + which + " namespace: "
                    + full);
        }
    }

    private static void allowedWrite(Namespace ns, String which) {
        try {
            SystemNamespaces.checkUserWrite(ns);
        } catch (CommandFailedException e) {
            throw new CommandFailedException(ErrorCode.ILLEGAL_OPERATION, "error with " + which + " namespace: "
                    + e.getMessage());
        }
    }
}
