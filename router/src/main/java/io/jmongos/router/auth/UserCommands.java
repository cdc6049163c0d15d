package io.jmongos.router.auth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.router.command.CommandContext;

/**
 * createUser, updateUser, dropUser, usersInfo, grantRolesToUser, revokeRolesFromUser over {@link UserStore}. User
 * documents have MongoDB's shape: {@code {_id: "<db>.<user>", userId: UUID, user, db, credentials: {"SCRAM-SHA-1":
 * {...}, "SCRAM-SHA-256": {...}}, roles: [{role, db}], customData?, authenticationRestrictions?}}.
 */
final class UserCommands {
    /** MongoDB's code for "User ... already exists" (uassert 51003 in user_management_commands). */
    static final int USER_EXISTS_CODE = 51003;

    private final UserStore store;

    UserCommands(UserStore store) {
        this.store = store;
    }

    BsonDocument createUser(CommandContext ctx, BsonDocument cmd) {
        String db = ctx.db();
        String user = name(cmd, "createUser");
        BsonValue pwd = cmd.get("pwd");
        if (pwd == null || !pwd.isString()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Must provide a 'pwd' field for all user documents,"
                    + " except those with '$external' as the user's source db");
        }
        BsonDocument doc = new BsonDocument("_id", new BsonString(UserStore.id(db, user)))
                .append("userId", new BsonBinary(UUID.randomUUID()))
                .append("user", new BsonString(user)).append("db", new BsonString(db))
                .append("credentials", credentials(user, pwd.asString().getValue(), mechanisms(cmd)))
                .append("roles", roles(cmd, db));
        copyOptional(cmd, doc);
        BsonDocument error = store.insert(UserStore.USERS, doc);
        if (error != null) {
            if (error.getNumber("code").intValue() == ErrorCode.DUPLICATE_KEY.code()) {
                throw new CommandFailedException(USER_EXISTS_CODE, "Location" + USER_EXISTS_CODE,
                        "User \"" + user + "@" + db + "\" already exists");
            }
            throw CommandFailedException.fromReply(error);
        }
        return new BsonDocument();
    }

    BsonDocument updateUser(CommandContext ctx, BsonDocument cmd) {
        String db = ctx.db();
        String user = name(cmd, "updateUser");
        BsonDocument set = new BsonDocument();
        if (cmd.containsKey("pwd")) {
            if (!cmd.isString("pwd")) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "pwd must be a string");
            }
            set.append("credentials", credentials(user, cmd.getString("pwd").getValue(), mechanisms(cmd)));
        }
        if (cmd.containsKey("roles")) {
            set.append("roles", roles(cmd, db));
        }
        copyOptional(cmd, set);
        if (set.isEmpty()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "Must specify at least one field to update in "
                    + "updateUser");
        }
        if (store.update(UserStore.USERS, UserStore.id(db, user), new BsonDocument("$set", set)) == 0) {
            throw notFound(user, db);
        }
        return new BsonDocument();
    }

    BsonDocument dropUser(CommandContext ctx, BsonDocument cmd) {
        String user = name(cmd, "dropUser");
        if (store.delete(UserStore.USERS, UserStore.id(ctx.db(), user)) == 0) {
            throw notFound(user, ctx.db());
        }
        return new BsonDocument();
    }

    BsonDocument grantRoles(CommandContext ctx, BsonDocument cmd) {
        return changeRoles(ctx, cmd, "grantRolesToUser", true);
    }

    BsonDocument revokeRoles(CommandContext ctx, BsonDocument cmd) {
        return changeRoles(ctx, cmd, "revokeRolesFromUser", false);
    }

    private BsonDocument changeRoles(CommandContext ctx, BsonDocument cmd, String field, boolean grant) {
        String user = name(cmd, field);
        BsonDocument doc = store.user(ctx.db(), user);
        if (doc == null) {
            throw notFound(user, ctx.db());
        }
        Set<RoleName> current = new LinkedHashSet<>(AuthService.roles(doc));
        BsonArray change = roles(cmd, ctx.db());
        for (BsonValue v : change) {
            RoleName r = RoleName.parse(v, ctx.db());
            if (grant) {
                current.add(r);
            } else {
                current.remove(r);
            }
        }
        BsonArray out = new BsonArray();
        current.forEach(r -> out.add(r.toBson()));
        store.update(UserStore.USERS, UserStore.id(ctx.db(), user),
                new BsonDocument("$set", new BsonDocument("roles", out)));
        return new BsonDocument();
    }

    BsonDocument usersInfo(CommandContext ctx, BsonDocument cmd) {
        BsonValue arg = cmd.get("usersInfo");
        boolean showCredentials = AuthService.isTrue(cmd.get("showCredentials"));
        List<BsonDocument> found = new ArrayList<>();
        if (arg.isNumber()) {
            found.addAll(store.users(ctx.db()));
        } else if (arg.isDocument() && arg.asDocument().containsKey("forAllDBs")) {
            found.addAll(store.users(null));
        } else {
            for (BsonValue v : arg.isArray() ? arg.asArray() : new BsonArray(List.of(arg))) {
                String user = v.isString() ? v.asString().getValue() : v.asDocument().getString("user").getValue();
                String db = v.isString() ? ctx.db() : v.asDocument().getString("db").getValue();
                BsonDocument d = store.user(db, user);
                if (d != null) {
                    found.add(d);
                }
            }
        }
        BsonArray users = new BsonArray();
        for (BsonDocument d : found) {
            BsonDocument u = new BsonDocument();
            u.putAll(d);
            BsonArray mechanisms = new BsonArray();
            d.getDocument("credentials", new BsonDocument()).keySet().forEach(k -> mechanisms.add(new BsonString(k)));
            u.append("mechanisms", mechanisms);
            if (!showCredentials) {
                u.remove("credentials");
            }
            users.add(u);
        }
        return new BsonDocument("users", users);
    }

    private static String name(BsonDocument cmd, String field) {
        return UserStore.nonEmptyName(cmd, field, "User");
    }

    private static BsonDocument credentials(String user, String password, List<ScramMechanism> mechanisms) {
        BsonDocument c = new BsonDocument();
        for (ScramMechanism m : mechanisms) {
            c.append(m.mechanismName(), ScramCredential.derive(m, user, password, m.defaultIterations()).toBson());
        }
        return c;
    }

    private static List<ScramMechanism> mechanisms(BsonDocument cmd) {
        if (!cmd.isArray("mechanisms")) {
            return List.of(ScramMechanism.SHA_1, ScramMechanism.SHA_256);
        }
        List<ScramMechanism> out = new ArrayList<>();
        for (BsonValue v : cmd.getArray("mechanisms")) {
            ScramMechanism m = v.isString() ? ScramMechanism.of(v.asString().getValue()) : null;
            if (m == null) {
                throw new CommandFailedException(ErrorCode.BAD_VALUE, "Unknown auth mechanism '" + v + "'");
            }
            out.add(m);
        }
        if (out.isEmpty()) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "mechanisms field must not be empty");
        }
        return out;
    }

    private BsonArray roles(BsonDocument cmd, String db) {
        if (!cmd.isArray("roles")) {
            throw new CommandFailedException(ErrorCode.BAD_VALUE, "\"roles\" field must be an array");
        }
        BsonArray out = new BsonArray();
        for (BsonValue v : cmd.getArray("roles")) {
            RoleName r = RoleName.parse(v, db);
            if (!BuiltinRoles.isBuiltin(r) && store.role(r.db(), r.role()) == null) {
                throw new CommandFailedException(ErrorCode.ROLE_NOT_FOUND, "Could not find role: " + r);
            }
            out.add(r.toBson());
        }
        return out;
    }

    private static void copyOptional(BsonDocument cmd, BsonDocument doc) {
        for (String f : List.of("customData", "authenticationRestrictions")) {
            if (cmd.containsKey(f)) {
                if (f.equals("authenticationRestrictions")) {
                    AuthenticationRestrictions.validate(cmd.get(f));
                }
                doc.append(f, cmd.get(f));
            }
        }
    }

    private static CommandFailedException notFound(String user, String db) {
        return new CommandFailedException(ErrorCode.USER_NOT_FOUND, "User '" + user + "@" + db + "' not found");
    }
}
