package io.tablesync.core.source;

/**
 * The storage half of the one-writer lease: a single row with an owner and a counter, changed only
 * by conditional writes. The timing rules (renewal, expiry judged on the observer's own clock) are
 * the runner's ({@code io.tablesync.core.sync.LeaseKeeper}), so every source gets the same ones.
 */
public interface LeaseStore {
    /** The lease row now, or null when there is none. */
    LeaseRecord read();

    /** Creates the row for {@code owner} with counter 0 unless one exists; true when created. */
    boolean create(String owner);

    /** Replaces the row if it still holds exactly {@code expected}; true when replaced. */
    boolean replace(LeaseRecord expected, LeaseRecord next);

    /** Deletes the row if it still holds exactly {@code expected}. */
    void delete(LeaseRecord expected);

    /** Owner (e.g. host:pid:uuid) and a counter every renewal increments. */
    record LeaseRecord(String owner, long counter) {
    }
}
