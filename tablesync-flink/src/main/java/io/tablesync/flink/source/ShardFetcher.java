package io.tablesync.flink.source;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.element.Record;
import io.tablesync.core.source.SplitFetch;
import io.tablesync.core.source.SplitPosition;
import io.tablesync.core.source.SplitReader;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.spi.TaskPluginCollector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * The fetcher thread's side of one Flink source reader: the source's own {@link SplitReader}s, one per
 * split this subtask has, read one fetch at a time in turn — a split again at once after records, after a
 * growing pause (10 ms up to 250 ms, as {@code sync}) when it had nothing new. Failures: see
 * {@link io.tablesync.flink.FlinkTasks#failure}.
 */
final class ShardFetcher implements org.apache.flink.connector.base.source.reader.splitreader.SplitReader<Fetched, FlinkSplit> {
    static final long IDLE_MIN_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final long IDLE_MAX_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final StreamingSource source;
    private final TaskPluginCollector collector;
    private final Map<String, Active> active = new LinkedHashMap<>();
    private final Object wake = new Object();
    private boolean wakeUp;

    private static final class Active {
        final SplitReader reader;
        long dueNanos = System.nanoTime();
        long idleNanos;

        Active(SplitReader reader) {
            this.reader = reader;
        }
    }

    ShardFetcher(StreamingSource source, TaskPluginCollector collector) {
        this.source = source;
        this.collector = collector;
    }

    @Override
    public RecordsWithSplitIds<Fetched> fetch() throws IOException {
        Map.Entry<String, Active> next = nextDue();
        if (next == null) {
            return FetchedBatch.empty();
        }
        String id = next.getKey();
        Active a = next.getValue();
        SplitFetch f;
        try {
            f = a.reader.fetch();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading split " + id, e);
        } catch (TablesyncException e) {
            throw io.tablesync.flink.FlinkTasks.failure(e);
        }
        List<Fetched> out = new ArrayList<>(f.records().size() + 1);
        SplitPosition last = null;
        for (Record r : f.records()) {
            last = (SplitPosition) r.getPosition();
            out.add(new Fetched(r, last));
        }
        if (f.end() != null && !f.end().equals(last)) {
            out.add(new Fetched(null, f.end()));
        }
        // move it to the back: the other splits get their turn first
        active.remove(id);
        if (f.finished()) {
            a.reader.close();
        } else {
            long pause;
            if (f.idle()) {
                a.idleNanos = a.idleNanos == 0 ? IDLE_MIN_NANOS : Math.min(IDLE_MAX_NANOS, a.idleNanos * 2);
                pause = a.idleNanos;
            } else {
                a.idleNanos = 0;
                pause = f.atHead() ? IDLE_MIN_NANOS : 0; // a short page: let changes gather (as sync does)
            }
            a.dueNanos = System.nanoTime() + pause;
            active.put(id, a);
        }
        return new FetchedBatch(id, out, f.finished());
    }

    /** The split whose turn it is, waiting for the earliest one when all pause; null when woken up or none is due. */
    private Map.Entry<String, Active> nextDue() throws IOException {
        long now = System.nanoTime();
        Map.Entry<String, Active> earliest = null;
        for (Map.Entry<String, Active> e : active.entrySet()) {
            if (e.getValue().dueNanos <= now) {
                return e;
            }
            if (earliest == null || e.getValue().dueNanos < earliest.getValue().dueNanos) {
                earliest = e;
            }
        }
        long waitNanos = earliest == null ? IDLE_MAX_NANOS : earliest.getValue().dueNanos - now;
        synchronized (wake) {
            if (!wakeUp) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(wake, waitNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for a split's next read", e);
                }
            }
            wakeUp = false;
        }
        return null;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<FlinkSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change.getClass().getSimpleName());
        }
        for (FlinkSplit s : change.splits()) {
            active.put(s.id(), new Active(source.reader(s.core(), collector)));
        }
    }

    @Override
    public void wakeUp() {
        synchronized (wake) {
            wakeUp = true;
            wake.notifyAll();
        }
    }

    @Override
    public void close() {
        for (Iterator<Active> it = active.values().iterator(); it.hasNext(); ) {
            it.next().reader.close();
            it.remove();
        }
    }
}
