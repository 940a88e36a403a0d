package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import io.tablesync.core.element.Record;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.sync.SyncOptions;
import io.tablesync.core.sync.SyncRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The continuous runner ({@code tablesync sync}) in-process over real tablestore-local, writing to
 * the capture writer: what arrives, in which order, how often, and where a run starts.
 */
class ContinuousSyncTest {
    /** The server's clock: real time plus an offset the test can move (stream retention). */
    static final class ShiftedClock extends Clock {
        final AtomicLong offsetMillis = new AtomicLong();

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plusMillis(offsetMillis.get());
        }
    }

    private final ShiftedClock clock = new ShiftedClock();
    private OtsFixture ots;
    private String table;
    private String statusTable;
    private final List<String> written = new ArrayList<>();
    private final Random random = new Random(7);

    @BeforeEach
    void start() {
        ots = new OtsFixture(4, clock);
        table = ots.createTable(true);
        statusTable = OtsFixture.unique("status");
    }

    @AfterEach
    void stop() {
        ots.close();
    }

    /** Random puts, partial updates and deletes on 20 keys; remembers "key:OPERATION" in write order. */
    private void write(int n) {
        for (int i = 0; i < n; i++) {
            String id = "k" + random.nextInt(20);
            int op = random.nextInt(10);
            if (op < 5) {
                ots.put(table, id, 1, Map.of("s", ColumnValue.fromString("v" + written.size())));
                written.add(id + ":UPSERT");
            } else if (op < 8) {
                RowUpdateChange u = new RowUpdateChange(table, OtsFixture.pk(id, 1));
                u.put("s", ColumnValue.fromString("v" + written.size()));
                ots.update(table, u);
                written.add(id + ":UPDATE");
            } else {
                ots.delete(table, id, 1);
                written.add(id + ":DELETE");
            }
        }
    }

    private Map<String, Object> reader() {
        Map<String, Object> p = ots.reader(table, statusTable, 0, 0);
        p.remove("startTimestampMillis");
        p.remove("endTimestampMillis");
        p.put("mode", "single_version_and_update_only");
        p.put("column", List.of(Map.of("name", "id"), Map.of("name", "s")));
        return p;
    }

    private Path job(Map<String, Object> reader, String sink) {
        return ots.writeJob(reader, "capturewriter", Map.of("sink", sink), 2);
    }

    private static SyncOptions options(StreamingOptions streaming) {
        return SyncOptions.defaults().withStreaming(streaming).withCheckpointInterval(Duration.ofMillis(200))
                .withStatusInterval(Duration.ofSeconds(1)).withLeaseTimeout(Duration.ofSeconds(3));
    }

    /** A runner on its own thread; the future completes with its exit code. */
    private record Running(SyncRunner runner, CompletableFuture<Integer> exit) {
        int stop() throws Exception {
            runner.requestStop();
            return exit.get(20, TimeUnit.SECONDS);
        }
    }

    private Running sync(Path job, StreamingOptions streaming) {
        SyncRunner r = new SyncRunner(new Engine.Options(job.toString(), Map.of(), ots.dir, 0), options(streaming),
                PluginRegistry.fromClassPath());
        return new Running(r, CompletableFuture.supplyAsync(r::run));
    }

    private static List<String> keyOps(List<Record> records) {
        return records.stream().map(r -> r.getColumn(0).asString() + ":" + r.getOperation()).toList();
    }

    /** The per-key order of a list of "key:OP" entries. */
    private static Map<String, List<String>> perKey(List<String> entries) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String e : entries) {
            out.computeIfAbsent(e.substring(0, e.indexOf(':')), k -> new ArrayList<>()).add(e);
        }
        return out;
    }

    @Test
    void everyChangeArrivesOnceInItsKeysOrderAndAStopAndRestartContinueExactly() throws Exception {
        String sink = OtsFixture.unique("sink");
        Path job = job(reader(), sink);
        write(200);
        Running first = sync(job, StreamingOptions.defaults());
        await().atMost(Duration.ofSeconds(30)).until(() -> CaptureWriter.SINKS.getOrDefault(sink, List.of()).size() >= 200);
        write(100); // while it runs
        await().atMost(Duration.ofSeconds(30)).until(() -> CaptureWriter.SINKS.getOrDefault(sink, List.of()).size() >= 300);
        assertThat(first.stop()).isEqualTo(0);
        write(100); // while it is stopped
        Running second = sync(job, StreamingOptions.defaults());
        await().atMost(Duration.ofSeconds(30)).until(() -> CaptureWriter.SINKS.getOrDefault(sink, List.of()).size() >= 400);
        Thread.sleep(500); // nothing more may come
        assertThat(second.stop()).isEqualTo(0);

        List<String> received = keyOps(CaptureWriter.take(sink));
        assertThat(received).as("nothing lost, nothing twice").hasSize(written.size());
        assertThat(perKey(received)).as("each key's changes in the order they were made").isEqualTo(perKey(written));
    }

    @Test
    void aBoundedRunEndsByItselfAtTheJobsEndTime() throws Exception {
        write(50);
        long end = OtsFixture.nowAfterWrites();
        List<String> before = List.copyOf(written);
        write(30);
        Map<String, Object> reader = reader();
        reader.put("endTimestampMillis", end);
        String sink = OtsFixture.unique("sink");
        Running run = sync(job(reader, sink), StreamingOptions.defaults());
        assertThat(run.exit().get(30, TimeUnit.SECONDS)).isEqualTo(0);
        assertThat(perKey(keyOps(CaptureWriter.take(sink)))).isEqualTo(perKey(before));
    }

    @Test
    void withoutCheckpointsItContinuesExactlyWhereTheLastDataxWindowEnded() throws Exception {
        long start = System.currentTimeMillis() - 1;
        write(60);
        long end = OtsFixture.nowAfterWrites();
        int inWindow = written.size();
        Map<String, Object> windowReader = reader();
        windowReader.put("startTimestampMillis", start);
        windowReader.put("endTimestampMillis", end);
        String windowSink = OtsFixture.unique("sink");
        JobOutcome window = ots.run(windowReader, "capturewriter", Map.of("sink", windowSink), 2);
        assertThat(window.status()).isEqualTo(JobOutcome.Status.SUCCEEDED);
        write(40);

        String sink = OtsFixture.unique("sink");
        Map<String, Object> syncReader = reader();
        syncReader.put("startTimestampMillis", start); // a start time in the job loses to the DataX hand-off
        Running run = sync(job(syncReader, sink), StreamingOptions.defaults());
        await().atMost(Duration.ofSeconds(30)).until(() -> CaptureWriter.SINKS.getOrDefault(sink, List.of()).size() >= 40);
        Thread.sleep(500);
        assertThat(run.stop()).isEqualTo(0);
        assertThat(keyOps(CaptureWriter.take(windowSink))).hasSize(inWindow);
        List<String> after = written.subList(inWindow, written.size());
        assertThat(perKey(keyOps(CaptureWriter.take(sink)))).as("exactly the changes after the window").isEqualTo(perKey(after));
    }

    @Test
    void aCheckpointOlderThanTheStreamKeepsStopsTheRunUnlessToldToSkip() throws Exception {
        String sink = OtsFixture.unique("sink");
        Path job = job(reader(), sink);
        write(20);
        Running first = sync(job, StreamingOptions.defaults());
        await().atMost(Duration.ofSeconds(30)).until(() -> CaptureWriter.SINKS.getOrDefault(sink, List.of()).size() >= 20);
        assertThat(first.stop()).isEqualTo(0);
        write(20);                                         // never read: trimmed below
        clock.offsetMillis.set(Duration.ofHours(25).toMillis()); // the stream keeps 24 h
        int kept = written.size();
        write(10);                                         // retained

        Running failing = sync(job, StreamingOptions.defaults());
        assertThat(failing.exit().get(30, TimeUnit.SECONDS)).as("a lost position is never skipped silently").isEqualTo(1);

        CaptureWriter.take(sink);
        Running skipping = sync(job, new StreamingOptions(null, StreamingOptions.OnTrimmed.SKIP));
        await().atMost(Duration.ofSeconds(30)).until(() -> CaptureWriter.SINKS.getOrDefault(sink, List.of()).size() >= 10);
        Thread.sleep(300);
        assertThat(skipping.stop()).isEqualTo(0);
        assertThat(perKey(keyOps(CaptureWriter.take(sink)))).isEqualTo(perKey(written.subList(kept, written.size())));
    }
}
