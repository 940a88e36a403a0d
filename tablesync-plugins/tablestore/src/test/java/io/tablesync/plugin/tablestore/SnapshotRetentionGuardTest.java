package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.sync.CopyOptions;
import io.tablesync.core.sync.SyncOptions;
import io.tablesync.core.sync.SyncRunner;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import io.tablesync.plugin.tablestore.checkpoint.SyncStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code sync --snapshot} refuses a copy that cannot end inside the stream's retention: a 6 MB table whose stream
 * keeps changes 1 h, copied into a sink that takes a second per row (about 6,000 rows: well over an hour). After the
 * warm-up the run stops with exit code 1 and the numbers; the snapshot stays COPYING, so a restart resumes it.
 */
class SnapshotRetentionGuardTest {
    private static final int ROWS = 6_000;
    private static final String PAD = "x".repeat(1_000);

    private OtsFixture ots;
    private String table;
    private String statusTable;

    @BeforeEach
    void start() {
        ots = new OtsFixture(1);
        table = ots.createTable(true, 1);
        statusTable = OtsFixture.unique("status");
        for (int from = 0; from < ROWS; from += 100) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            for (int i = from; i < from + 100; i++) {
                RowPutChange put = new RowPutChange(table, OtsFixture.pk(String.format("k%05d", i), 0));
                put.addColumn("s", ColumnValue.fromString("s" + i + PAD));
                req.addRowChange(put);
            }
            assertThat(ots.client.batchWriteRow(req).isAllSucceed()).isTrue();
        }
    }

    @AfterEach
    void stop() {
        ots.close();
    }

    @Test
    void aCopyTooSlowForTheStreamsRetentionStopsWithTheNumbers() throws Exception {
        Map<String, Object> p = ots.reader(table, statusTable, 0, 0);
        p.remove("startTimestampMillis");
        p.remove("endTimestampMillis");
        p.put("mode", "single_version_and_update_only");
        p.put("column", List.of(Map.of("name", "id"), Map.of("name", "n"), Map.of("name", "s")));
        Path job = ots.writeJob(p, "capturewriter", new LinkedHashMap<>(Map.of("sink", OtsFixture.unique("slow"),
                "delayMillis", 1_000)), 1);
        SyncOptions o = SyncOptions.defaults().withStreaming(StreamingOptions.defaults().withSnapshot(true))
                .withStatusInterval(Duration.ofMillis(500)).withLeaseTimeout(Duration.ofSeconds(2))
                .withCopy(new CopyOptions(CopyOptions.RetentionCheck.FAIL, Duration.ofSeconds(3), true));
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try {
            SyncRunner r = new SyncRunner(new Engine.Options(job.toString(), Map.of(), ots.dir, 0), o, PluginRegistry.fromClassPath());
            int exit = CompletableFuture.supplyAsync(r::run).get(60, TimeUnit.SECONDS);
            assertThat(exit).isEqualTo(1);
        } finally {
            root.detachAppender(logs);
        }
        String failure = logs.list.stream().filter(e -> e.getFormattedMessage().contains("cannot end inside the stream's retention"))
                .map(ILoggingEvent::getFormattedMessage).findFirst().orElse("");
        assertThat(failure).as("the refusal is logged").containsPattern("of about [\\d,]+ rows copied")
                .containsPattern("\\d rows/s measured").contains("the stream keeps the recorded positions until")
                .contains("--snapshot-retention-check warn");
        SyncStatus.SnapshotState s = new StatusTable(ots.client, statusTable).syncStatus(ots.streamId(table)).snapshotState();
        assertThat(s.phase()).as("resumable").isEqualTo(SyncStatus.SnapshotPhase.COPYING);
    }
}
