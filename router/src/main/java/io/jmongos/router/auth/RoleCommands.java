package io.jmongos.router.auth;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;

/**
 * createRole, dropRole, rolesInfo for custom roles, stored as MongoDB stores them in {@code admin.system.roles}:
 * {@code {_id: "<db>.<role>", role, db, privileges: [{resource, actions}], roles: [{role, db}]}}.
 */
final class RoleCommands {
    /** MongoDB's code for "Role ... already exists" (uassert 51002 in user_management_commands). */
    static final int ROLE_EXISTS_CODE = 51002;

    private final UserStore store;

    RoleCommands(UserStore store) {
        this.store = store;
    }

    BsonDocument createRole(CommandContext ctx, BsonDocument cmd) {
        String db = ctx.db();
        String role = name(cmd, "createRole");
        RoleName name = new RoleName(role, db);
        if (BuiltinRoles.isBuiltin(name)) {
            throw new CommandFailedException(ROLE_EXISTS_CODE, "Location" + ROLE_EXISTS_CODE,
                    "Role \"" + name + "\" already exists");
        }
        BsonArray privileges = new BsonArray();
        for (BsonValue p : cmd.getArray("privileges", new BsonArray())) {
            privileges.add(Privilege.parse(p).toBson());
        }
        BsonArray roles = new BsonArray();
        for (BsonValue r : cmd.getArray("roles", new BsonArray())) {
            RoleName inherited = RoleName.parse(r, db);
            if (!BuiltinRoles.isBuiltin(inherited) && store.role(inherited.db(), inherited.role()) == null) {
                throw new CommandFailedException(ErrorCode.ROLE_NOT_FOUND, "Could not find role: " + inherited);
            }
            roles.add(inherited.toBson());
        }
        BsonDocument doc = new BsonDocument("_id", new BsonString(UserStore.id(db, role)))
                .append("role", new BsonString(role)).append("db", new BsonString(db))
                .append("privileges", privileges).append("roles", roles);
        if (cmd.containsKey("authenticationRestrictions")) {
            AuthenticationRestrictions.validate(cmd.get("authenticationRestrictions"));
            doc.append("authenticationRestrictions", cmd.get("authenticationRestrictions"));
        }
        BsonDocument error = store.insert(UserStore.ROLES, doc);
        if (error != null) {
            throw new CommandFailedException(ROLE_EXISTS_CODE, "Location" + ROLE_EXISTS_CODE,
                    "Role \"" + name + "\" already exists");
        }
        return new BsonDocument();
    }

    BsonDocument dropRole(CommandContext ctx, BsonDocument cmd) {
        String role = name(cmd, "dropRole");
        if (store.delete(UserStore.ROLES, UserStore.id(ctx.db(), role)) == 0) {
            throw new CommandFailedException(ErrorCode.ROLE_NOT_FOUND, "Role '" + role + "@" + ctx.db()
                    + "' not found");
        }
        return new BsonDocument();
    }

    BsonDocument rolesInfo(CommandContext ctx, BsonDocument cmd) {
        BsonValue arg = cmd.get("rolesInfo");
        boolean showPrivileges = AuthService.isTrue(cmd.get("showPrivileges"));
        List<BsonDocument> found = new ArrayList<>();
        if (arg.isNumber()) {
            found.addAll(store.roles(ctx.db()));
        } else {
            for (BsonValue v : arg.isArray() ? arg.asArray() : new BsonArray(List.of(arg))) {
                RoleName r = RoleName.parse(v, ctx.db());
                BsonDocument d = store.role(r.db(), r.role());
                if (d != null) {
                    found.add(d);
                } else if (BuiltinRoles.isBuiltin(r)) {
                    BsonArray privileges = new BsonArray();
                    BuiltinRolePrivileges.of(r).forEach(p -> privileges.add(p.toBson()));
                    found.add(new BsonDocument("role", new BsonString(r.role())).append("db", new BsonString(r.db()))
                            .append("isBuiltin", BsonBoolean.TRUE).append("privileges", privileges)
                            .append("roles", new BsonArray()));
                }
            }
        }
        BsonArray roles = new BsonArray();
        for (BsonDocument d : found) {
            BsonDocument out = new BsonDocument();
            out.putAll(d);
            out.putIfAbsent("isBuiltin", BsonBoolean.FALSE);
            if (!showPrivileges) {
                out.remove("privileges");
            }
            roles.add(out);
        }
        return new BsonDocument("roles", roles);
    }

    private static String name(BsonDocument cmd, String field) {
        return UserStore.nonEmptyName(cmd, field, "Role");
    }
}
