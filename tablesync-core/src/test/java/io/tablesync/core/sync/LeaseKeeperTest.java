package io.tablesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.source.LeaseStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The lease's timing rules on a fake clock over an in-memory store (the store's conditional writes on
 * real Tablestore are tested in the otsstreamreader module).
 */
class LeaseKeeperTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A row with compare-and-set, as the status table gives it. */
    static final class MemoryLeaseStore implements LeaseStore {
        LeaseRecord row;

        @Override
        public synchronized LeaseRecord read() {
            return row;
        }

        @Override
        public synchronized boolean create(String owner) {
            if (row != null) {
                return false;
            }
            row = new LeaseRecord(owner, 0);
            return true;
        }

        @Override
        public synchronized boolean replace(LeaseRecord expected, LeaseRecord next) {
            if (!expected.equals(row)) {
                return false;
            }
            row = next;
            return true;
        }

        @Override
        public synchronized void delete(LeaseRecord expected) {
            if (expected.equals(row)) {
                row = null;
            }
        }
    }

    private final MemoryLeaseStore store = new MemoryLeaseStore();
    private final AtomicLong nanos = new AtomicLong();

    /** A keeper whose waits move the fake clock instead of sleeping. */
    private LeaseKeeper keeper(String owner) {
        return new LeaseKeeper(store, owner, TIMEOUT, nanos::get, o -> o.startsWith("dead"),
                millis -> nanos.addAndGet(millis * 1_000_000));
    }

    @Test
    void theFirstProcessTakesAFreeLeaseAndKeepsItByRenewing() throws Exception {
        LeaseKeeper a = keeper("a");
        assertThat(a.acquire(() -> false)).isTrue();
        for (int i = 0; i < 10; i++) {
            nanos.addAndGet(a.renewInterval().toNanos());
            assertThat(a.renew()).isTrue();
            assertThat(a.isHeld()).isTrue();
        }
        assertThat(store.row.owner()).isEqualTo("a");
        assertThat(store.row.counter()).isEqualTo(10);
    }

    @Test
    void aHolderThatCannotRenewStopsWritingBeforeAStandbyMayTakeOver() throws Exception {
        LeaseKeeper a = keeper("a");
        a.acquire(() -> false);
        nanos.addAndGet(TIMEOUT.toNanos() * 2 / 3 - 1);
        assertThat(a.isHeld()).isTrue();
        nanos.addAndGet(1);
        assertThat(a.isHeld()).as("fenced at two thirds of the timeout").isFalse();
    }

    @Test
    void aStandbyTakesOverOnlyAfterAWholeTimeoutWithoutRenewal() throws Exception {
        LeaseKeeper a = keeper("a");
        a.acquire(() -> false);
        LeaseKeeper b = keeper("b");
        long before = nanos.get();
        assertThat(b.acquire(() -> false)).isTrue();
        assertThat(nanos.get() - before).isGreaterThanOrEqualTo(TIMEOUT.toNanos());
        assertThat(store.row.owner()).isEqualTo("b");
        assertThat(a.renew()).as("the old holder learns it lost the lease").isFalse();
        assertThat(a.isHeld()).isFalse();
    }

    @Test
    void aStandbyWaitsAsLongAsTheHolderRenews() throws Exception {
        LeaseKeeper a = keeper("a");
        a.acquire(() -> false);
        LeaseKeeper b = keeper("b");
        AtomicLong polls = new AtomicLong();
        boolean took = b.acquire(() -> {
            a.renew(); // a healthy holder renews between b's looks (b's waits move the clock)
            return polls.incrementAndGet() > 200; // minutes of a healthy holder
        });
        assertThat(took).isFalse();
        assertThat(store.row.owner()).isEqualTo("a");
    }

    @Test
    void aRenewalThatWasAppliedButAnsweredAsFailedIsNotALoss() throws Exception {
        LeaseKeeper a = keeper("a");
        a.acquire(() -> false);
        // the client's first attempt was applied, its answer lost; the retry then fails the condition
        store.row = new LeaseStore.LeaseRecord("a", store.row.counter() + 1);
        assertThat(a.renew()).isTrue();
        assertThat(a.isHeld()).isTrue();
        assertThat(a.renew()).as("renews from the row's counter").isTrue();
        assertThat(store.row).isEqualTo(new LeaseStore.LeaseRecord("a", 2));
    }

    @Test
    void aDeadLocalHolderIsTakenOverAtOnceAndAReleasedLeaseIsFree() throws Exception {
        store.create("dead-host:1:x");
        LeaseKeeper b = keeper("b");
        assertThat(b.acquire(() -> false)).isTrue();
        assertThat(nanos.get()).isZero();
        b.release();
        assertThat(store.row).isNull();
        assertThat(keeper("c").acquire(() -> false)).isTrue();
    }
}
