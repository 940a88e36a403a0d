package io.tablesync.bench.otsstream;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.BatchWriteRowResponse;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.StreamSpecification;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.tablestore.local.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Records per second that otsstreamreader reads from an in-process tablestore-local (real HTTP,
 * official SDK) through the engine into streamwriter with {@code print: false}, for 1, 4 and 8
 * shards (one channel per shard). The window holds {@code records} PutRows of 4 attribute columns
 * each, single-version mode, so one stream record becomes one DataX record.
 *
 * <p>Usage: {@code OtsStreamReadBench [records] [shards,...]} (defaults: 200000 and 1,4,8).
 */
public final class OtsStreamReadBench {
    private OtsStreamReadBench() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String[] shardCounts = (args.length > 1 ? args[1] : "1,4,8").split(",");
        System.setProperty("AFTER_OFFSET_TIME_MILLIS", "0"); // the window ends right after the writes
        System.out.printf("| shards | records | job wall time (s) | records/s |%n|---|---|---|---|%n");
        for (String s : shardCounts) {
            int shards = Integer.parseInt(s.trim());
            Result r = run(shards, records);
            System.out.printf(Locale.ROOT, "| %d | %d | %.2f | %,.0f |%n", shards, r.records, r.seconds,
                    r.records / r.seconds);
        }
    }

    record Result(long records, double seconds) {
    }

    static Result run(int shards, int records) throws Exception {
        Path dir = Files.createTempDirectory("otsstream-bench");
        try (TablestoreLocal ots = TablestoreLocal.builder().shards(shards).build().start()) {
            SyncClient client = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instance());
            try {
                TableMeta meta = new TableMeta("bench");
                meta.addPrimaryKeyColumn("id", PrimaryKeyType.STRING);
                CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, 1));
                req.setStreamSpecification(new StreamSpecification(true, 24));
                client.createTable(req);
                long start = System.currentTimeMillis() - 1;
                write(client, records);
                long end = System.currentTimeMillis() + 1;
                Thread.sleep(5);
                Map<String, Object> reader = new java.util.LinkedHashMap<>();
                reader.put("endpoint", ots.endpoint());
                reader.put("accessId", ots.accessKeyId());
                reader.put("accessKey", ots.accessKeySecret());
                reader.put("instanceName", ots.instance());
                reader.put("dataTable", "bench");
                reader.put("statusTable", "bench_status");
                reader.put("startTimestampMillis", start);
                reader.put("endTimestampMillis", end);
                reader.put("mode", "single_version_and_update_only");
                reader.put("column", List.of(Map.of("name", "id"), Map.of("name", "a"), Map.of("name", "b"),
                        Map.of("name", "c"), Map.of("name", "d")));
                Map<String, Object> job = Map.of("job", Map.of(
                        "setting", Map.of("speed", Map.of("channel", shards)),
                        "content", List.of(Map.of(
                                "reader", Map.of("name", "otsstreamreader", "parameter", reader),
                                "writer", Map.of("name", "streamwriter", "parameter", Map.of("print", false))))));
                Path file = dir.resolve("job.json");
                new ObjectMapper().writeValue(file.toFile(), job);
                long t0 = System.nanoTime();
                JobOutcome o = new Engine(new Engine.Options(file.toString(), Map.of(), dir, 0),
                        PluginRegistry.fromClassPath()).run();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (o.status() != JobOutcome.Status.SUCCEEDED) {
                    throw new IllegalStateException("bench job failed", o.error());
                }
                long read = o.snapshot().readSucceedRecords();
                if (read != records) {
                    throw new IllegalStateException("read " + read + " records, wrote " + records);
                }
                return new Result(read, seconds);
            } finally {
                client.shutdown();
            }
        }
    }

    private static void write(SyncClient client, int records) {
        int batch = 200;
        for (int i = 0; i < records; i += batch) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            for (int j = i; j < Math.min(records, i + batch); j++) {
                RowPutChange c = new RowPutChange("bench", PrimaryKeyBuilder.createPrimaryKeyBuilder()
                        .addPrimaryKeyColumn("id", PrimaryKeyValue.fromString(String.format("row%09d", j))).build());
                c.addColumn("a", ColumnValue.fromLong(j));
                c.addColumn("b", ColumnValue.fromString("value-" + j));
                c.addColumn("c", ColumnValue.fromDouble(j * 0.5));
                c.addColumn("d", ColumnValue.fromBoolean(j % 2 == 0));
                req.addRowChange(c);
            }
            BatchWriteRowResponse r = client.batchWriteRow(req);
            if (!r.isAllSucceed()) {
                throw new IllegalStateException("batch write failed: " + r.getFailedRows().size() + " rows");
            }
        }
    }
}
