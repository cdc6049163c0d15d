package io.jmongos.engine.update;

import java.util.LinkedHashMap;
import java.util.Map;

import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Parses the {@code arrayFilters} option: one filter per identifier used by {@code $[identifier]}. */
final class ArrayFilters {
    private ArrayFilters() {
    }

    static Map<String, QueryMatcher> parse(BsonArray filters) {
        Map<String, QueryMatcher> out = new LinkedHashMap<>();
        if (filters == null) {
            return out;
        }
        for (BsonValue f : filters) {
            if (!f.isDocument()) {
                throw UpdateErrors.failedToParse("Error parsing array filter :: caused by :: array filters must be "
                        + "objects, found " + BsonRender.value(f));
            }
            String id = identifier(f.asDocument(), null);
            if (id == null) {
                throw UpdateErrors.failedToParse("Cannot use an expression without a top-level field name in "
                        + "arrayFilters");
            }
            if (!id.matches("[a-z][a-zA-Z0-9]*")) {
                throw UpdateErrors.badValue("Error parsing array filter :: caused by :: The top-level field name must "
                        + "be an alphanumeric string beginning with a lowercase letter, found '" + id + "'");
            }
            if (out.containsKey(id)) {
                throw UpdateErrors.failedToParse("Found multiple array filters with the same top-level field name "
                        + id);
            }
            out.put(id, QueryCompiler.compile(f.asDocument()));
        }
        return out;
    }

    /** The single identifier (first path component) the filter uses, looking inside $and/$or/$nor. */
    private static String identifier(BsonDocument filter, String found) {
        String id = found;
        for (Map.Entry<String, BsonValue> e : filter.entrySet()) {
            String k = e.getKey();
            if (k.equals("$and") || k.equals("$or") || k.equals("$nor")) {
                if (e.getValue().isArray()) {
                    for (BsonValue c : e.getValue().asArray()) {
                        if (c.isDocument()) {
                            id = identifier(c.asDocument(), id);
                        }
                    }
                }
                continue;
            }
            if (k.startsWith("$")) {
                continue;
            }
            String first = k.split("\\.", -1)[0];
            if (id != null && !id.equals(first)) {
                throw UpdateErrors.failedToParse("Error parsing array filter :: caused by :: Expected a single "
                        + "top-level field name, found '" + id + "' and '" + first + "'");
            }
            id = first;
        }
        return id;
    }
}
