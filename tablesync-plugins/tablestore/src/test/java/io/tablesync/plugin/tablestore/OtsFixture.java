package io.tablesync.plugin.tablestore;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import java.util.concurrent.TimeUnit;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.StreamSpecification;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import com.alicloud.openservices.tablestore.model.UpdateRowRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.tablestore.local.TablestoreLocal;
import io.tablesync.tablestore.local.client.UnsentRequestRetryStrategy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running tablestore-local, an SDK client for arranging data, and a way to run a job file
 * through the real engine. Nothing is mocked: the reader talks to the server over HTTP with the
 * official SDK, as in production.
 */
final class OtsFixture implements AutoCloseable {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    final TablestoreLocal server;
    final SyncClient client;
    final Path dir;

    OtsFixture(int shards) {
        this(shards, java.time.Clock.systemUTC());
    }

    /** A server whose clock the test controls (stream retention, trimming). */
    OtsFixture(int shards, java.time.Clock clock) {
        this(shards, clock, new String[0]);
    }

    /** A server without some actions (answered as unsupported), as an older service or emulator would be. */
    OtsFixture(int shards, java.time.Clock clock, String... withheldActions) {
        System.setProperty("AFTER_OFFSET_TIME_MILLIS", "0");
        server = TablestoreLocal.builder().shards(shards).clock(clock).withoutActions(withheldActions).build().start();
        ClientConfiguration cfg = new ClientConfiguration();
        cfg.setRetryStrategy(new UnsentRequestRetryStrategy(2, TimeUnit.SECONDS));
        client = new SyncClient(server.endpoint(), server.accessKeyId(), server.accessKeySecret(), server.instance(), cfg);
        try {
            dir = Files.createTempDirectory("otsstream-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unique(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    /** Table with primary key (id STRING, n INTEGER) and, if asked, a stream kept 24 h. */
    String createTable(boolean stream) {
        return createTable(stream, 24);
    }

    /** Table with primary key (id STRING, n INTEGER) and, if asked, a stream kept {@code expirationHours}. */
    String createTable(boolean stream, int expirationHours) {
        String name = unique("data");
        TableMeta meta = new TableMeta(name);
        meta.addPrimaryKeyColumn("id", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("n", PrimaryKeyType.INTEGER);
        CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, 1));
        if (stream) {
            req.setStreamSpecification(new StreamSpecification(true, expirationHours));
        }
        client.createTable(req);
        return name;
    }

    static PrimaryKey pk(String id, long n) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("id", PrimaryKeyValue.fromString(id))
                .addPrimaryKeyColumn("n", PrimaryKeyValue.fromLong(n)).build();
    }

    void put(String table, String id, long n, Map<String, ColumnValue> columns) {
        RowPutChange c = new RowPutChange(table, pk(id, n));
        columns.forEach(c::addColumn);
        client.putRow(new PutRowRequest(c));
    }

    void update(String table, RowUpdateChange change) {
        client.updateRow(new UpdateRowRequest(change));
    }

    void delete(String table, String id, long n) {
        client.deleteRow(new DeleteRowRequest(new RowDeleteChange(table, pk(id, n))));
    }

    /** A time strictly after every change written so far (server timestamps come from the same clock). */
    static long nowAfterWrites() {
        long t = System.currentTimeMillis() + 1;
        sleepUntil(t + 1);
        return t;
    }

    static void sleepUntil(long millis) {
        while (System.currentTimeMillis() < millis) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reader parameters pointing at this server. */
    Map<String, Object> reader(String table, String statusTable, long start, long end) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("endpoint", server.endpoint());
        p.put("accessId", server.accessKeyId());
        p.put("accessKey", server.accessKeySecret());
        p.put("instanceName", server.instance());
        p.put("dataTable", table);
        p.put("statusTable", statusTable);
        p.put("startTimestampMillis", start);
        p.put("endTimestampMillis", end);
        p.put("maxRetries", 2);
        return p;
    }

    /** Runs reader → capturewriter through the engine with the given channel count. */
    JobOutcome runToCapture(Map<String, Object> reader, String sink, int channels, long failAfter) {
        Map<String, Object> writer = new LinkedHashMap<>();
        writer.put("sink", sink);
        if (failAfter >= 0) {
            writer.put("failAfter", failAfter);
        }
        return run(reader, "capturewriter", writer, channels);
    }

    JobOutcome run(Map<String, Object> reader, String writerName, Map<String, Object> writer, int channels) {
        Path file = writeJob(reader, writerName, writer, channels);
        return new Engine(new Engine.Options(file.toString(), Map.of(), dir, 0), PluginRegistry.fromClassPath()).run();
    }

    /** A job file: otsstreamreader with {@code reader} → the named writer. */
    Path writeJob(Map<String, Object> reader, String writerName, Map<String, Object> writer, int channels) {
        Map<String, Object> job = Map.of("job", Map.of(
                "setting", Map.of("speed", Map.of("channel", channels)),
                "content", List.of(Map.of(
                        "reader", Map.of("name", "otsstreamreader", "parameter", reader),
                        "writer", Map.of("name", writerName, "parameter", writer)))));
        try {
            Path file = dir.resolve(unique("job") + ".json");
            JSON.writeValue(file.toFile(), job);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String streamId(String table) {
        return client.listStream(new com.alicloud.openservices.tablestore.model.ListStreamRequest(table)).getStreams()
                .get(0).getStreamId();
    }

    List<com.alicloud.openservices.tablestore.model.StreamShard> shards(String table) {
        return client.describeStream(new com.alicloud.openservices.tablestore.model.DescribeStreamRequest(
                streamId(table))).getShards();
    }

    @Override
    public void close() {
        client.shutdown();
        server.close();
    }
}
