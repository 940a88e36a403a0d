package io.tablesync.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.core.element.Record;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitFetch;
import io.tablesync.core.source.SplitReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tablesync verify}: the table and the index side by side, page by page, memory bounded.
 *
 * <ol>
 *   <li>Table → index: the table's key ranges are read in parallel; each page's rows become the
 *       documents the writer would send ({@link IndexTarget#expected}) and are compared field by field
 *       with the stored ones, fetched by id: missing and different documents.</li>
 *   <li>Index → table: when the index holds another number of documents than the table rows it
 *       matched, every id is listed (point in time or scroll) and looked up in the table: extra
 *       documents.</li>
 *   <li>Every difference is re-checked once it is {@code settle} old, against a fresh read of both
 *       sides: a row that changed meanwhile (a running sync had not applied it yet) is re-checked
 *       again, up to {@value #MAX_RECHECKS} times; only a difference that stays is reported. Pending
 *       re-checks are bounded: a full buffer is worked off before the scan goes on.</li>
 * </ol>
 */
public final class Verifier {
    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);
    static final int MAX_RECHECKS = 5;
    private static final int RECHECK_BUFFER = 5_000;
    private static final int REPAIR_BATCH = 500;
    private static final int ID_PAGE = 1_000;

    /** How verify runs. */
    public record Options(boolean repair, int sample, Duration settle, int threads, int examples) {
    }

    /** What verify found; {@code unlisted} extra documents were counted but could not be listed (ids not mappable to keys). */
    public record Report(long rows, long documents, long missing, long extra, long different, long unlisted, long rejected,
                         long resolved, List<String> examples, long repaired, long repairFailed, double seconds,
                         boolean sampled) {
        public boolean equal() {
            return missing + extra + different + unlisted == 0;
        }

        public boolean repairedAll() {
            return repairFailed == 0 && repaired == missing + extra + different && unlisted == 0;
        }
    }

    private enum Kind { MISSING, EXTRA, DIFFERENT }

    /** A difference seen once, waiting for its re-check. */
    private record Candidate(String id, Record key, Record seenRow, JsonNode seenDoc, long seenAtNanos, int attempts) {
    }

    private final TableScan table;
    private final IndexTarget index;
    private final Options options;
    private final List<String> fields;
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong resolved = new AtomicLong();
    private final Map<Kind, AtomicLong> confirmed = Map.of(Kind.MISSING, new AtomicLong(), Kind.EXTRA, new AtomicLong(),
            Kind.DIFFERENT, new AtomicLong());
    private final List<String> examples = new ArrayList<>();
    private final List<Candidate> pending = new ArrayList<>();
    private final List<Record> toRewrite = new ArrayList<>();
    private final List<String> toDelete = new ArrayList<>();
    private long repaired;
    private long repairFailed;
    private long repairedInserts;

    public Verifier(TableScan table, IndexTarget index, Options options) {
        this.table = table;
        this.index = index;
        this.options = options;
        this.fields = index.fields();
    }

    public Report run() throws InterruptedException {
        long start = System.nanoTime();
        index.refresh();
        long unlisted = 0;
        if (options.sample() > 0) {
            checkRows(table.lookup(table.sampleKeys(options.sample(), System.nanoTime())));
            checkIds(index.sampleIds(options.sample(), System.nanoTime()));
            drain();
        } else {
            tableToIndex();
            drain();
            flushRepairs();
            index.refresh();
            long docs = index.count();
            long byCount = docs - matched.get() - repairedInserts;
            if (byCount != 0) {
                LOG.info("verify: the index holds {} documents, {} of them matched table rows: listing every id to find the"
                        + " extra ones", docs, matched.get() + repairedInserts);
                unlisted = indexToTable(Math.max(0, byCount));
                drain();
            }
        }
        flushRepairs();
        long docs = options.sample() > 0 ? -1 : index.count();
        return new Report(rows.get(), docs, confirmed.get(Kind.MISSING).get(), confirmed.get(Kind.EXTRA).get(),
                confirmed.get(Kind.DIFFERENT).get(), unlisted, rejected.get(), resolved.get(), List.copyOf(examples), repaired,
                repairFailed, (System.nanoTime() - start) / 1e9, options.sample() > 0);
    }

    private void tableToIndex() throws InterruptedException {
        List<SourceSplit> ranges = table.ranges(Math.max(1, options.threads() * 2));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, options.threads()), r -> {
            Thread t = new Thread(r, "verify-range");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> done = new ArrayList<>();
            for (SourceSplit range : ranges) {
                done.add(pool.submit(() -> {
                    readRange(range);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void readRange(SourceSplit range) throws InterruptedException {
        long n = 0;
        try (SplitReader reader = table.reader(range)) {
            while (true) {
                SplitFetch f = reader.fetch();
                checkRows(f.records());
                n += f.records().size();
                if (f.finished()) {
                    break;
                }
            }
        }
        LOG.info("verify: range {} checked ({} rows; {} rows in all so far)", range.id(), n, rows.get());
    }

    /** Compares rows (null entries skipped) with their documents; differences become candidates. */
    private void checkRows(List<Record> page) throws InterruptedException {
        Map<String, Record> byId = new LinkedHashMap<>();
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        for (Record r : page) {
            if (r == null) {
                continue;
            }
            rows.incrementAndGet();
            try {
                IndexTarget.Expected e = index.expected(r);
                byId.put(e.id(), r);
                expected.put(e.id(), e.source());
            } catch (IllegalArgumentException e) {
                rejected.incrementAndGet(); // the writer rejects this row too: it is a dirty record, never a document
            }
        }
        Map<String, JsonNode> stored = index.fetch(byId.keySet());
        List<Candidate> found = new ArrayList<>();
        long now = System.nanoTime();
        for (Map.Entry<String, Record> e : byId.entrySet()) {
            String id = e.getKey();
            JsonNode want = expected.get(id);
            JsonNode have = stored.get(id);
            if (have != null && want != null) {
                matched.incrementAndGet();
            }
            if (state(want, have) != null) {
                found.add(new Candidate(id, e.getValue(), e.getValue(), have, now, 0));
            }
        }
        offer(found);
    }

    /** Documents by id whose rows may be gone: looked up in the table; absent rows become candidates. */
    private void checkIds(List<String> ids) throws InterruptedException {
        List<String> mapped = new ArrayList<>();
        List<Record> keys = new ArrayList<>();
        for (String id : ids) {
            Map<Integer, String> parts = index.idParts(id);
            Record key = parts == null ? null : table.keyRecord(parts);
            if (key != null) {
                mapped.add(id);
                keys.add(key);
            }
        }
        List<Record> current = table.lookup(keys);
        Map<String, JsonNode> stored = index.fetch(mapped);
        List<Candidate> found = new ArrayList<>();
        long now = System.nanoTime();
        for (int i = 0; i < mapped.size(); i++) {
            Record row = current.get(i);
            JsonNode have = stored.get(mapped.get(i));
            JsonNode want = row == null ? null : expectedOrNull(row);
            if (options.sample() > 0 && row != null) {
                rows.incrementAndGet();
            }
            if (state(want, have) != null && (row == null || options.sample() > 0)) {
                found.add(new Candidate(mapped.get(i), keys.get(i), row, have, now, 0));
            }
        }
        offer(found);
    }

    /** Lists every id; returns how many extra documents could not be looked up (ids not mappable to keys). */
    private long indexToTable(long extraByCount) throws InterruptedException {
        try (IndexTarget.IdPages pages = index.ids(ID_PAGE)) {
            for (List<String> page = pages.next(); !page.isEmpty(); page = pages.next()) {
                if (!page.isEmpty() && index.idParts(page.get(0)) == null) {
                    LOG.warn("verify: document ids of this job cannot be taken apart into key columns: {} extra document(s)"
                            + " counted, not listed", extraByCount);
                    return extraByCount;
                }
                checkIds(page);
            }
        }
        return 0;
    }

    private JsonNode expectedOrNull(Record row) {
        try {
            return index.expected(row).source();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The difference between what should be stored and what is, or null when there is none. */
    private List<String> diff(JsonNode want, JsonNode have) {
        return want == null || have == null ? List.of() : DocumentDiff.diff(fields, want, have);
    }

    private Kind state(JsonNode want, JsonNode have) {
        if (want == null) {
            return have == null ? null : Kind.EXTRA;
        }
        if (have == null) {
            return Kind.MISSING;
        }
        return diff(want, have).isEmpty() ? null : Kind.DIFFERENT;
    }

    private void offer(List<Candidate> found) throws InterruptedException {
        if (found.isEmpty()) {
            return;
        }
        List<Candidate> round = null;
        synchronized (pending) {
            pending.addAll(found);
            if (pending.size() >= RECHECK_BUFFER) {
                round = new ArrayList<>(pending);
                pending.clear();
            }
        }
        if (round != null) {
            recheck(round);
        }
    }

    private void drain() throws InterruptedException {
        while (true) {
            List<Candidate> round;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    return;
                }
                round = new ArrayList<>(pending);
                pending.clear();
            }
            recheck(round);
        }
    }

    /** Reads both sides again once the oldest candidate is {@code settle} old; confirms, resolves, or re-queues. */
    private void recheck(List<Candidate> round) throws InterruptedException {
        long wait = round.get(0).seenAtNanos() + options.settle().toNanos() - System.nanoTime();
        for (Candidate c : round) {
            wait = Math.max(wait, c.seenAtNanos() + options.settle().toNanos() - System.nanoTime());
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        index.refresh();
        for (int from = 0; from < round.size(); from += ID_PAGE) {
            List<Candidate> chunk = round.subList(from, Math.min(round.size(), from + ID_PAGE));
            List<Record> now = table.lookup(chunk.stream().map(Candidate::key).toList());
            Map<String, JsonNode> docs = index.fetch(chunk.stream().map(Candidate::id).toList());
            List<Candidate> again = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                Candidate c = chunk.get(i);
                Record row = now.get(i);
                JsonNode have = docs.get(c.id());
                JsonNode want = row == null ? null : expectedOrNull(row);
                Kind k = state(want, have);
                if (k == null) {
                    resolved.incrementAndGet();
                    continue;
                }
                boolean moving = !sameRow(row, c.seenRow()) || !DocumentDiff.same(have, c.seenDoc());
                if (moving && c.attempts() < MAX_RECHECKS) {
                    again.add(new Candidate(c.id(), c.key(), row, have, System.nanoTime(), c.attempts() + 1));
                    continue;
                }
                confirm(k, c.id(), row, want, have);
            }
            if (!again.isEmpty()) {
                synchronized (pending) {
                    pending.addAll(again);
                }
            }
        }
    }

    private boolean sameRow(Record a, Record b) {
        if (a == null || b == null) {
            return a == b;
        }
        return DocumentDiff.same(expectedOrNull(a), expectedOrNull(b));
    }

    private void confirm(Kind k, String id, Record row, JsonNode want, JsonNode have) throws InterruptedException {
        confirmed.get(k).incrementAndGet();
        synchronized (examples) {
            if (examples.size() < options.examples()) {
                examples.add(switch (k) {
                    case MISSING -> "missing   id=" + id;
                    case EXTRA -> "extra     id=" + id;
                    case DIFFERENT -> "different id=" + id + ": " + String.join("; ", diff(want, have));
                });
            }
        }
        if (!options.repair()) {
            return;
        }
        boolean flush;
        synchronized (toRewrite) {
            if (k == Kind.EXTRA) {
                toDelete.add(id);
            } else {
                toRewrite.add(row);
                if (k == Kind.MISSING) {
                    repairedInserts++;
                }
            }
            flush = toRewrite.size() + toDelete.size() >= REPAIR_BATCH;
        }
        if (flush) {
            flushRepairs();
        }
    }

    private void flushRepairs() {
        List<Record> rewrite;
        List<String> delete;
        synchronized (toRewrite) {
            if (toRewrite.isEmpty() && toDelete.isEmpty()) {
                return;
            }
            rewrite = new ArrayList<>(toRewrite);
            delete = new ArrayList<>(toDelete);
            toRewrite.clear();
            toDelete.clear();
        }
        long failed = index.repair(rewrite, delete);
        synchronized (toRewrite) {
            repaired += rewrite.size() + delete.size() - failed;
            repairFailed += failed;
        }
    }
}
