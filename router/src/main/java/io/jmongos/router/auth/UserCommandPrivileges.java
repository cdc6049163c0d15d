package io.jmongos.router.auth;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * usersInfo and updateUser: MongoDB lets a user view itself and change its own password and customData without
 * any privilege; otherwise viewUser, changePassword, changeCustomData, grantRole/revokeRole on the database.
 */
final class UserCommandPrivileges {
    private UserCommandPrivileges() {
    }

    static List<RequiredPrivilege> required(String name, String db, BsonDocument command, List<AuthenticatedUser> who) {
        BsonValue arg = command.get(name);
        if (name.equals("usersInfo")) {
            if (arg != null && arg.isDocument() && arg.asDocument().containsKey("forAllDBs")) {
                return List.of(RequiredPrivilege.on("", "", "viewUser"));
            }
            if (arg != null && arg.isString() && isSelf(arg.asString().getValue(), db, who)) {
                return List.of();
            }
            return List.of(RequiredPrivilege.on(db, "", "viewUser"));
        }
        boolean self = arg != null && arg.isString() && isSelf(arg.asString().getValue(), db, who);
        List<RequiredPrivilege> out = new ArrayList<>();
        if (command.containsKey("pwd") && !self) {
            out.add(RequiredPrivilege.on(db, "", "changePassword"));
        }
        if (command.containsKey("customData") && !self) {
            out.add(RequiredPrivilege.on(db, "", "changeCustomData"));
        }
        if (command.containsKey("roles")) {
            out.add(RequiredPrivilege.on(db, "", "grantRole"));
            out.add(RequiredPrivilege.on(db, "", "revokeRole"));
        }
        if (command.containsKey("authenticationRestrictions")) {
            out.add(RequiredPrivilege.on(db, "", "setAuthenticationRestriction"));
        }
        return out;
    }

    private static boolean isSelf(String user, String db, List<AuthenticatedUser> who) {
        return who.stream().anyMatch(u -> u.user().equals(user) && u.db().equals(db));
    }
}
