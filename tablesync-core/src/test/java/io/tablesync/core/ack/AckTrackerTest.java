package io.tablesync.core.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tablesync.core.element.Position;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AckTrackerTest {
    record P(String partition, long sequence) implements Position {
    }

    @Test
    void committedPositionIsTheHighestContiguouslyAcknowledgedOne() {
        AckTracker t = new AckTracker();
        List<Position> commits = new ArrayList<>();
        t.onCommitted(commits::add);
        for (long i = 1; i <= 5; i++) {
            t.sent(new P("s1", i));
        }
        t.acknowledged(new P("s1", 2));
        t.acknowledged(new P("s1", 3));
        assertThat(t.committed("s1")).isNull(); // 1 still pending: nothing may be committed
        t.acknowledged(new P("s1", 1));
        assertThat(t.committed("s1")).isEqualTo(new P("s1", 3));
        t.acknowledged(new P("s1", 5));
        assertThat(t.committed("s1")).isEqualTo(new P("s1", 3)); // 4 pending
        t.acknowledged(new P("s1", 4));
        assertThat(t.committed("s1")).isEqualTo(new P("s1", 5));
        assertThat(commits).containsExactly(new P("s1", 3), new P("s1", 5));
        assertThat(t.pending()).isZero();
    }

    @Test
    void partitionsAreIndependent() {
        AckTracker t = new AckTracker();
        t.sent(new P("a", 1));
        t.sent(new P("b", 1));
        t.acknowledged(new P("b", 1));
        assertThat(t.committed("b")).isEqualTo(new P("b", 1));
        assertThat(t.committed("a")).isNull();
    }

    @Test
    void rejectsNonIncreasingSequencesAndDoubleAcks() {
        AckTracker t = new AckTracker();
        t.sent(new P("a", 5));
        assertThatThrownBy(() -> t.sent(new P("a", 5))).isInstanceOf(IllegalStateException.class);
        t.acknowledged(new P("a", 5));
        assertThatThrownBy(() -> t.acknowledged(new P("a", 5))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void awaitReturnsWhenEverythingSentIsAcknowledged() throws Exception {
        AckTracker t = new AckTracker();
        t.sent(new P("a", 1));
        t.sent(new P("a", 2));
        assertThat(t.awaitAcknowledged("a", Duration.ofMillis(50))).isFalse();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return t.awaitAllAcknowledged(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                return false;
            }
        });
        t.acknowledged(new P("a", 2));
        t.acknowledged(new P("a", 1));
        assertThat(waiter.get()).isTrue();
        assertThat(t.awaitAcknowledged("never-sent", Duration.ZERO)).isTrue();
    }

    @Test
    void abortWakesWaitersInsteadOfLettingThemWaitForADeadWriter() {
        AckTracker t = new AckTracker();
        t.sent(new P("a", 1));
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return t.awaitAcknowledged("a", Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                return false;
            }
        });
        t.abort();
        org.assertj.core.api.Assertions.assertThat(waiter).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(io.tablesync.core.transport.ChannelAbortedException.class);
    }
}
