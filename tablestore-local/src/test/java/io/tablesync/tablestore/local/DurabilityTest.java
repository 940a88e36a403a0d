package io.tablesync.tablestore.local;

import static io.tablesync.tablestore.local.SdkFixture.pk;
import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With a data directory, tables, rows, stream logs, shard state and iterators survive a restart and kill -9. */
class DurabilityTest {

    @TempDir
    Path dir;

    @Test
    void closeAndReopenKeepsEverythingAndIteratorsStayValid() {
        String t = "durable";
        String streamId;
        String iterator;
        List<Long> timestampsBefore = new ArrayList<>();
        long lastTs;
        try (TablestoreLocal s = TablestoreLocal.builder().dataDir(dir).shards(2).build().start()) {
            SyncClient c = SdkFixture.syncClient(s);
            SdkFixture.createTable(c, t, 1, true);
            for (int i = 0; i < 20; i++) {
                RowPutChange p = new RowPutChange(t, pk("k", i));
                p.addColumn("v", ColumnValue.fromLong(i));
                c.putRow(new PutRowRequest(p));
            }
            streamId = StreamReader.streamId(c, t);
            String shard = shardWithRecords(c, streamId);
            iterator = c.getShardIterator(new GetShardIteratorRequest(streamId, shard)).getShardIterator();
            List<StreamRecord> recs = StreamReader.drain(c, iterator, 1000).records();
            recs.forEach(r -> timestampsBefore.add(r.getSequenceInfo().getTimestamp()));
            lastTs = timestampsBefore.get(timestampsBefore.size() - 1);
            s.splitShard(t, shard);
            c.shutdown();
        }
        try (TablestoreLocal s = TablestoreLocal.builder().dataDir(dir).shards(2).build().start()) {
            SyncClient c = SdkFixture.syncClient(s);
            assertThat(c.listTable().getTableNames()).containsExactly(t);
            SingleRowQueryCriteria q = new SingleRowQueryCriteria(t, pk("k", 7));
            q.setMaxVersions(1);
            assertThat(c.getRow(new GetRowRequest(q)).getRow().getLatestColumn("v").getValue().asLong()).isEqualTo(7);
            assertThat(StreamReader.streamId(c, t)).isEqualTo(streamId);

            // The iterator handed out before the restart reads the same records, and the split parent now ends.
            StreamReader.Drained again = StreamReader.drain(c, iterator, 1000);
            assertThat(again.records()).extracting(r -> r.getSequenceInfo().getTimestamp())
                    .containsExactlyElementsOf(timestampsBefore);
            assertThat(again.shardEnded()).isTrue();
            assertThat(StreamReader.shards(c, streamId, 100)).hasSize(4);

            RowPutChange p = new RowPutChange(t, pk("k", 100));
            p.addColumn("v", ColumnValue.fromLong(100));
            c.putRow(new PutRowRequest(p));
            long newTs = StreamReader.readAll(c, streamId).values().stream().flatMap(List::stream)
                    .filter(r -> r.getPrimaryKey().equals(pk("k", 100))).findFirst().get().getSequenceInfo().getTimestamp();
            assertThat(newTs).as("commit timestamps keep increasing across restarts").isGreaterThan(lastTs);
            c.shutdown();
        }
    }

    private static String shardWithRecords(SyncClient c, String streamId) {
        for (StreamShard s : StreamReader.shards(c, streamId, 100)) {
            String it = c.getShardIterator(new GetShardIteratorRequest(streamId, s.getShardId())).getShardIterator();
            if (!StreamReader.drain(c, it, 1000).records().isEmpty()) {
                return s.getShardId();
            }
        }
        throw new AssertionError("no shard has records");
    }

    private static Process launch(Path dataDir) throws Exception {
        return LocalCommand.launch("--port", "0", "--data-dir", dataDir.toString(), "--instance", "killtest", "--shards", "2");
    }

    @Test
    void killMinus9LosesNoAcknowledgedWriteAndNoStreamRecord() throws Exception {
        Process p = launch(dir);
        java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger();
        try {
            int port = LocalCommand.awaitReady(p, "killtest");
            SyncClient c = new SyncClient("http://127.0.0.1:" + port, TablestoreLocal.DEFAULT_ACCESS_KEY_ID,
                    TablestoreLocal.DEFAULT_ACCESS_KEY_SECRET, "killtest", SdkFixture.config());
            SdkFixture.createTable(c, "killed", 1, true);
            // A writer keeps writing 5-row batches; the process is killed while a batch is in flight.
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; ; i++) {
                        BatchWriteRowRequest b = new BatchWriteRowRequest();
                        for (int j = 0; j < 5; j++) {
                            RowPutChange put = new RowPutChange("killed", pk("k" + (i % 17), i * 5L + j));
                            put.addColumn("v", ColumnValue.fromLong(i));
                            b.addRowChange(put);
                        }
                        if (!c.batchWriteRow(b).isAllSucceed()) {
                            return;
                        }
                        acknowledged.addAndGet(5);
                    }
                } catch (RuntimeException expectedOnKill) {
                    // the server went away mid-request
                }
            });
            writer.start();
            while (acknowledged.get() < 500) {
                Thread.sleep(10);
            }
            p.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no clean close
            writer.join(30_000);
            c.shutdown();
        } finally {
            p.destroyForcibly();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        try (TablestoreLocal s = TablestoreLocal.builder().dataDir(dir).instance("killtest").build().start()) {
            SyncClient c = SdkFixture.syncClient(s);
            RangeIteratorParameter all = new RangeIteratorParameter("killed");
            all.setInclusiveStartPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                    .addPrimaryKeyColumn("pk", PrimaryKeyValue.INF_MIN).addPrimaryKeyColumn("n", PrimaryKeyValue.INF_MIN).build());
            all.setExclusiveEndPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                    .addPrimaryKeyColumn("pk", PrimaryKeyValue.INF_MAX).addPrimaryKeyColumn("n", PrimaryKeyValue.INF_MAX).build());
            all.setMaxVersions(1);
            java.util.Set<Long> ns = new java.util.HashSet<>();
            c.createRangeIterator(all).forEachRemaining(r ->
                    ns.add(r.getPrimaryKey().getPrimaryKeyColumn("n").getValue().asLong()));
            for (long n = 0; n < acknowledged.get(); n++) {
                assertThat(ns).as("acknowledged row n=" + n).contains(n);
            }
            assertThat(ns.size()).as("at most the one batch in flight beyond the acknowledged ones")
                    .isLessThanOrEqualTo(acknowledged.get() + 5);
            Map<String, List<StreamRecord>> recs = StreamReader.readAll(c, StreamReader.streamId(c, "killed"));
            assertThat(recs.values().stream().mapToInt(List::size).sum())
                    .as("exactly one stream record per surviving row: rows and records commit together")
                    .isEqualTo(ns.size());
            c.shutdown();
        }
    }

    @Test
    void aDataDirectoryOfTheOldMvStoreFormatIsRefusedWithAClearMessage() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("tablestore-local.mv.db"), "H:2,block:...");
        Process p = launch(dir);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(output).contains("tablestore-local: The data directory " + dir + " holds tablestore-local.mv.db,"
                + " written by an earlier tablestore-local").doesNotContain("\tat ");
    }

    @Test
    void commandExitsCleanlyOnSigterm() throws Exception {
        Process p = launch(dir);
        LocalCommand.awaitReady(p, "killtest");
        p.destroy(); // SIGTERM
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks (which closed the store) and exited.
        assertThat(p.exitValue()).isEqualTo(143);
        try (TablestoreLocal s = TablestoreLocal.builder().dataDir(dir).build().start()) {
            assertThat(s.port()).isPositive();
        }
    }
}
