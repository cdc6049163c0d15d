package io.jmongos.router.auth;

import java.util.List;

/**
 * A user authenticated on a connection, with the roles its user document granted and the privileges those roles
 * (built-in and custom, inherited ones included) gave at that time.
 */
public record AuthenticatedUser(String user, String db, List<RoleName> roles, List<Privilege> privileges) {
    public AuthenticatedUser {
        roles = List.copyOf(roles);
        privileges = List.copyOf(privileges);
    }

    /** Whether one of this user's privileges grants {@code p}. */
    boolean has(RequiredPrivilege p) {
        for (Privilege mine : privileges) {
            if (mine.grants(p.kind(), p.db(), p.collection(), p.action())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return user + "@" + db;
    }
}
