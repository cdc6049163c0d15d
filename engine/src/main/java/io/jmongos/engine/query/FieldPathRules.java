package io.jmongos.engine.query;

import io.jmongos.common.CommandFailedException;

/** Validation of dotted paths where MongoDB parses them as aggregation field paths (sort, projection). */
public final class FieldPathRules {
    private FieldPathRules() {
    }

    /** Checks a sort or projection path: not empty, no empty component, no '$'-prefixed component. */
    public static void validateSortPath(String path) {
        if (path.isEmpty()) {
            throw new CommandFailedException(40352, "Location40352",
                    "FieldPath cannot be constructed with empty string");
        }
        if (path.endsWith(".")) {
            throw new CommandFailedException(40353, "Location40353", "FieldPath must not end with a '.'.");
        }
        for (String part : path.split("\\.", -1)) {
            if (part.isEmpty()) {
                throw new CommandFailedException(15998, "Location15998",
                        "FieldPath field names may not be empty strings.");
            }
            if (part.startsWith("$")) {
                throw new CommandFailedException(16410, "Location16410",
                        "FieldPath field names may not start with '$'. Consider using $getField or $setField.");
            }
        }
    }
}
