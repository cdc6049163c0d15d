package io.jmongos.router.auth;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A user's roles to privileges: built-in roles from {@link BuiltinRolePrivileges}, custom ones from the store. */
final class RoleResolver {
    /** Most roles followed for one user (a guard against long or cyclic role graphs). */
    static final int MAX_ROLES = 1000;

    private RoleResolver() {
    }

    static List<Privilege> privileges(UserStore store, List<RoleName> roles) {
        List<Privilege> out = new ArrayList<>();
        Set<RoleName> seen = new HashSet<>();
        Deque<RoleName> todo = new ArrayDeque<>(roles);
        while (!todo.isEmpty() && seen.size() < MAX_ROLES) {
            RoleName r = todo.poll();
            if (!seen.add(r)) {
                continue;
            }
            if (BuiltinRoles.isBuiltin(r)) {
                out.addAll(BuiltinRolePrivileges.of(r));
                continue;
            }
            BsonDocument doc = store.role(r.db(), r.role());
            if (doc == null) {
                continue;
            }
            if (doc.isArray("privileges")) {
                for (BsonValue p : doc.getArray("privileges")) {
                    out.add(Privilege.parse(p));
                }
            }
            if (doc.isArray("roles")) {
                for (BsonValue inherited : doc.getArray("roles")) {
                    todo.add(RoleName.parse(inherited, r.db()));
                }
            }
        }
        return out;
    }
}
