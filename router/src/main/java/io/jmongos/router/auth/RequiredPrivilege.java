package io.jmongos.router.auth;

/** One action a command needs on one resource (a collection, a database with collection "", or the cluster). */
record RequiredPrivilege(Privilege.Kind kind, String db, String collection, String action) {
    static RequiredPrivilege on(String db, String collection, String action) {
        return new RequiredPrivilege(Privilege.Kind.COLLECTION, db, collection, action);
    }

    static RequiredPrivilege cluster(String action) {
        return new RequiredPrivilege(Privilege.Kind.CLUSTER, "", "", action);
    }

    /** Only {@code root} (anyResource) has it: for commands without an entry of their own. */
    static RequiredPrivilege anyResource() {
        return new RequiredPrivilege(Privilege.Kind.ANY, "", "", "anyAction");
    }
}
