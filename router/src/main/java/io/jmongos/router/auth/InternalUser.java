package io.jmongos.router.auth;

import java.util.List;
import java.util.Set;

/**
 * MongoDB's internal user, {@code __system@local} (internalSecurity.user): what routers, shard servers and the
 * config server authenticate as to each other with the cluster's keyFile. It has no user document; its credential
 * comes from the key ({@link InternalAuthKeys}), and its role {@code __system} grants every action on every resource.
 */
final class InternalUser {
    static final String USER = "__system";
    static final String DB = "local";
    /** MongoDB's role of the internal user. */
    static final RoleName ROLE = new RoleName("__system", "admin");

    private InternalUser() {
    }

    static boolean is(String db, String user) {
        return DB.equals(db) && USER.equals(user);
    }

    /** The internal user as a connection holds it once authenticated. */
    static AuthenticatedUser authenticated() {
        return new AuthenticatedUser(USER, DB, List.of(ROLE),
                List.of(new Privilege(Privilege.Kind.ANY, "", "", Set.of("anyAction"))));
    }
}
