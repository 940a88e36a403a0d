package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.source.SplitPosition;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.sync.SyncOptions;
import io.tablesync.core.sync.SyncRunner;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import io.tablesync.plugin.tablestore.checkpoint.SyncStatus;
import io.tablesync.plugin.tablestore.stream.StreamTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code sync --snapshot} in-process over real tablestore-local into the capture writer, with puts,
 * partial updates, column deletes and row deletes running during the copy: replaying what the writer
 * received (in arrival order, as a sink applies it) must give exactly the table's rows — no gap and no
 * stale row at the seam — and a crash in the middle of the copy must not copy finished ranges again.
 */
class SnapshotSyncTest {
    private static final int ROWS = 6_000;
    private static final String PAD = "x".repeat(1_000); // ~6 MB of data: several 1 MB split points

    private OtsFixture ots;
    private String table;
    private String statusTable;

    @BeforeEach
    void start() {
        ots = new OtsFixture(4);
        table = ots.createTable(true);
        statusTable = OtsFixture.unique("status");
        for (int from = 0; from < ROWS; from += 100) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            for (int i = from; i < from + 100; i++) {
                RowPutChange put = new RowPutChange(table, OtsFixture.pk(key(i), i % 3));
                put.addColumn("s", ColumnValue.fromString("s" + i));
                put.addColumn("t", ColumnValue.fromLong(i));
                put.addColumn("pad", ColumnValue.fromString(PAD));
                req.addRowChange(put);
            }
            assertThat(ots.client.batchWriteRow(req).isAllSucceed()).isTrue();
        }
    }

    @AfterEach
    void stop() {
        ots.close();
    }

    private static String key(int i) {
        return String.format("k%05d", i);
    }

    private Path job(String sink, long failAfter) {
        Map<String, Object> p = ots.reader(table, statusTable, 0, 0);
        p.remove("startTimestampMillis");
        p.remove("endTimestampMillis");
        p.put("mode", "single_version_and_update_only");
        p.put("column", List.of(Map.of("name", "id"), Map.of("name", "n"), Map.of("name", "s"), Map.of("name", "t")));
        Map<String, Object> w = new LinkedHashMap<>(Map.of("sink", sink));
        if (failAfter >= 0) {
            w.put("failAfter", failAfter);
        }
        return ots.writeJob(p, "capturewriter", w, 2);
    }

    private CompletableFuture<Integer> sync(Path job, SyncRunner[] holder) {
        SyncOptions o = SyncOptions.defaults().withStreaming(StreamingOptions.defaults().withSnapshot(true))
                .withCheckpointInterval(Duration.ofMillis(200)).withLeaseTimeout(Duration.ofSeconds(2))
                .withRestartBackoffMax(Duration.ofSeconds(1));
        SyncRunner r = new SyncRunner(new Engine.Options(job.toString(), Map.of(), ots.dir, 0), o, PluginRegistry.fromClassPath());
        holder[0] = r;
        return CompletableFuture.supplyAsync(r::run);
    }

    /** Random puts (new and existing rows), partial updates, column deletes and row deletes, until stopped. */
    private Thread writer(AtomicBoolean stop, long seed) {
        Thread t = new Thread(() -> {
            Random random = new Random(seed);
            int next = ROWS;
            while (!stop.get()) {
                int i = random.nextInt(ROWS + 200);
                int op = random.nextInt(10);
                long n = i % 3;
                if (op < 3) {
                    int k = random.nextBoolean() ? i : next++;
                    ots.put(table, key(k), k % 3, Map.of("s", ColumnValue.fromString("p" + random.nextInt()), "pad",
                            ColumnValue.fromString("y")));
                } else if (op < 6) {
                    RowUpdateChange u = new RowUpdateChange(table, OtsFixture.pk(key(i), n));
                    u.put("s", ColumnValue.fromString("u" + random.nextInt()));
                    ots.update(table, u);
                } else if (op < 8) {
                    RowUpdateChange u = new RowUpdateChange(table, OtsFixture.pk(key(i), n));
                    u.deleteColumns("t");
                    ots.update(table, u);
                } else {
                    ots.delete(table, key(i), n);
                }
            }
        }, "test-writes");
        t.start();
        return t;
    }

    /** The documents a sink holds after applying the records in arrival order. */
    private static Map<String, Map<String, Object>> replay(List<Record> records) {
        Map<String, Map<String, Object>> docs = new TreeMap<>();
        String[] names = {"id", "n", "s", "t"};
        for (Record r : records) {
            String id = r.getColumn(0).asString() + "/" + r.getColumn(1).asString();
            if (r.getOperation() == Operation.DELETE) {
                docs.remove(id);
                continue;
            }
            Map<String, Object> doc = r.getOperation() == Operation.UPSERT ? new TreeMap<>()
                    : docs.computeIfAbsent(id, k -> new TreeMap<>());
            for (int c = 0; c < names.length; c++) {
                ColumnState st = r.getColumnState(c);
                if (st == ColumnState.ABSENT) {
                    continue;
                }
                Object v = st == ColumnState.DELETED || r.getColumn(c) == null ? null : r.getColumn(c).getRawData();
                if (v == null) {
                    doc.remove(names[c]);
                } else {
                    doc.put(names[c], String.valueOf(v));
                }
            }
            docs.put(id, doc);
        }
        return docs;
    }

    private Map<String, Map<String, Object>> tableRows() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        PrimaryKey from = PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("id", PrimaryKeyValue.INF_MIN)
                .addPrimaryKeyColumn("n", PrimaryKeyValue.INF_MIN).build();
        PrimaryKey to = PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("id", PrimaryKeyValue.INF_MAX)
                .addPrimaryKeyColumn("n", PrimaryKeyValue.INF_MAX).build();
        while (from != null) {
            RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
            c.setInclusiveStartPrimaryKey(from);
            c.setExclusiveEndPrimaryKey(to);
            c.setDirection(Direction.FORWARD);
            c.setMaxVersions(1);
            GetRangeResponse r = ots.client.getRange(new GetRangeRequest(c));
            for (Row row : r.getRows()) {
                String id = row.getPrimaryKey().getPrimaryKeyColumn("id").getValue().asString();
                long n = row.getPrimaryKey().getPrimaryKeyColumn("n").getValue().asLong();
                Map<String, Object> doc = new TreeMap<>();
                doc.put("id", id);
                doc.put("n", String.valueOf(n));
                if (row.getLatestColumn("s") != null) {
                    doc.put("s", row.getLatestColumn("s").getValue().asString());
                }
                if (row.getLatestColumn("t") != null) {
                    doc.put("t", String.valueOf(row.getLatestColumn("t").getValue().asLong()));
                }
                out.put(id + "/" + n, doc);
            }
            from = r.getNextStartPrimaryKey();
        }
        return out;
    }

    private SyncStatus status() {
        return new StatusTable(ots.client, statusTable).syncStatus(StreamTopology.streamId(ots.client, table));
    }

    @Test
    void copyWithConcurrentChangesEndsEqualToTheTable() throws Exception {
        String sink = OtsFixture.unique("sink");
        AtomicBoolean stop = new AtomicBoolean();
        Thread writes = writer(stop, 11);
        SyncRunner[] runner = new SyncRunner[1];
        CompletableFuture<Integer> exit = sync(job(sink, -1), runner);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            SyncStatus.SnapshotState s = status().snapshotState();
            return s != null && s.phase() == SyncStatus.SnapshotPhase.DONE;
        });
        Thread.sleep(500); // changes after the copy, through the stream
        stop.set(true);
        writes.join();
        Map<String, Map<String, Object>> expected = tableRows();
        await().atMost(Duration.ofSeconds(30)).until(() -> replay(List.copyOf(CaptureWriter.SINKS.get(sink))).equals(expected));
        runner[0].requestStop();
        assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(0);
        SyncStatus.SnapshotState s = status().snapshotState();
        assertThat(s.ranges()).as("the table was copied in parallel ranges").isGreaterThan(1);
        assertThat(s.rows()).isGreaterThanOrEqualTo(ROWS - 1_000);
    }

    @Test
    void aCrashInTheCopyResumesOnlyTheUnfinishedRanges() throws Exception {
        String first = OtsFixture.unique("sink");
        SyncRunner[] runner = new SyncRunner[1];
        // the writer fails for good after 3,500 records: the run ends with some ranges finished, others not
        CompletableFuture<Integer> exit = sync(job(first, 3_500), runner);
        assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(1);
        Set<String> finished = new HashSet<>();
        status().load().forEach((id, cp) -> {
            if (SyncStatus.isRange(id) && cp.finished()) {
                finished.add(id);
            }
        });
        assertThat(finished).as("ranges finished before the crash").isNotEmpty();
        assertThat(status().snapshotState().phase()).isEqualTo(SyncStatus.SnapshotPhase.COPYING);

        AtomicBoolean stop = new AtomicBoolean();
        Thread writes = writer(stop, 12);
        String second = OtsFixture.unique("sink");
        CompletableFuture<Integer> again = sync(job(second, -1), runner);
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> status().snapshotState().phase() == SyncStatus.SnapshotPhase.DONE);
        stop.set(true);
        writes.join();
        List<Record> all = new ArrayList<>(CaptureWriter.SINKS.get(first));
        Map<String, Map<String, Object>> expected = tableRows();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            List<Record> both = new ArrayList<>(all);
            both.addAll(List.copyOf(CaptureWriter.SINKS.get(second)));
            return replay(both).equals(expected);
        });
        runner[0].requestStop();
        assertThat(again.get(20, TimeUnit.SECONDS)).isEqualTo(0);
        for (Record r : List.copyOf(CaptureWriter.SINKS.get(second))) {
            assertThat(finished).as("no row of a finished range is copied again").doesNotContain(((SplitPosition) r.getPosition()).partition());
        }
    }
}
