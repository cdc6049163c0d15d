package io.jmongos.router.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;
import io.jmongos.common.ErrorLabels;
import io.jmongos.router.session.ClientInfo;
import io.jmongos.router.session.FakeShard;
import io.jmongos.router.session.LogicalSessionId;

class TransactionRouterTest {
    private static final ClientInfo CLIENT = new ClientInfo(3, false, "10.0.0.1:1000", null, null);
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FakeShard shard = new FakeShard();
    private final LogicalSessionId lsid = LogicalSessionId.random();
    private final List<RouterTransaction> ended = new ArrayList<>();
    private TransactionRouter router;

    @BeforeEach
    void setUp() {
        router = new TransactionRouter(() -> 1_700_000_000_000L, nanos::get);
        router.onTransactionEnd(ended::add);
    }

    private RouterTransaction startWithStatement(long txnNumber) {
        RouterTransaction t = router.beginOrContinue(lsid, txnNumber, true, snapshot());
        router.statementStarted(t, CLIENT);
        router.addParticipant(t, shard);
        router.statementFinished(t);
        return t;
    }

    private static BsonDocument snapshot() {
        return new BsonDocument("level", new BsonString("snapshot"));
    }

    @Test
    void startContinueCommit() {
        RouterTransaction t = startWithStatement(1);
        assertThat(router.beginOrContinue(lsid, 1, false, null)).isSameAs(t);
        assertThat(router.metrics().currentOpen()).isEqualTo(1);

        BsonDocument reply = router.commit(lsid, 1, new BsonDocument("commitTransaction", new BsonString("x")),
                CLIENT, name -> shard);

        assertThat(reply).isEmpty();
        assertThat(t.state()).isEqualTo(TransactionState.COMMITTED);
        assertThat(shard.count("commitTransaction")).isEqualTo(1);
        BsonDocument sent = shard.received().get(shard.received().size() - 1).command();
        assertThat(sent.getNumber("txnNumber").longValue()).isEqualTo(1);
        assertThat(sent.getBoolean("autocommit").getValue()).isFalse();
        assertThat(sent.getDocument("lsid")).isEqualTo(lsid.toBson());
        BsonDocument m = router.metrics().toBson();
        assertThat(m.getNumber("currentOpen").longValue()).isZero();
        assertThat(m.getNumber("totalStarted").longValue()).isEqualTo(1);
        assertThat(m.getNumber("totalCommitted").longValue()).isEqualTo(1);
        assertThat(m.getDocument("commitTypes").getDocument("singleShard").getNumber("successful").longValue())
                .isEqualTo(1);
        assertThat(ended).containsExactly(t);
    }

    @Test
    void retriedCommitOfACommittedTransactionSucceedsWithoutResending() {
        startWithStatement(1);
        router.commit(lsid, 1, new BsonDocument(), CLIENT, name -> shard);
        assertThat(router.commit(lsid, 1, new BsonDocument(), CLIENT, name -> shard)).isEmpty();
        assertThat(shard.count("commitTransaction")).isEqualTo(1);
        assertThat(router.metrics().totalCommitted()).isEqualTo(1);
    }

    @Test
    void commitOfAnUnknownTransactionRecoversTheDecisionFromTheShard() {
        assertThatThrownBy(() -> router.commit(lsid, 9, new BsonDocument(), CLIENT, name -> shard))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(50940));
        BsonDocument withToken = new BsonDocument("recoveryToken", new BsonDocument("recoveryShardId",
                new BsonString("fake")));
        // no decision yet at the shard: recovery aborts it
        assertThatThrownBy(() -> router.commit(lsid, 9, withToken, CLIENT, name -> shard))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(251);
                    assertThat(e.errorLabels()).contains(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
                });
        assertThat(shard.count("commitTransaction")).isZero();
        // committed at the shard: the abort is refused with TransactionCommitted, the commit succeeds
        shard.override = c -> c.getFirstKey().equals("abortTransaction")
                ? FakeShard.error(256, "TransactionCommitted", "committed") : null;
        assertThat(router.commit(lsid, 10, withToken, CLIENT, name -> shard)).isEmpty();
        // unknown to the shard's abort: ask with a commit, whose answer stands
        shard.override = c -> c.getFirstKey().equals("abortTransaction")
                ? FakeShard.error(251, "NoSuchTransaction", "none") : null;
        assertThat(router.commit(lsid, 11, withToken, CLIENT, name -> shard)).isEmpty();
        assertThat(shard.count("commitTransaction")).isEqualTo(1);
        assertThat(router.metrics().toBson().getDocument("commitTypes").getDocument("recoverWithToken")
                .getNumber("successful").longValue()).isEqualTo(2);
    }

    @Test
    void txnNumberRules() {
        startWithStatement(5);
        assertThatThrownBy(() -> router.beginOrContinue(lsid, 4, true, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(225);
                    assertThat(e.getMessage()).isEqualTo("txnNumber 4 is less than last txnNumber 5 seen in session "
                            + lsid);
                });
        assertThatThrownBy(() -> router.beginOrContinue(lsid, 5, true, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(117));
        assertThatThrownBy(() -> router.beginOrContinue(lsid, 6, false, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(251);
                    assertThat(e.errorLabels()).contains(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
                });
        assertThatThrownBy(() -> router.beginOrContinue(lsid, 5, false, snapshot()))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(72);
                    assertThat(e.getMessage()).isEqualTo(
                            "Only the first command in a transaction may specify a readConcern");
                });
        assertThatThrownBy(() -> router.beginOrContinue(lsid, 7, true,
                new BsonDocument("level", new BsonString("linearizable"))))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(72));
    }

    @Test
    void abortedTransactionRejectsStatementsAndCommitWith251() {
        RouterTransaction t = startWithStatement(1);
        assertThat(router.abortTransaction(lsid, 1, CLIENT)).isEmpty();
        assertThat(shard.count("abortTransaction")).isEqualTo(1);
        assertThat(t.abortCause()).isEqualTo("abort");
        assertThatThrownBy(() -> router.beginOrContinue(lsid, 1, false, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(251);
                    assertThat(e.errorLabels()).contains(ErrorLabels.TRANSIENT_TRANSACTION_ERROR);
                });
        assertThatThrownBy(() -> router.commit(lsid, 1, new BsonDocument(), CLIENT, name -> shard))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(251));
        assertThat(router.metrics().abortCause("abort")).isEqualTo(1);
    }

    @Test
    void abortAfterCommitIsTransactionCommitted() {
        startWithStatement(1);
        router.commit(lsid, 1, new BsonDocument(), CLIENT, name -> shard);
        assertThatThrownBy(() -> router.abortTransaction(lsid, 1, CLIENT))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(256));
        assertThatThrownBy(() -> router.beginOrContinue(lsid, 1, false, null))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(256));
    }

    @Test
    void abortWithoutParticipantsIsNoSuchTransaction() {
        router.beginOrContinue(lsid, 1, true, null);
        assertThatThrownBy(() -> router.abortTransaction(lsid, 1, CLIENT))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> {
                    assertThat(e.code()).isEqualTo(251);
                    assertThat(e.getMessage()).isEqualTo(
                            "no known command has been sent by this router for this transaction");
                });
        assertThat(router.metrics().currentOpen()).isZero();
    }

    @Test
    void commitFailureFromShardAbortsUnlessTheOutcomeIsUnknown() {
        RouterTransaction t = startWithStatement(1);
        shard.override = c -> c.getFirstKey().equals("commitTransaction")
                ? FakeShard.error(50, "MaxTimeMSExpired", "timeout") : null;
        assertThatThrownBy(() -> router.commit(lsid, 1, new BsonDocument(), CLIENT, name -> shard))
                .isInstanceOfSatisfying(CommandFailedException.class, e ->
                        assertThat(e.errorLabels()).contains(ErrorLabels.UNKNOWN_TRANSACTION_COMMIT_RESULT));
        assertThat(t.inProgress()).isTrue();
        shard.override = c -> c.getFirstKey().equals("commitTransaction")
                ? FakeShard.error(251, "NoSuchTransaction", "gone") : null;
        assertThatThrownBy(() -> router.commit(lsid, 1, new BsonDocument(), CLIENT, name -> shard))
                .isInstanceOfSatisfying(CommandFailedException.class, e ->
                        assertThat(e.errorLabels()).contains(ErrorLabels.TRANSIENT_TRANSACTION_ERROR));
        assertThat(t.state()).isEqualTo(TransactionState.ABORTED);
        assertThat(router.metrics().abortCause("NoSuchTransaction")).isEqualTo(1);
    }

    @Test
    void newerTransactionAbortsTheOlderOne() {
        RouterTransaction old = startWithStatement(1);
        RouterTransaction fresh = router.beginOrContinue(lsid, 2, true, null);
        assertThat(old.state()).isEqualTo(TransactionState.ABORTED);
        assertThat(fresh.inProgress()).isTrue();
        assertThat(router.metrics().currentOpen()).isEqualTo(1);
        assertThat(shard.count("abortTransaction")).isEqualTo(1);
    }

    @Test
    void activeAndInactiveGauges() {
        RouterTransaction t = router.beginOrContinue(lsid, 1, true, null);
        router.statementStarted(t, CLIENT);
        BsonDocument m = router.metrics().toBson();
        assertThat(m.getNumber("currentActive").longValue()).isEqualTo(1);
        assertThat(m.getNumber("currentInactive").longValue()).isZero();
        router.statementFinished(t);
        m = router.metrics().toBson();
        assertThat(m.getNumber("currentActive").longValue()).isZero();
        assertThat(m.getNumber("currentInactive").longValue()).isEqualTo(1);
        router.statementStarted(t, CLIENT);
        router.abort(t, "WriteConflict");
        router.statementFinished(t);
        m = router.metrics().toBson();
        assertThat(m.getNumber("currentActive").longValue()).isZero();
        assertThat(m.getNumber("currentOpen").longValue()).isZero();
        assertThat(m.getDocument("abortCause").getNumber("WriteConflict").longValue()).isEqualTo(1);
    }

    @Test
    void expiredIdleTransactionsAreAbortedButRunningOnesWait() {
        RouterTransaction idle = startWithStatement(1);
        LogicalSessionId other = LogicalSessionId.random();
        RouterTransaction running = router.beginOrContinue(other, 1, true, null);
        router.statementStarted(running, CLIENT);
        nanos.addAndGet(61_000_000_000L);

        assertThat(router.abortExpired(60_000)).isEqualTo(1);

        assertThat(idle.abortCause()).isEqualTo("TransactionExceededLifetimeLimitSeconds");
        assertThat(running.inProgress()).isTrue();
        router.statementFinished(running);
        assertThat(router.abortExpired(60_000)).isEqualTo(1);
        assertThat(router.metrics().toBson().getNumber("totalExpired").longValue()).isEqualTo(2);
    }

    @Test
    void loadBalancerDisconnectAbortCountsInterrupted() {
        RouterTransaction t = startWithStatement(1);
        assertThat(router.abortForLoadBalancerDisconnect(t)).isTrue();
        assertThat(router.abortForLoadBalancerDisconnect(t)).isFalse();
        assertThat(router.metrics().abortCause("Interrupted")).isEqualTo(1);
        assertThat(router.metrics().abortedByLoadBalancerDisconnectCount()).isEqualTo(1);
        assertThat(shard.count("abortTransaction")).isEqualTo(1);
        assertThat(ended).containsExactly(t);
    }

    @Test
    void sessionEndAbortsAndForgets() {
        startWithStatement(3);
        router.sessionEnded(lsid, "Interrupted");
        assertThat(router.current(lsid)).isNull();
        assertThat(router.metrics().currentOpen()).isZero();
        assertThat(router.beginOrContinue(lsid, 1, true, null).inProgress()).isTrue();
    }

    @Test
    void reportShowsParametersAndParticipants() {
        RouterTransaction t = startWithStatement(4);
        BsonDocument r = TransactionReport.of(t, nanos.get() + 2_000_000);
        assertThat(r.getDocument("parameters").getNumber("txnNumber").longValue()).isEqualTo(4);
        assertThat(r.getDocument("parameters").getBoolean("autocommit").getValue()).isFalse();
        assertThat(r.getDocument("parameters").getDocument("readConcern")).isEqualTo(snapshot());
        assertThat(r.getArray("participants")).hasSize(1);
        assertThat(r.getNumber("timeOpenMicros").longValue()).isEqualTo(2000);
    }
}
