/**
 * The embedded shard: an "embedded mongod" the router talks to with command documents
 * ({@link io.jmongos.engine.EmbeddedEngine#runCommand}), exactly as mongos talks to a shard.
 *
 * <h2>Storage (package {@code storage}, {@code catalog})</h2>
 * RocksDB TransactionDB (pessimistic, lock timeout 0), in memory on a RocksMemEnv by default or durable
 * under a data directory. Column families: {@code catalog} (one BSON entry per collection with its indexes),
 * {@code records} ({@code 8-byte collection id + KeyEncoder(_id) -> BSON}), {@code indexes}
 * ({@code 8-byte index id + compound key [+ KeyEncoder(_id)] -> KeyEncoder(_id)}; unique indexes omit the id
 * from the key so two writers of one key collide) and {@code sessions} (per session its txnNumber and state,
 * and per stmtId the result of its latest retryable write, overwritten in place by the next txnNumber).
 * {@link io.jmongos.engine.storage.KeyEncoder} orders bytes exactly as MongoDB orders BSON values, so _id order,
 * index order and range bounds are byte order.
 * A capped collection also keeps its insertion order under its own collection id in {@code indexes}
 * ({@link io.jmongos.engine.write.CappedRecords}: sequence -> _id, _id -> sequence and size, a state entry);
 * its collection scans read that order, and an insert removes the oldest documents in its own transaction.
 * Views ({@code viewOn} + pipeline) are catalog entries too ({@code view\0db\0name}); commands on a view run
 * its pipeline over the collection it reads ({@link io.jmongos.engine.command.Views}).
 *
 * <h2>Concurrency</h2>
 * Every write runs in a storage transaction with a snapshot taken at its start: outside multi-statement
 * transactions one per document (write conflicts are retried, as mongod's writeConflictRetry); inside one,
 * the transaction's own. A write to a key another transaction holds or changed after the snapshot fails at
 * once (RocksDB Busy/TimedOut) and becomes 112 WriteConflict; a lock attempt that failed only because the
 * lock table's stripe mutex was busy (TimedOut/MutexTimeout, no key involved) is tried again, so writers of
 * distinct keys never conflict. Reads outside transactions use a snapshot per
 * operation, kept by the cursor for its life; cursors release their RocksDB iterator between batches and
 * re-seek after the last key. Catalog changes take the catalog's exclusive lock, data operations its
 * shared lock; transactions check at commit that the collections they wrote did not change under them.
 *
 * <h2>Commands (package {@code command})</h2>
 * One class per command, found by name in {@link io.jmongos.engine.command.CommandRegistry};
 * {@link io.jmongos.engine.command.CommandDispatcher} applies mongod's session rules (transactions,
 * retryable writes) and turns every error into a reply. A find by {@code _id} alone reads its document by key
 * (IDHACK); other queries are planned by
 * {@link io.jmongos.engine.plan.QueryPlanner} (index bounds from equality/range/$in predicates, sorts from
 * index order) and executed by the streams of package {@code exec}; the query, update and aggregation
 * languages come from packages {@code query}, {@code update} and {@code agg}.
 *
 * <h2>Change streams (package {@code changes})</h2>
 * Committed writes are appended, in commit order, to a bounded in-memory change log (the engine's oplog); an
 * {@code aggregate} starting with {@code $changeStream} opens a tailable, awaitData cursor over it whose
 * {@code getMore} waits for new changes.
 */
package io.jmongos.engine;
