package io.jmongos.engine.agg.stage;

import java.util.Iterator;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;
import io.jmongos.engine.agg.expr.Numbers;
import io.jmongos.engine.agg.expr.Values;
import io.jmongos.engine.write.ShellFormat;
import io.jmongos.engine.query.QueryCompiler;
import io.jmongos.engine.query.QueryMatcher;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** The small streaming stages: $match, $limit, $skip, $count, $replaceRoot/$replaceWith. */
public final class SimpleStages {
    private SimpleStages() {
    }

    /** {@code $match}: the query helper's matcher; recompiled per execution when user variables are bound. */
    public static Stage match(BsonValue spec) {
        if (!spec.isDocument()) {
            throw AggErrors.fail(15959, "the match filter must be an expression in an object");
        }
        BsonDocument filter = spec.asDocument();
        QueryMatcher compiled = QueryCompiler.compile(filter);
        return new MatchStage(filter, compiled);
    }

    /** The $match stage; {@link #filter()} is what storage may push into an index scan. */
    public static final class MatchStage implements Stage {
        private final BsonDocument filter;
        private final QueryMatcher matcher;

        MatchStage(BsonDocument filter, QueryMatcher matcher) {
            this.filter = filter;
            this.matcher = matcher;
        }

        public BsonDocument filter() {
            return filter;
        }

        @Override
        public String name() {
            return "$match";
        }

        @Override
        public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
            QueryMatcher m = ctx.vars().hasUserVariables() ? QueryCompiler.compile(filter, ctx.vars()) : matcher;
            return new LazyIterator<>() {
                @Override
                protected BsonDocument compute() {
                    while (input.hasNext()) {
                        BsonDocument d = input.next();
                        if (m.matches(d)) {
                            return d;
                        }
                    }
                    return null;
                }
            };
        }
    }

    /** {@code $limit: n} (n a positive integer). */
    public static Stage limit(BsonValue spec) {
        long n = integral("$limit", spec, 15957, "the limit must be specified as a number");
        if (n <= 0) {
            throw AggErrors.fail(15958, "the limit must be positive");
        }
        return new LimitStage(n);
    }

    /** A $limit stage of {@code n} documents (n &gt; 0). */
    public static LimitStage limitOf(long n) {
        return new LimitStage(n);
    }

    /** The $limit stage; {@link #limit()} lets $sort keep only the top documents. */
    public static final class LimitStage implements Stage {
        private final long limit;

        LimitStage(long limit) {
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }

        @Override
        public String name() {
            return "$limit";
        }

        @Override
        public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
            return new LazyIterator<>() {
                private long returned;

                @Override
                protected BsonDocument compute() {
                    if (returned >= limit || !input.hasNext()) {
                        return null;
                    }
                    returned++;
                    return input.next();
                }
            };
        }
    }

    /** {@code $skip: n} (n a non-negative integer). */
    public static Stage skip(BsonValue spec) {
        long n = integral("$skip", spec, 15972, "Argument to $skip must be a number");
        if (n < 0) {
            throw AggErrors.fail(15956, "Argument to $skip cannot be negative");
        }
        return new Stage() {
            @Override
            public String name() {
                return "$skip";
            }

            @Override
            public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
                return new LazyIterator<>() {
                    private boolean skipped;

                    @Override
                    protected BsonDocument compute() {
                        if (!skipped) {
                            skipped = true;
                            for (long i = 0; i < n && input.hasNext(); i++) {
                                input.next();
                            }
                        }
                        return input.hasNext() ? input.next() : null;
                    }
                };
            }
        };
    }

    private static long integral(String stage, BsonValue spec, int typeCode, String typeMessage) {
        if (!Values.isNumber(spec)) {
            throw AggErrors.fail(typeCode, typeMessage);
        }
        double d = Numbers.toDouble(spec);
        if (d != Math.rint(d) || Math.abs(d) > 9.2e18) {
            throw AggErrors.fail(2, "invalid argument to " + stage + " stage: Cannot represent as a 64-bit "
                    + "integer: " + stage + ": " + spec);
        }
        return Numbers.toLong(spec);
    }

    /** {@code $count: "name"}: one document {name: n} (none for empty input). */
    public static Stage count(BsonValue spec) {
        if (!spec.isString() || spec.asString().getValue().isEmpty()) {
            throw AggErrors.fail(40156, "the count field must be a non-empty string");
        }
        String field = spec.asString().getValue();
        if (field.startsWith("$")) {
            throw AggErrors.fail(40158, "the count field cannot be a $-prefixed path");
        }
        if (field.indexOf('.') >= 0) {
            throw AggErrors.fail(40160, "the count field cannot contain '.'");
        }
        if (field.indexOf('\0') >= 0) {
            throw AggErrors.fail(40159, "the count field cannot contain a null byte");
        }
        return new Stage() {
            @Override
            public String name() {
                return "$count";
            }

            @Override
            public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
                return new LazyIterator<>() {
                    private boolean done;

                    @Override
                    protected BsonDocument compute() {
                        if (done) {
                            return null;
                        }
                        done = true;
                        long n = 0;
                        while (input.hasNext()) {
                            input.next();
                            n++;
                        }
                        if (n == 0) {
                            return null;
                        }
                        return new BsonDocument(field, Numbers.integral(n, Numbers.INT));
                    }
                };
            }
        };
    }

    /** {@code $replaceRoot: {newRoot: expr}} and {@code $replaceWith: expr}. */
    public static Stage replaceRoot(String stageName, BsonValue spec) {
        BsonValue exprSpec = spec;
        if (stageName.equals("$replaceRoot")) {
            if (!spec.isDocument()) {
                throw AggErrors.fail(40228, "$replaceRoot requires an object, found: " + Values.typeName(spec));
            }
            for (String k : spec.asDocument().keySet()) {
                if (!k.equals("newRoot")) {
                    throw AggErrors.fail(40415, "BSON field '$replaceRoot." + k + "' is an unknown field.");
                }
            }
            if (!spec.asDocument().containsKey("newRoot")) {
                throw AggErrors.fail(40414, "BSON field '$replaceRoot.newRoot' is missing but a required field");
            }
            exprSpec = spec.asDocument().get("newRoot");
        }
        Expression e = ExpressionCompiler.compile(exprSpec);
        String what = stageName.equals("$replaceRoot") ? "'newRoot' expression" : "'replacement document'";
        return new MapStage(stageName, (doc, ctx) -> {
            BsonValue v = e.evaluate(doc, ctx.vars());
            if (v == null || !v.isDocument()) {
                throw AggErrors.fail(40228, what + " must evaluate to an object, but resulting value was: "
                        + (v == null ? "MISSING" : ShellFormat.format(v)) + ". Type of resulting value: '"
                        + Values.typeName(v) + "'. Input document: " + ShellFormat.format(doc));
            }
            return v.asDocument();
        });
    }
}
