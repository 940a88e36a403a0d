package io.tablesync.core.sync;

import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitStatus;
import java.util.concurrent.atomic.AtomicLong;

/** One split's progress as the status line, {@code status} and metrics show it. */
public final class SplitProgress {
    private final String id;
    private volatile SplitStatus status = SplitStatus.WAITING_FOR_PARENTS;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile long lastAckedEventMillis = -1;
    private volatile long firstPendingEventMillis = -1;
    private volatile boolean caughtUp;
    private volatile long checkpointedAtMillis = -1;
    private volatile long unsavedSinceMillis = -1;
    private volatile long lastCommittedAtMillis = -1;
    private volatile long checkpointEventMillis = -1;
    private volatile long checkpointRecords = -1;

    SplitProgress(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public SplitStatus status() {
        return status;
    }

    void status(SplitStatus s) {
        status = s;
    }

    void sent(long n, long firstEventMillis) {
        if (n > 0 && sent.get() == acknowledged.get()) {
            firstPendingEventMillis = firstEventMillis;
        }
        sent.addAndGet(n);
    }

    void acknowledged(long eventMillis) {
        acknowledged.incrementAndGet();
        if (eventMillis >= 0) {
            lastAckedEventMillis = eventMillis;
        }
    }

    /** The pipeline that sent the unacknowledged records is gone; the next one reads them again. */
    void forgetInFlight() {
        sent.set(acknowledged.get());
        caughtUp = false;
    }

    void caughtUp(boolean idle) {
        caughtUp = idle;
    }

    void committed(long nowMillis) {
        lastCommittedAtMillis = nowMillis;
        if (unsavedSinceMillis < 0) {
            unsavedSinceMillis = nowMillis;
        }
    }

    void checkpointed(long nowMillis, long eventMillis, long records) {
        checkpointedAtMillis = nowMillis;
        unsavedSinceMillis = -1;
        if (eventMillis >= 0) {
            checkpointEventMillis = eventMillis;
        }
        checkpointRecords = records;
    }

    /** What the stored checkpoint says, before this process wrote one. */
    void restored(SplitCheckpoint cp) {
        if (checkpointedAtMillis < 0) {
            checkpointedAtMillis = cp.committedAtMillis();
            checkpointEventMillis = cp.eventTimeMillis();
            checkpointRecords = cp.records();
        }
    }

    /** Records of this split sent to the sink by this process. */
    public long sent() {
        return sent.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    /** Source time of the newest change the sink acknowledged, or -1. */
    public long lastAckedEventMillis() {
        return lastAckedEventMillis;
    }

    /**
     * How far the sink is behind the source for this split: 0 when the split is caught up (its last
     * read found nothing new and every record is acknowledged); else now minus the source time of the
     * newest acknowledged change, or of the first change sent after everything before it was
     * acknowledged, whichever is newer. Everything before that time is in the sink, so this is an upper
     * bound of how stale the sink is — and a table that was quiet for an hour does not show an hour of
     * lag while its next change travels.
     */
    public long lagMillis(long nowMillis) {
        if (status == SplitStatus.FINISHED || (caughtUp && sent.get() == acknowledged.get())) {
            return 0;
        }
        long basis = Math.max(lastAckedEventMillis, firstPendingEventMillis);
        return basis < 0 ? 0 : Math.max(0, nowMillis - basis);
    }

    /**
     * How long until the oldest change not yet acknowledged is trimmed from a source that keeps changes
     * for {@code retentionMillis}: the retention when caught up, else the retention minus the lag (a lower
     * bound: the oldest pending change is newer than the newest acknowledged one).
     */
    public long retentionHeadroomMillis(long nowMillis, long retentionMillis) {
        return retentionMillis - lagMillis(nowMillis);
    }

    /** How long acknowledged progress has waited for its checkpoint write: 0 when the checkpoint is current. */
    public long checkpointAgeMillis(long nowMillis) {
        long since = unsavedSinceMillis;
        return since < 0 ? 0 : Math.max(0, nowMillis - since);
    }

    /** When the split's checkpoint was last written (by this process, or as restored), or -1. */
    public long checkpointedAtMillis() {
        return checkpointedAtMillis;
    }

    /** When the split's committed position last advanced in this process (the sink acknowledged more), or -1. */
    public long lastCommittedAtMillis() {
        return lastCommittedAtMillis;
    }

    /** Source time of the change the last written checkpoint stands at, or -1. */
    public long checkpointEventMillis() {
        return checkpointEventMillis;
    }

    /** Records acknowledged since the split was first read, as the last written checkpoint says, or -1. */
    public long checkpointRecords() {
        return checkpointRecords;
    }
}
