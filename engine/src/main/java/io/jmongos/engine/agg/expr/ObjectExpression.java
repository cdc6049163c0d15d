package io.jmongos.engine.agg.expr;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** A document whose field values are expressions; fields that evaluate to missing are left out. */
final class ObjectExpression implements Expression {
    private final Map<String, Expression> fields;

    ObjectExpression(Map<String, Expression> fields) {
        this.fields = fields;
    }

    static ObjectExpression parse(BsonDocument spec) {
        Map<String, Expression> fields = new LinkedHashMap<>();
        for (Map.Entry<String, BsonValue> e : spec.entrySet()) {
            String name = e.getKey();
            if (name.startsWith("$")) {
                throw AggErrors.fail(16410, "FieldPath field names may not start with '$'. "
                        + "Consider using $getField or $setField.");
            }
            if (name.isEmpty()) {
                throw AggErrors.fail(16412, "FieldPath field names may not be empty strings.");
            }
            if (name.indexOf('.') >= 0) {
                throw AggErrors.fail(16412, "FieldPath field names may not contain '.'.");
            }
            fields.put(name, ExpressionCompiler.compile(e.getValue()));
        }
        return new ObjectExpression(fields);
    }

    @Override
    public BsonValue evaluate(BsonDocument root, Variables vars) {
        BsonDocument out = new BsonDocument();
        for (Map.Entry<String, Expression> e : fields.entrySet()) {
            BsonValue v = e.getValue().evaluate(root, vars);
            if (v != null) {
                out.put(e.getKey(), v);
            }
        }
        return out;
    }
}
