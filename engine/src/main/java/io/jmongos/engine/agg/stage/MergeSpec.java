package io.jmongos.engine.agg.stage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.FieldPath;
import io.jmongos.engine.agg.expr.Values;
import io.jmongos.engine.agg.expr.VariableScope;
import io.jmongos.engine.agg.expr.Variables;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/** The parsed options of a {@code $merge} stage. */
final class MergeSpec {
    enum WhenMatched { REPLACE, KEEP_EXISTING, MERGE, FAIL, PIPELINE }

    enum WhenNotMatched { INSERT, DISCARD, FAIL }

    String db;
    String coll;
    List<String> on = List.of("_id");
    WhenMatched whenMatched = WhenMatched.MERGE;
    WhenNotMatched whenNotMatched = WhenNotMatched.INSERT;
    SubPipeline pipeline;
    Map<String, Expression> let = new LinkedHashMap<>();

    static MergeSpec parse(BsonValue spec, Function<BsonValue, SubPipeline> updateParser) {
        MergeSpec m = new MergeSpec();
        if (spec.isString()) {
            m.coll = spec.asString().getValue();
        } else if (spec.isDocument()) {
            BsonDocument letSpec = null;
            BsonValue whenMatchedSpec = null;
            for (Map.Entry<String, BsonValue> e : spec.asDocument().entrySet()) {
                BsonValue v = e.getValue();
                switch (e.getKey()) {
                    case "into": m.into(v); break;
                    case "on": m.on = onFields(v); break;
                    case "whenMatched": whenMatchedSpec = v; break;
                    case "whenNotMatched": m.whenNotMatched = whenNotMatched(v); break;
                    case "let":
                        if (!v.isDocument()) {
                            throw AggErrors.fail(ErrorCode.TYPE_MISMATCH, "BSON field '$merge.let' is the wrong type '"
                                    + Values.typeName(v) + "', expected type 'object'");
                        }
                        letSpec = v.asDocument();
                        break;
                    default:
                        throw AggErrors.fail(40415, "BSON field '$merge." + e.getKey() + "' is an unknown field.");
                }
            }
            if (m.coll == null) {
                throw AggErrors.fail(40414, "BSON field '$merge.into' is missing but a required field");
            }
            if (whenMatchedSpec != null) {
                BsonValue wm = whenMatchedSpec;
                List<String> names = letSpec == null ? List.of("new") : new ArrayList<>(letSpec.keySet());
                VariableScope.with(names, () -> {
                    m.whenMatched(wm, updateParser);
                    return null;
                });
            }
            if (letSpec != null && m.whenMatched != WhenMatched.PIPELINE) {
                throw AggErrors.fail(51199, "Cannot use 'let' variables with 'whenMatched: "
                        + m.whenMatched.name().toLowerCase(Locale.ROOT) + "' mode");
            }
            m.let.put("new", ExpressionCompiler.compile(new BsonString("$$ROOT")));
            if (letSpec != null) {
                m.let.clear();
                for (Map.Entry<String, BsonValue> e : letSpec.entrySet()) {
                    Variables.validateName(e.getKey());
                    m.let.put(e.getKey(), ExpressionCompiler.compile(e.getValue()));
                }
            }
        } else {
            throw AggErrors.fail(51182, "$merge only supports a string or object argument, not "
                    + Values.typeName(spec));
        }
        OutStage.checkCollectionName("$merge", m.coll);
        return m;
    }

    private void into(BsonValue v) {
        if (v.isString()) {
            coll = v.asString().getValue();
        } else if (v.isDocument() && v.asDocument().isString("coll")) {
            coll = v.asDocument().getString("coll").getValue();
            db = v.asDocument().isString("db") ? v.asDocument().getString("db").getValue() : null;
        } else {
            throw AggErrors.fail(51178, "$merge 'into' field  must be either a string or an object, but found "
                    + Values.typeName(v));
        }
    }

    private static List<String> onFields(BsonValue v) {
        List<String> out = new ArrayList<>();
        if (v.isString()) {
            out.add(FieldPath.parse(v.asString().getValue()).dotted());
        } else if (v.isArray()) {
            for (BsonValue f : v.asArray()) {
                if (!f.isString()) {
                    throw AggErrors.fail(51134, "$merge 'on' array elements must be strings, but found "
                            + Values.typeName(f));
                }
                String name = FieldPath.parse(f.asString().getValue()).dotted();
                if (out.contains(name)) {
                    throw AggErrors.fail(31465, "Found a duplicate field '" + name + "'");
                }
                out.add(name);
            }
            if (out.isEmpty()) {
                throw AggErrors.fail(51187, "If explicitly specifying $merge 'on', must include at least one field");
            }
        } else {
            throw AggErrors.fail(51186, "$merge 'on' field  must be either a string or an array of strings, but "
                    + "found " + Values.typeName(v));
        }
        return out;
    }

    private void whenMatched(BsonValue v, Function<BsonValue, SubPipeline> updateParser) {
        if (v.isArray()) {
            whenMatched = WhenMatched.PIPELINE;
            pipeline = updateParser.apply(v);
            return;
        }
        String s = v.isString() ? v.asString().getValue() : "";
        switch (s) {
            case "replace": whenMatched = WhenMatched.REPLACE; break;
            case "keepExisting": whenMatched = WhenMatched.KEEP_EXISTING; break;
            case "merge": whenMatched = WhenMatched.MERGE; break;
            case "fail": whenMatched = WhenMatched.FAIL; break;
            default:
                throw AggErrors.fail(ErrorCode.BAD_VALUE, "Enumeration value '" + (v.isString() ? s : v.toString())
                        + "' for field '$merge.whenMatched' is not a valid value.");
        }
    }

    private static WhenNotMatched whenNotMatched(BsonValue v) {
        String s = v.isString() ? v.asString().getValue() : "";
        switch (s) {
            case "insert": return WhenNotMatched.INSERT;
            case "discard": return WhenNotMatched.DISCARD;
            case "fail": return WhenNotMatched.FAIL;
            default:
                throw AggErrors.fail(ErrorCode.BAD_VALUE, "Enumeration value '" + (v.isString() ? s : v.toString())
                        + "' for field '$merge.whenNotMatched' is not a valid value.");
        }
    }
}
