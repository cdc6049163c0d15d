/**
 * The aggregation pipeline of the embedded engine: pure Java over {@code org.bson} values, no storage access
 * except through {@link io.jmongos.engine.agg.PipelineContext}.
 *
 * <ul>
 *   <li>{@link io.jmongos.engine.agg.Pipeline#compile} parses an aggregate pipeline (undefined {@code $$vars}
 *       fail at compile time, 17276); {@link io.jmongos.engine.agg.Pipeline#execute} runs it lazily.</li>
 *   <li>{@link io.jmongos.engine.agg.Pipeline#leadingMatchFilter()} and
 *       {@link io.jmongos.engine.agg.Pipeline#leadingSort()} let storage push the first $match/$sort into an
 *       index scan; pass what it applied to
 *       {@code execute(input, matchApplied, sortApplied)}.</li>
 *   <li>{@link io.jmongos.engine.agg.Pipeline#compileUpdate} / {@code applyToDocument} run update pipelines.</li>
 *   <li>Expressions live in {@code agg.expr} ({@code ExpressionCompiler.compile(spec)}; a Java {@code null}
 *       result means "missing"); stages in {@code agg.stage}; $group and its accumulators in
 *       {@code agg.group}.</li>
 * </ul>
 *
 * <p>Blocking stages ($sort, $group, $bucket, $sortByCount, $facet, $sample) hold at most
 * {@link io.jmongos.engine.agg.PipelineContext#memoryLimitBytes()} each (approximate sizes) and otherwise fail
 * with 292; nothing spills to disk. Unknown stages fail with 40324, unknown expressions with 168, unknown
 * accumulators with 15952.
 */
package io.jmongos.engine.agg;
