package io.jmongos.engine.command.aggregate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorCode;
import io.jmongos.engine.agg.MergeTarget;
import io.jmongos.engine.agg.Pipeline;
import io.jmongos.engine.agg.PipelineContext;
import io.jmongos.engine.catalog.CollectionMeta;
import io.jmongos.engine.catalog.IndexMeta;
import io.jmongos.engine.catalog.IndexUsage;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.command.OperationContext;
import io.jmongos.engine.command.QuerySupport;
import io.jmongos.engine.command.Views;
import io.jmongos.engine.command.diag.CollStatsCommand;
import io.jmongos.engine.exec.DocumentStream;
import io.jmongos.engine.storage.ReadView;
import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * What a pipeline sees of storage: other collections of the database read in the aggregate's own view
 * (its snapshot or transaction; $lookup filters are planned, so they use indexes), $out and $merge writes.
 */
final class EnginePipelineContext implements PipelineContext {
    /** The host name reported by $collStats, looked up once. */
    private static final String HOST = localHostName();

    private final OperationContext op;
    private final ReadView view;
    private final Namespace ns;
    private final Set<DocumentStream> open = new LinkedHashSet<>();

    /**
     * @param ns the aggregated collection, or null for a database aggregate
     */
    EnginePipelineContext(OperationContext op, ReadView view, Namespace ns) {
        this.op = op;
        this.view = view;
        this.ns = ns;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String namespace() {
        return ns == null ? null : ns.full();
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public BsonDocument storageStats(long scale) {
        CollectionMeta c = op.collection(ns);
        if (c == null && op.catalog().view(ns) != null) {
            throw Views.notACollection(ns);
        }
        if (c == null) {
            throw new CommandFailedException(ErrorCode.NAMESPACE_NOT_FOUND, "Collection [" + ns.full()
                    + "] not found.");
        }
        return CollStatsCommand.storageStats(op.services(), c, scale);
    }

    @Override
    public List<BsonDocument> indexStats() {
        CollectionMeta c = op.collection(ns);
        if (c == null) {
            return List.of();
        }
        IndexUsage usage = op.catalog().usage();
        List<BsonDocument> out = new ArrayList<>();
        BsonDocument idKey = new BsonDocument("_id", new BsonInt32(1));
        out.add(indexStat(CollectionMeta.ID_INDEX_NAME, idKey, usage.of(c.id()), new BsonDocument("v",
                new BsonInt32(2)).append("key", idKey).append("name", new BsonString(CollectionMeta.ID_INDEX_NAME))));
        for (IndexMeta i : c.indexes()) {
            out.add(indexStat(i.name(), i.keyPattern(), usage.of(i.id()), i.spec()));
        }
        return out;
    }

    private static BsonDocument indexStat(String name, BsonDocument key, IndexUsage.Accesses a, BsonDocument spec) {
        return new BsonDocument("name", new BsonString(name)).append("key", key).append("host", new BsonString(HOST))
                .append("accesses", new BsonDocument("ops", new BsonInt64(a.ops().get()))
                        .append("since", new BsonDateTime(a.sinceMillis())))
                .append("spec", spec);
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
        Views.Resolved resolved = Views.resolve(op.catalog(), ns);
        if (resolved != null) {
            return scanView(resolved, filter);
        }
        DocumentStream s = QuerySupport.plan(op.services(), view, op.collection(ns),
                QuerySupport.Query.filter(filter), op.deadline()).stream();
        open.add(s);
        return new StreamIterator(s, () -> forget(s));
    }

    /** A view read by $lookup or $unionWith: its pipeline (then the filter) over the collection it reads. */
    private Iterator<BsonDocument> scanView(Views.Resolved resolved, BsonDocument filter) {
        BsonArray stages = resolved.pipeline().clone();
        if (!filter.isEmpty()) {
            stages.add(new BsonDocument("$match", filter));
        }
        Pipeline pipeline = Pipeline.compile(stages, this);
        QuerySupport.Query q = new QuerySupport.Query(pipeline.leadingMatchFilter(), pipeline.leadingSort(), 0, 0,
                null, null);
        DocumentStream s = QuerySupport.plan(op.services(), view, op.collection(resolved.base()), q, op.deadline(),
                op.letVariables()).stream();
        open.add(s);
        return pipeline.execute(new StreamIterator(s, () -> forget(s)), true, true);
    }

    private synchronized void forget(DocumentStream s) {
        open.remove(s);
    }

    @Override
    public void replaceCollection(String collection, Iterator<BsonDocument> docs) {
        refuseView(collection);
        CollectionReplacer.replace(op, Namespace.of(op.db(), collection), docs);
    }

    @Override
    public MergeTarget mergeTarget(String collection, List<String> onFields) {
        return mergeTarget(op.db(), collection, onFields);
    }

    @Override
    public MergeTarget mergeTarget(String db, String collection, List<String> onFields) {
        Namespace target = Namespace.of(db == null ? op.db() : db, collection);
        if (op.catalog().view(target) != null) {
            throw Views.notACollection(target);
        }
        return EngineMergeTarget.open(op, target, onFields);
    }

    private void refuseView(String collection) {
        Namespace ns = Namespace.of(op.db(), collection);
        if (op.catalog().view(ns) != null) {
            throw Views.notACollection(ns);
        }
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
