/**
 * Change streams of the embedded shard.
 *
 * <h2>The change log</h2>
 * {@link io.jmongos.engine.changes.ChangeLog} stands in for the oplog: a bounded in-memory log (the most recent
 * 100 000 changes or 64 MiB) with one cluster time per change ({@code seconds << 32 | increment}). The writer
 * ({@link io.jmongos.engine.write.CollectionWriter}) records each insert, update, replace and delete on its storage
 * transaction ({@link io.jmongos.engine.changes.PendingChanges}, the transaction's commit hook); just before the
 * storage commit the changes reserve their times, after it they are published, and a rollback or failed commit
 * cancels them, so the log holds committed writes in commit order and nothing of aborted transactions. Readers
 * never see past an open reservation (mongod's oplog visibility rule). {@code drop} and {@code dropDatabase}
 * append once done. Dropped history moves {@link io.jmongos.engine.changes.ChangeLog#lostThrough()}: a stream
 * that needs it fails with 286 ChangeStreamHistoryLost.
 *
 * <h2>Streams</h2>
 * {@code aggregate} with a leading {@code $changeStream} ({@link io.jmongos.engine.changes.ChangeStreamOpener})
 * opens a {@link io.jmongos.engine.changes.ChangeStreamCursor} on a collection, a database or (on admin with
 * {@code allChangesForCluster}) every database, starting now, after a resume token, or at an operation time. The
 * cursors live in their own registry because their {@code getMore} waits up to {@code maxTimeMS} (1 s by default)
 * on the log's condition and must be killable meanwhile: {@code killCursors} wakes the wait (237 CursorKilled).
 * Events are built when read; the stages after {@code $changeStream} run per event through the engine's
 * aggregation module. The router relays the cursor as any shard cursor (tailable, awaitData).
 */
package io.jmongos.engine.changes;
