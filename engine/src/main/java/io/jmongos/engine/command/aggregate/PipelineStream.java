package io.jmongos.engine.command.aggregate;

import java.util.Iterator;

import io.jmongos.engine.exec.Deadline;
import io.jmongos.engine.exec.DocumentStream;
import org.bson.BsonDocument;

/** A pipeline's output as a cursor stream; suspending or closing it reaches the storage streams below. */
final class PipelineStream implements DocumentStream {
    private final Iterator<BsonDocument> output;
    private final DocumentStream source;
    private final EnginePipelineContext context;

    PipelineStream(Iterator<BsonDocument> output, DocumentStream source, EnginePipelineContext context) {
        this.output = output;
        this.source = source;
        this.context = context;
    }

    @Override
    public BsonDocument next() {
        return output.hasNext() ? output.next() : null;
    }

    @Override
    public void suspend() {
        source.suspend();
        context.suspendAll();
    }

    @Override
    public void setDeadline(Deadline deadline) {
        source.setDeadline(deadline);
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            context.closeAll();
        }
    }
}
