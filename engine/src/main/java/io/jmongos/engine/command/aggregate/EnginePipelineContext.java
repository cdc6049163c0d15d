package io.jmongos.engine.command.aggregate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.jmongos.engine.agg.MergeTarget;
import io.jmongos.engine.agg.PipelineContext;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.exec.DocumentStream;
import io.jmongos.engine.storage.ReadView;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What a pipeline sees of storage: other collections of the database read in the aggregate's own view
 * (its snapshot or transaction; $lookup filters are planned, so they use indexes), $out and $merge writes.
 */
final class EnginePipelineContext implements PipelineContext {
    private final OperationContext op;
    private final ReadView view;
    private final Set<DocumentStream> open = new LinkedHashSet<>();

    EnginePipelineContext(OperationContext op, ReadView view) {
        this.op = op;
        this.view = view;
    }

    @Override
    public String database() {
        return op.db();
    }

    @Override
    public Iterator<BsonDocument> scan(String collection) {
        return scan(collection, new BsonDocument());
    }

    @Override
    public synchronized Iterator<BsonDocument> scan(String collection, BsonDocument filter) {
        Namespace ns = Namespace.of(op.db(), collection);
        DocumentStream s = QuerySupport.plan(op.services(), view, op.collection(ns),
                QuerySupport.Query.filter(filter), op.deadline()).stream();
        open.add(s);
        return new StreamIterator(s, () -> forget(s));
    }

    private synchronized void forget(DocumentStream s) {
        open.remove(s);
    }

    @Override
    public void replaceCollection(String collection, Iterator<BsonDocument> docs) {
        CollectionReplacer.replace(op, Namespace.of(op.db(), collection), docs);
    }

    @Override
    public MergeTarget mergeTarget(String collection, List<String> onFields) {
        return EngineMergeTarget.open(op, Namespace.of(op.db(), collection), onFields);
    }

    @Override
    public BsonDocument commandLet() {
        BsonValue let = op.command().get("let");
        return let != null && let.isDocument() ? let.asDocument() : null;
    }

    @Override
    public long memoryLimitBytes() {
        return op.services().options().sortMemoryLimitBytes();
    }

    synchronized void suspendAll() {
        open.forEach(DocumentStream::suspend);
    }

    synchronized void closeAll() {
        List<DocumentStream> all = new ArrayList<>(open);
        open.clear();
        all.forEach(DocumentStream::close);
    }
}
