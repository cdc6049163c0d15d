package io.jmongos.engine.agg;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.jmongos.common.CommandFailedException;

import org.assertj.core.api.AbstractThrowableAssert;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/** Runs pipelines written as JSON over documents written as JSON. */
final class PipelineTestSupport {
    private PipelineTestSupport() {
    }

    /** Documents that are equal only with the same fields in the same order (BsonDocument ignores order). */
    static final class OrderedDocument extends BsonDocument {
        private static final long serialVersionUID = 1L;

        OrderedDocument(BsonDocument d) {
            putAll(d);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BsonDocument && toJson().equals(((BsonDocument) o).toJson());
        }

        @Override
        public int hashCode() {
            return toJson().hashCode();
        }
    }

    static List<BsonDocument> docs(String... json) {
        List<BsonDocument> out = new ArrayList<>();
        for (String j : json) {
            out.add(new OrderedDocument(BsonDocument.parse(j)));
        }
        return out;
    }

    static List<BsonDocument> run(FakePipelineContext ctx, String pipeline, String... input) {
        Iterator<BsonDocument> it = Pipeline.compile(BsonArray.parse(pipeline), ctx).execute(docs(input).iterator());
        List<BsonDocument> out = new ArrayList<>();
        it.forEachRemaining(d -> out.add(new OrderedDocument(d)));
        return out;
    }

    static List<BsonDocument> run(String pipeline, String... input) {
        return run(new FakePipelineContext(), pipeline, input);
    }

    /** Asserts the pipeline fails (at compile or run time) with {@code code}. */
    static AbstractThrowableAssert<?, ? extends Throwable> fails(int code, String pipeline, String... input) {
        return fails(new FakePipelineContext(), code, pipeline, input);
    }

    static AbstractThrowableAssert<?, ? extends Throwable> fails(FakePipelineContext ctx, int code, String pipeline,
                                                                 String... input) {
        return assertThatThrownBy(() -> run(ctx, pipeline, input))
                .isInstanceOf(CommandFailedException.class)
                .matches(t -> ((CommandFailedException) t).code() == code,
                        "code " + code);
    }
}
