package io.tablesync.core.sync;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.element.Record;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.source.LeaseStore;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.SplitEnumerator;
import io.tablesync.core.source.SplitFetch;
import io.tablesync.core.source.SplitPosition;
import io.tablesync.core.source.SplitReader;
import io.tablesync.core.source.SplitStatus;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.spi.TaskPluginCollector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * {@code tablesync status JOB}: where a continuous job stands, read from its stored checkpoints and
 * the source itself, whether or not a {@code sync} runs and from any machine. The job's reader is
 * opened as {@code sync} opens it (every parameter checked), but nothing is created or written:
 * checkpoints are loaded, the splits listed, and each unfinished split read once from its checkpoint
 * to find its oldest change not yet written — now minus that change's time is the split's lag (0
 * when there is none). A split whose lag exceeds the limit is stuck.
 */
public final class JobStatus {
    /** Reads per split while looking for its oldest unwritten change (a checkpoint may resume a page early). */
    static final int MAX_PEEKS = 5;

    /**
     * One split's row.
     *
     * @param state              finished, reading (a checkpoint, not finished), waiting (parents unfinished),
     *                           not started (no checkpoint yet), expired (finished, no longer listed by the source)
     * @param checkpointMillis   source time of the change the checkpoint stands at, or -1
     * @param lagMillis          now minus the time of the oldest change not yet written; 0 when none; -1 unknown
     * @param records            records written from the split since it was first read (the checkpoint's count), or -1
     * @param committedAtMillis  when the checkpoint was last written, or -1
     * @param note               why the lag is unknown, or what else is wrong; null when nothing
     */
    public record Shard(String shard, String state, long checkpointMillis, long lagMillis, long records,
                        long committedAtMillis, String note) {
    }

    /** The whole answer: the job's splits, the lease holder, and every problem found (healthy when none). */
    public record Report(String source, String leaseHolder, List<Shard> shards, List<String> problems, long maxLagMillis,
                         long nowMillis) {
        public boolean healthy() {
            return problems.isEmpty();
        }

        /** A fixed-width table for a terminal, then the problems. */
        public String toTable() {
            StringBuilder out = new StringBuilder();
            out.append("source: ").append(source).append('\n');
            out.append("lease:  ").append(leaseHolder == null ? "free (no sync holds it)" : "held by " + leaseHolder)
                    .append('\n');
            String[] head = {"SHARD", "STATE", "CHECKPOINT TIME (UTC)", "LAG", "RECORDS", "LAST COMMIT"};
            List<String[]> rows = new ArrayList<>();
            rows.add(head);
            for (Shard s : shards) {
                rows.add(new String[] {s.shard(), s.state(), s.checkpointMillis() < 0 ? "-" : iso(s.checkpointMillis()),
                    s.lagMillis() < 0 ? "?" : seconds(s.lagMillis()), s.records() < 0 ? "-" : String.valueOf(s.records()),
                    s.committedAtMillis() < 0 ? "-" : seconds(nowMillis - s.committedAtMillis()) + " ago"});
            }
            int[] width = new int[head.length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    width[i] = Math.max(width[i], r[i].length());
                }
            }
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    boolean number = i >= 3;
                    String cell = number ? " ".repeat(width[i] - r[i].length()) + r[i] : r[i] + " ".repeat(width[i] - r[i].length());
                    line.append(i == 0 ? "" : "  ").append(cell);
                }
                out.append(line.toString().stripTrailing()).append('\n');
            }
            for (Shard s : shards) {
                if (s.note() != null) {
                    out.append("  ").append(s.shard()).append(": ").append(s.note()).append('\n');
                }
            }
            if (problems.isEmpty()) {
                out.append("healthy: every shard is within ").append(seconds(maxLagMillis)).append(" of the source\n");
            } else {
                out.append("NOT HEALTHY:\n");
                problems.forEach(p -> out.append("  - ").append(p).append('\n'));
            }
            return out.toString();
        }

        /** The same for scripts; times in epoch milliseconds, durations in seconds. */
        public ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("healthy", healthy());
            o.put("source", source);
            if (leaseHolder == null) {
                o.putNull("leaseHolder");
            } else {
                o.put("leaseHolder", leaseHolder);
            }
            o.put("maxLagSeconds", maxLagMillis / 1000.0);
            o.put("now", nowMillis);
            ArrayNode list = o.putArray("shards");
            for (Shard s : shards) {
                ObjectNode r = list.addObject();
                r.put("shard", s.shard());
                r.put("state", s.state());
                putOrNull(r, "checkpointTime", s.checkpointMillis());
                if (s.lagMillis() < 0) {
                    r.putNull("lagSeconds");
                } else {
                    r.put("lagSeconds", s.lagMillis() / 1000.0);
                }
                putOrNull(r, "records", s.records());
                putOrNull(r, "committedAt", s.committedAtMillis());
                if (s.committedAtMillis() >= 0) {
                    r.put("lastCommitAgeSeconds", (nowMillis - s.committedAtMillis()) / 1000.0);
                }
                if (s.note() != null) {
                    r.put("note", s.note());
                }
            }
            ArrayNode p = o.putArray("problems");
            problems.forEach(p::add);
            return o;
        }

        private static void putOrNull(ObjectNode o, String key, long value) {
            if (value < 0) {
                o.putNull(key);
            } else {
                o.put(key, value);
            }
        }
    }

    private JobStatus() {
    }

    /**
     * Inspects the job. Configuration mistakes and unreachable endpoints throw (as {@code sync} reports them);
     * everything found about the job itself is in the report.
     */
    public static Report inspect(Engine.Options options, PluginRegistry registry, Duration maxLag, LongSupplier clock) {
        try (SyncJob job = SyncJob.load(options, registry);
             StreamingSource source = job.openSource(StreamingOptions.defaults())) {
            return inspect(source, maxLag.toMillis(), clock);
        }
    }

    static Report inspect(StreamingSource source, long maxLagMillis, LongSupplier clock) {
        List<String> problems = new ArrayList<>();
        LeaseStore.LeaseRecord lease = source.leases().read();
        Map<String, SplitCheckpoint> stored = source.checkpoints().load();
        long now = clock.getAsLong();
        if (stored.isEmpty()) {
            problems.add("no sync checkpoints for this job: `tablesync sync` has not run with this job's status table yet");
            return new Report(source.describe(), lease == null ? null : lease.owner(), List.of(), problems, maxLagMillis, now);
        }
        SplitEnumerator enumerator = source.enumerator(stored);
        Map<String, SplitStatus> statuses = Map.of();
        Map<String, SourceSplit> splits = new LinkedHashMap<>();
        try {
            enumerator.discover();
            statuses = enumerator.statuses();
            enumerator.snapshot().forEach(s -> splits.put(s.id(), s));
        } catch (TablesyncException e) {
            problems.add(e.getMessage()); // e.g. an unfinished shard expired: its changes are lost to the index
        }
        List<Shard> rows = new ArrayList<>();
        for (Map.Entry<String, SplitStatus> e : statuses.entrySet()) {
            String id = e.getKey();
            SplitCheckpoint cp = stored.get(id);
            SplitStatus st = e.getValue();
            long checkpointMillis = cp == null ? -1 : cp.eventTimeMillis();
            long records = cp == null ? -1 : cp.records();
            long committed = cp == null ? -1 : cp.committedAtMillis();
            if (st == SplitStatus.FINISHED) {
                rows.add(new Shard(id, "finished", checkpointMillis, 0, records, committed, null));
            } else if (st == SplitStatus.WAITING_FOR_PARENTS) {
                rows.add(new Shard(id, "waiting", checkpointMillis, -1, records, committed, "waits for its parent shards"));
            } else {
                Pending pending = oldestPending(source, splits.get(id), checkpointMillis, now);
                long lag = pending.lagMillis;
                if (lag > maxLagMillis) {
                    problems.add(String.format(Locale.ROOT, "shard %s is %s behind (limit %s): its oldest unwritten change is"
                            + " from %s", id, seconds(lag), seconds(maxLagMillis), iso(now - lag)));
                } else if (lag < 0) {
                    problems.add("shard " + id + ": " + pending.note);
                }
                rows.add(new Shard(id, cp == null ? "not started" : "reading", checkpointMillis, lag, records, committed,
                        pending.note));
            }
        }
        for (SplitCheckpoint cp : stored.values()) {
            if (!statuses.containsKey(cp.splitId())) {
                rows.add(new Shard(cp.splitId(), cp.finished() ? "expired" : "unknown", cp.eventTimeMillis(),
                        cp.finished() ? 0 : -1, cp.records(), cp.committedAtMillis(),
                        cp.finished() ? "finished; the source no longer lists it" : "not listed by the source"));
            }
        }
        return new Report(source.describe(), lease == null ? null : lease.owner(), rows, problems, maxLagMillis, now);
    }

    private record Pending(long lagMillis, String note) {
    }

    /**
     * Reads the split from its checkpoint until the first change newer than the checkpoint's own (a
     * checkpoint may resume at a page it had partly written), the source says there is nothing more yet,
     * or {@value #MAX_PEEKS} reads.
     */
    private static Pending oldestPending(StreamingSource source, SourceSplit split, long checkpointMillis, long now) {
        if (split == null) {
            return new Pending(-1, "the source does not list it");
        }
        AtomicLong unreadable = new AtomicLong();
        try (SplitReader reader = source.reader(split, new CountingCollector(unreadable))) {
            long lastSeen = -1;
            for (int i = 0; i < MAX_PEEKS; i++) {
                SplitFetch fetch = reader.fetch();
                for (Record r : fetch.records()) {
                    long t = r.getPosition() instanceof SplitPosition p ? p.eventTimeMillis() : -1;
                    if (t > checkpointMillis) {
                        return new Pending(Math.max(0, now - t), null);
                    }
                    lastSeen = Math.max(lastSeen, t);
                }
                if (fetch.idle() || fetch.finished()) {
                    return new Pending(0, unreadable.get() == 0 ? null : unreadable.get() + " change(s) could not be read");
                }
            }
            return new Pending(lastSeen < 0 ? -1 : Math.max(0, now - lastSeen), lastSeen < 0 ? "no change found after the"
                    + " checkpoint within " + MAX_PEEKS + " reads" : null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Pending(-1, "interrupted");
        } catch (TablesyncException e) {
            return new Pending(-1, e.getMessage());
        }
    }

    /** Peeking writes no dirty-record file: a change that cannot be read is only counted and mentioned. */
    private record CountingCollector(AtomicLong count) implements TaskPluginCollector {
        @Override
        public void collectDirtyRecord(Record record, Throwable cause, String message) {
            count.incrementAndGet();
        }

        @Override
        public void incrementCounter(String label, long delta) {
        }
    }

    static String seconds(long millis) {
        return millis >= 100_000 ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString().replace('T', ' ').replace("Z", "");
    }
}
