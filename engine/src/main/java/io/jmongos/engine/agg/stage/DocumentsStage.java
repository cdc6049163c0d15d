package io.jmongos.engine.agg.stage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.jmongos.engine.agg.expr.AggErrors;
import io.jmongos.engine.agg.expr.Expression;
import io.jmongos.engine.agg.expr.ExpressionCompiler;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/** {@code $documents: <array expression>}: a source stage; its input is ignored. */
public final class DocumentsStage implements Stage {
    private final Expression docs;

    private DocumentsStage(Expression docs) {
        this.docs = docs;
    }

    public static DocumentsStage parse(BsonValue spec) {
        return new DocumentsStage(ExpressionCompiler.compile(spec));
    }

    @Override
    public String name() {
        return "$documents";
    }

    @Override
    public Iterator<BsonDocument> apply(Iterator<BsonDocument> input, ExecContext ctx) {
        BsonValue v = docs.evaluate(new BsonDocument(), ctx.vars());
        if (v == null || !v.isArray()) {
            throw AggErrors.fail(5858203, "error during $documents stage: $documents requires an array of objects");
        }
        List<BsonDocument> out = new ArrayList<>();
        for (BsonValue d : v.asArray()) {
            if (!d.isDocument()) {
                throw AggErrors.fail(40228, "error during $documents stage: each element must be an object, found "
                        + d);
            }
            out.add(d.asDocument());
        }
        return out.iterator();
    }
}
