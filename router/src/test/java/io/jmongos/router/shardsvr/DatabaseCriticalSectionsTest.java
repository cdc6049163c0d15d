package io.jmongos.router.shardsvr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.jmongos.common.CommandFailedException;

/**
 * The movePrimary critical section of one database: a retried enter for the same reason is a no-op, another
 * operation's enter or exit is 117 ConflictingOperationInProgress, and versioned commands wait while it is held.
 */
class DatabaseCriticalSectionsTest {
    private static final long SOON = 50_000_000L;
    private final DatabaseCriticalSections sections = new DatabaseCriticalSections();

    private static long in(long nanos) {
        return System.nanoTime() + nanos;
    }

    @Test
    void aSecondOperationIsRefusedAndTheFirstKeepsTheSection() {
        sections.enter("db", "move 1", in(SOON));
        sections.enter("db", "move 1", in(SOON)); // a retried enter
        assertThatThrownBy(() -> sections.enter("db", "move 2", in(SOON)))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(117))
                .hasMessageContaining("already taken by another operation");
        assertThatThrownBy(() -> sections.exit("db", "move 2"))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(117));
        assertThat(sections.heldFor("db")).isEqualTo("move 1");
        assertThat(sections.commandBegins("db", in(SOON))).as("a versioned command gives up waiting")
                .isEqualTo("move 1");
        sections.exit("db", "move 1");
        assertThat(sections.heldFor("db")).isNull();
        assertThat(sections.commandBegins("db", in(SOON))).isNull();
        sections.commandDone("db");
    }

    @Test
    void anExitWithoutReasonLeavesWhateverHoldsIt() {
        sections.enter("db", "move 1", in(SOON));
        sections.exit("db", null);
        assertThat(sections.heldFor("db")).isNull();
        sections.enter("db", "move 2", in(SOON));
        assertThat(sections.heldFor("db")).isEqualTo("move 2");
    }

    @Test
    void enteringWaitsForRunningCommandsAndGivesUpAtItsDeadline() {
        assertThat(sections.commandBegins("db", in(SOON))).isNull();
        assertThatThrownBy(() -> sections.enter("db", "move 1", in(SOON)))
                .isInstanceOfSatisfying(CommandFailedException.class, e -> assertThat(e.code()).isEqualTo(50));
        assertThat(sections.heldFor("db")).as("left again").isNull();
        sections.commandDone("db");
        sections.enter("db", "move 1", in(SOON));
        assertThat(sections.heldFor("db")).isEqualTo("move 1");
    }
}
