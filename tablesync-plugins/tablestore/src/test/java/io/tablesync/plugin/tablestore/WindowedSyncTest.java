package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import io.tablesync.core.element.Record;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.sync.SyncOptions;
import io.tablesync.core.sync.WindowScheduler;
import io.tablesync.plugin.tablestore.checkpoint.CheckpointRow;
import io.tablesync.plugin.tablestore.checkpoint.JobDescription;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code sync --every}: the guide's cron script in-process. Contiguous windows run one after another
 * as DataX jobs; after a downtime of three windows the missed ones are caught up; every change is
 * delivered exactly once, and the status table holds what DataX writes for each window.
 */
class WindowedSyncTest {
    private static final Duration INTERVAL = Duration.ofSeconds(1);
    static OtsFixture ots;

    @BeforeAll
    static void start() {
        ots = new OtsFixture(2); // also sets AFTER_OFFSET_TIME_MILLIS=0: windows may end at "now"
    }

    @AfterAll
    static void stop() {
        ots.close();
    }

    private record Running(WindowScheduler scheduler, CompletableFuture<Integer> exit) {
        int stop() throws Exception {
            scheduler.requestStop();
            return exit.get(30, TimeUnit.SECONDS);
        }
    }

    private static Running schedule(Path job, long fromMillis) {
        SyncOptions options = SyncOptions.defaults().withLeaseTimeout(Duration.ofSeconds(3))
                .withStreaming(new StreamingOptions(StreamingOptions.StartAt.time(fromMillis), StreamingOptions.OnTrimmed.FAIL));
        WindowScheduler s = new WindowScheduler(new Engine.Options(job.toString(), Map.of(), ots.dir, 0), options, INTERVAL,
                PluginRegistry.fromClassPath());
        return new Running(s, CompletableFuture.supplyAsync(s::run));
    }

    @Test
    void twelveContiguousWindowsWithADowntimeOfThreeDeliverEveryChangeExactlyOnce() throws Exception {
        String table = ots.createTable(true);
        String status = OtsFixture.unique("status");
        String sink = OtsFixture.unique("sink");
        Map<String, Object> reader = ots.reader(table, status, 0, 0);
        reader.remove("startTimestampMillis");
        reader.remove("endTimestampMillis");
        reader.put("mode", "single_version_and_update_only");
        reader.put("column", List.of(Map.of("name", "id"), Map.of("name", "s")));
        Path job = ots.writeJob(reader, "capturewriter", Map.of("sink", sink), 1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        long from = System.currentTimeMillis() - 1;

        Running first = schedule(job, from);
        writeFor(table, written, Duration.ofMillis(INTERVAL.toMillis() * 5));
        // The downtime is a stop between two windows: right after one finished, while the scheduler waits for the
        // next one's end. (A stop in the middle of a window is DataX's case of a window that did not finish: it runs
        // again whole, delivering its changes a second time, which this test is not about.)
        StatusTable marks = new StatusTable(ots.client, status);
        String stream = ots.streamId(table);
        long seen = marks.syncStatus(stream).lastWindowEnd().orElse(0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> marks.syncStatus(stream).lastWindowEnd().orElse(0) > seen);
        assertThat(first.stop()).isEqualTo(0);
        writeFor(table, written, Duration.ofMillis(INTERVAL.toMillis() * 3)); // down for three windows
        Running second = schedule(job, 0); // --from is ignored now: the job has finished windows
        writeFor(table, written, Duration.ofMillis(INTERVAL.toMillis() * 4));
        long lastWrite = OtsFixture.nowAfterWrites();
        StatusTable st = new StatusTable(ots.client, status);
        String streamId = ots.streamId(table);
        // the window mark is written once a window finished (its description row at its start)
        await().atMost(Duration.ofSeconds(30)).until(() -> st.syncStatus(streamId).lastWindowEnd().orElse(0) >= lastWrite);
        assertThat(second.stop()).isEqualTo(0);

        List<String> delivered = CaptureWriter.take(sink).stream()
                .map((Record r) -> r.getColumn(0).asString() + "=" + r.getColumn(1).asString()).toList();
        assertThat(delivered).as("every change exactly once (each change writes a unique value)")
                .containsExactlyInAnyOrderElementsOf(written);
        for (int k = 0; k < 7; k++) {
            String key = "k" + k + "=";
            assertThat(delivered.stream().filter(e -> e.startsWith(key)).toList()).as("changes of %s in order", key)
                    .isEqualTo(written.stream().filter(e -> e.startsWith(key)).toList());
        }

        long lastEnd = st.syncStatus(streamId).lastWindowEnd().getAsLong();
        List<Long> ends = new ArrayList<>(st.latestJobEnds(streamId, 100));
        ends.removeIf(end -> end > lastEnd); // a window stopped by the test's stop request, to be run again
        Collections.reverse(ends);
        assertThat(ends.size()).as("windows run").isGreaterThanOrEqualTo(12);
        long expectedStart = from;
        for (long end : ends) {
            JobDescription d = st.readJobDescription(streamId, end);
            assertThat(d.startTime()).as("windows are contiguous: no gap, no overlap").isEqualTo(expectedStart);
            assertThat(d.endTime() - d.startTime()).isEqualTo(INTERVAL.toMillis());
            Map<String, CheckpointRow> cps = st.readCheckpoints(streamId, end);
            assertThat(cps.keySet()).as("DataX's checkpoint of every shard at the window end")
                    .containsExactlyInAnyOrderElementsOf(d.shardIds());
            assertThat(cps.values()).allMatch(cp -> cp.version().equals(d.version()));
            expectedStart = end;
        }
        assertThat(st.syncStatus(streamId).lastWindowEnd()).hasValue(ends.get(ends.size() - 1));
    }

    /** Puts with unique values (the record's s column) for a while, about every 20 ms. */
    private static void writeFor(String table, List<String> written, Duration d) throws InterruptedException {
        long until = System.currentTimeMillis() + d.toMillis();
        int n = written.size();
        while (System.currentTimeMillis() < until) {
            String key = "k" + (n % 7);
            String value = "v" + n++;
            ots.put(table, key, 1, Map.of("s", ColumnValue.fromString(value)));
            written.add(key + "=" + value);
            Thread.sleep(20);
        }
    }
}
