package io.tablesync.core.sync;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.source.LeaseStore;
import io.tablesync.core.source.LeaseStore.LeaseRecord;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One active writer per job. The holder renews the lease row (a conditional write that bumps its
 * counter) every sixth of the timeout; a standby takes the row over once it has seen the same
 * counter for a whole timeout on its own clock — no clock is compared across machines. The holder
 * stops writing on its own once two thirds of the timeout passed since its last successful renewal
 * began, so it is silent before any standby can take over, even when it cannot reach the store.
 */
public final class LeaseKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final LeaseStore store;
    private final String owner;
    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    private final Predicate<String> holderGone;
    private final Sleeper sleeper;
    private volatile LeaseRecord held;
    private volatile long renewedAtNanos;
    private volatile boolean lost;

    /**
     * @param holderGone true when an owner is known to be dead (a process of this machine that no longer
     *                   runs): its lease is taken over at once instead of after the timeout
     */
    public LeaseKeeper(LeaseStore store, String owner, Duration timeout, LongSupplier nanoClock,
                       Predicate<String> holderGone) {
        this(store, owner, timeout, nanoClock, holderGone, Thread::sleep);
    }

    LeaseKeeper(LeaseStore store, String owner, Duration timeout, LongSupplier nanoClock, Predicate<String> holderGone,
                Sleeper sleeper) {
        this.store = store;
        this.owner = owner;
        this.timeoutNanos = timeout.toNanos();
        this.nanoClock = nanoClock;
        this.holderGone = holderGone;
        this.sleeper = sleeper;
    }

    /** How a standby waits between looks at the lease (a fake clock in tests). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public String owner() {
        return owner;
    }

    /** How often the holder renews. */
    public Duration renewInterval() {
        return Duration.ofNanos(Math.max(1_000_000, timeoutNanos / 6));
    }

    /** Blocks until this process holds the lease (true) or {@code stop} is true (false). */
    public boolean acquire(BooleanSupplier stop) throws InterruptedException {
        LeaseRecord observed = null;
        long observedAt = 0;
        String unreachable = null;
        long poll = Math.max(10_000_000, Math.min(1_000_000_000, timeoutNanos / 10));
        while (!stop.getAsBoolean()) {
            try {
                long started = nanoClock.getAsLong();
                LeaseRecord current = store.read();
                if (unreachable != null) {
                    LOG.info("lease store reachable again");
                    unreachable = null;
                }
                if (current == null) {
                    if (store.create(owner)) {
                        took(new LeaseRecord(owner, 0), started, "no other process holds it");
                        return true;
                    }
                    continue;
                }
                if (current.owner().equals(owner)) {
                    // our own create or takeover was applied although its answer got lost (the client retried)
                    took(current, started, "its write had been applied");
                    return true;
                }
                if (holderGone.test(current.owner())) {
                    LeaseRecord next = new LeaseRecord(owner, current.counter() + 1);
                    if (store.replace(current, next)) {
                        took(next, started, "its holder " + current.owner() + " no longer runs");
                        return true;
                    }
                    continue;
                }
                if (!current.equals(observed)) {
                    if (observed == null) {
                        LOG.info("standby: the job's lease is held by {}; this process takes over if it is not renewed for"
                                + " {} s", current.owner(), timeoutNanos / 1_000_000_000);
                    }
                    observed = current;
                    observedAt = started;
                } else if (started - observedAt >= timeoutNanos) {
                    LeaseRecord next = new LeaseRecord(owner, current.counter() + 1);
                    if (store.replace(current, next)) {
                        took(next, started, current.owner() + " stopped renewing it");
                        return true;
                    }
                }
            } catch (TablesyncException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                if (!e.getMessage().equals(unreachable)) {
                    LOG.warn("cannot read the lease: {}; trying again", e.getMessage());
                    unreachable = e.getMessage();
                }
            }
            sleeper.sleep(poll / 1_000_000);
        }
        return false;
    }

    private void took(LeaseRecord lease, long startedNanos, String why) {
        held = lease;
        renewedAtNanos = startedNanos;
        lost = false;
        LOG.info("this process ({}) now holds the job's lease ({}) and is the active writer", owner, why);
    }

    /** Renews the lease; false once another process took it over. A store that cannot be reached is not a loss yet. */
    public boolean renew() {
        LeaseRecord current = held;
        if (current == null || lost) {
            return false;
        }
        long started = nanoClock.getAsLong();
        LeaseRecord next = new LeaseRecord(owner, current.counter() + 1);
        try {
            if (store.replace(current, next)) {
                held = next;
                renewedAtNanos = started;
                return true;
            }
        } catch (RuntimeException e) {
            LOG.warn("could not renew the lease: {} ({} s left before this process stops writing)", e.getMessage(),
                    Math.max(0, (renewedAtNanos + timeoutNanos * 2 / 3 - nanoClock.getAsLong()) / 1_000_000_000));
            return true;
        }
        LeaseRecord now = safeRead();
        if (now != null && now.owner().equals(owner)) {
            // the renewal was applied but its answer was lost and the client's retry found the new counter
            held = now;
            renewedAtNanos = started;
            return true;
        }
        LOG.warn("lost the job's lease to {}: stopping writes", now == null ? "nobody (the row was removed)" : now.owner());
        lost = true;
        return false;
    }

    /** True while this process may write: it holds the lease and renewed it recently enough. */
    public boolean isHeld() {
        return held != null && !lost && nanoClock.getAsLong() - renewedAtNanos < timeoutNanos * 2 / 3;
    }

    /** Gives the lease up (a clean stop), so a standby need not wait for the timeout. */
    public void release() {
        LeaseRecord current = held;
        held = null;
        if (current != null && !lost) {
            try {
                store.delete(current);
                LOG.info("released the job's lease");
            } catch (RuntimeException e) {
                LOG.warn("could not release the lease ({}); a standby takes over after the timeout", e.getMessage());
            }
        }
    }

    private LeaseRecord safeRead() {
        try {
            return store.read();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
