package io.jmongos.engine.command;

import java.util.ArrayList;
import java.util.List;

import io.jmongos.common.CommandFailedException;
import io.jmongos.engine.catalog.Catalog;
import io.jmongos.engine.catalog.Namespace;
import io.jmongos.engine.catalog.ViewMeta;
import org.bson.BsonArray;

/**
 * Resolves views to the collection they read and the whole pipeline in front of it (a view on a view chains
 * both pipelines), and builds MongoDB's errors for what views refuse.
 */
public final class Views {
    /** MongoDB's code for a write or DDL on a view: CommandNotSupportedOnView. */
    public static final int NOT_SUPPORTED_ON_VIEW = 166;
    /** MongoDB's limit on views on views (ViewGraph::kMaxViewDepth). */
    public static final int MAX_DEPTH = 20;
    /** MongoDB's code ViewDepthLimitExceeded. */
    static final int DEPTH_LIMIT_EXCEEDED = 165;
    /** MongoDB's code GraphContainsCycle. */
    static final int GRAPH_CONTAINS_CYCLE = 167;

    private Views() {
    }

    /** A view resolved: the collection read and the pipeline applied to it (the views' stages, innermost first). */
    public record Resolved(Namespace base, BsonArray pipeline) {
    }

    /** The resolution of {@code ns} if it is a view, else null. */
    public static Resolved resolve(Catalog catalog, Namespace ns) {
        ViewMeta v = catalog.view(ns);
        if (v == null) {
            return null;
        }
        List<ViewMeta> chain = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        seen.add(ns.full());
        while (v != null) {
            chain.add(0, v);
            if (chain.size() > MAX_DEPTH) {
                throw depthExceeded();
            }
            Namespace next = v.source();
            if (seen.contains(next.full())) {
                seen.add(next.full());
                throw cycle(seen);
            }
            seen.add(next.full());
            v = catalog.view(next);
        }
        BsonArray pipeline = new BsonArray();
        chain.forEach(view -> pipeline.addAll(view.pipeline().clone()));
        return new Resolved(chain.get(0).source(), pipeline);
    }

    /** Checks that a new view {@code ns} on {@code viewOn} closes no cycle and stays within the depth limit. */
    public static void checkNew(Catalog catalog, Namespace ns, String viewOn) {
        List<String> path = new ArrayList<>();
        path.add(ns.full());
        Namespace next = new Namespace(ns.db(), viewOn);
        int depth = 1;
        while (true) {
            path.add(next.full());
            if (next.equals(ns)) {
                throw cycle(path);
            }
            ViewMeta v = catalog.view(next);
            if (v == null) {
                return;
            }
            if (++depth > MAX_DEPTH) {
                throw depthExceeded();
            }
            next = v.source();
        }
    }

    /** 166: "Namespace db.v is a view, not a collection". */
    public static CommandFailedException notACollection(Namespace ns) {
        return new CommandFailedException(NOT_SUPPORTED_ON_VIEW, "CommandNotSupportedOnView", "Namespace " + ns.full()
                + " is a view, not a collection");
    }

    /** The 166 error when {@code ns} is a view, else null. */
    public static CommandFailedException refusal(Catalog catalog, Namespace ns) {
        return catalog.view(ns) == null ? null : notACollection(ns);
    }

    static CommandFailedException depthExceeded() {
        return new CommandFailedException(DEPTH_LIMIT_EXCEEDED, "ViewDepthLimitExceeded",
                "View depth too deep or view cycle detected. Maximum depth is " + MAX_DEPTH);
    }

    static CommandFailedException cycle(List<String> path) {
        return new CommandFailedException(GRAPH_CONTAINS_CYCLE, "GraphContainsCycle", "View cycle detected: "
                + path.toString().replace(", ", " => "));
    }
}
