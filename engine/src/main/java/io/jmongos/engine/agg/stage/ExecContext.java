package io.jmongos.engine.agg.stage;

import io.jmongos.engine.agg.PipelineContext;
import io.jmongos.engine.agg.expr.Variables;

/** One execution of a pipeline: the storage context and the variables in scope (command let, $lookup let). */
public final class ExecContext {
    private final PipelineContext context;
    private final Variables vars;

    public ExecContext(PipelineContext context, Variables vars) {
        this.context = context;
        this.vars = vars;
    }

    public PipelineContext context() {
        return context;
    }

    public Variables vars() {
        return vars;
    }

    /** The same execution with other variables (a $lookup sub-pipeline with its let). */
    public ExecContext withVars(Variables v) {
        return new ExecContext(context, v);
    }

    /** A fresh budget for one blocking stage, at the context's memory limit. */
    public MemoryBudget budget(String stageName) {
        return new MemoryBudget(stageName, context == null ? PipelineContext.DEFAULT_MEMORY_LIMIT_BYTES
                : context.memoryLimitBytes());
    }
}
