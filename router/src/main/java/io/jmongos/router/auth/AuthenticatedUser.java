package io.jmongos.router.auth;

import java.util.List;

/** A user authenticated on a connection, with the roles its user document granted at that time. */
public record AuthenticatedUser(String user, String db, List<RoleName> roles) {
    public AuthenticatedUser {
        roles = List.copyOf(roles);
    }

    @Override
    public String toString() {
        return user + "@" + db;
    }
}
