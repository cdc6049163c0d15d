package io.jmongos.router.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import io.jmongos.router.conn.ClientConnectionState;
import io.jmongos.router.log.LogIds;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The global bound on bytes held for incomplete messages: accounts add up, the oldest incomplete message's sender
 * is closed when a growth passes the limit (one WARN line each), its bytes stop counting at once, later reports
 * from it are ignored, and the limit is read live.
 */
class IncompleteMessageBudgetTest {
    private final AtomicLong limit = new AtomicLong(100);
    private final IncompleteMessageBudget budget = new IncompleteMessageBudget(limit::get);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ConnectionLog.class);
    private int nextId = 1;

    @BeforeEach
    void capture() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void release() {
        logger.detachAppender(log);
    }

    private record Conn(EmbeddedChannel channel, IncompleteMessageBudget.Account account) {
    }

    private Conn connection() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ClientConnectionState state = new ClientConnectionState(nextId++, new InetSocketAddress("127.0.0.1", 40000),
                new InetSocketAddress("127.0.0.1", 27017), false);
        return new Conn(ch, budget.open(state, ch));
    }

    private List<ILoggingEvent> closeLines() {
        return log.list.stream().filter(e -> e.getKeyValuePairs().stream()
                .anyMatch(kv -> kv.key.equals("id") && kv.value.equals(LogIds.INCOMPLETE_MESSAGE_LIMIT))).toList();
    }

    @Test
    void holdingsAddUpAndCompletedMessagesStopCounting() {
        Conn a = connection();
        Conn b = connection();
        a.account().buffered(40);
        b.account().buffered(60);
        assertThat(budget.total()).isEqualTo(100);
        a.account().buffered(0);
        assertThat(budget.total()).isEqualTo(60);
        assertThat(a.channel().isOpen()).isTrue();
        assertThat(b.channel().isOpen()).isTrue();
        assertThat(closeLines()).isEmpty();
    }

    @Test
    void passingTheLimitClosesTheOldestSendersUntilWithin() {
        Conn oldest = connection();
        Conn middle = connection();
        Conn newest = connection();
        oldest.account().buffered(50);
        middle.account().buffered(40);
        newest.account().buffered(5);
        newest.account().buffered(70);
        assertThat(oldest.channel().isOpen()).isFalse();
        assertThat(middle.channel().isOpen()).isFalse();
        assertThat(newest.channel().isOpen()).isTrue();
        assertThat(budget.total()).isEqualTo(70);
        assertThat(closeLines()).hasSize(2);
        BsonDocument status = budget.report().getDocument("incompleteMessages");
        assertThat(status.getNumber("bytes").longValue()).isEqualTo(70);
        assertThat(status.getNumber("limitBytes").longValue()).isEqualTo(100);
        assertThat(status.getNumber("connectionsClosed").longValue()).isEqualTo(2);

        oldest.account().buffered(90);
        oldest.account().buffered(0);
        assertThat(budget.total()).isEqualTo(70);
        assertThat(closeLines()).hasSize(2);
    }

    @Test
    void theSenderThatPassesTheLimitIsClosedWhenItIsTheOldest() {
        Conn old = connection();
        Conn young = connection();
        old.account().buffered(10);
        young.account().buffered(20);
        old.account().buffered(90);
        assertThat(old.channel().isOpen()).isFalse();
        assertThat(young.channel().isOpen()).isTrue();
        assertThat(budget.total()).isEqualTo(20);
    }

    @Test
    void aNewLimitAppliesAtTheNextGrowth() {
        Conn a = connection();
        Conn b = connection();
        a.account().buffered(50);
        b.account().buffered(40);
        limit.set(60);
        assertThat(a.channel().isOpen()).isTrue();
        b.account().buffered(41);
        assertThat(a.channel().isOpen()).isFalse();
        assertThat(budget.total()).isEqualTo(41);
    }
}
