package io.tablesync.bench.tablestore;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.*;
import io.tablesync.tablestore.local.TablestoreLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of tablestore-local as the official SDK sees it, over real HTTP on loopback, server and client in this
 * JVM: single-row PutRow/s from one client thread, BatchWriteRow rows/s (200-row batches, several client threads
 * sharing one SyncClient), GetStreamRecord records/s (one reader, shard after shard).
 *
 * <p>Usage: {@code TablestoreLocalBench [--data-dir DIR] [--puts N] [--batches N] [--batch-threads N]
 * [--record-limit N]}. Without --data-dir the server runs in memory; with it every write is committed to disk
 * before it is acknowledged.
 */
public final class TablestoreLocalBench {

    private static final String TABLE = "bench";

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        int puts = 20_000;
        int batches = 1_000;
        int batchThreads = 4;
        int recordLimit = 1000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--puts" -> puts = Integer.parseInt(args[++i]);
                case "--batches" -> batches = Integer.parseInt(args[++i]);
                case "--batch-threads" -> batchThreads = Integer.parseInt(args[++i]);
                case "--record-limit" -> recordLimit = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dataDir != null) {
            Files.createDirectories(dataDir);
        }
        System.out.printf("tablestore-local bench: cpus=%d maxHeap=%dMB dataDir=%s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                dataDir == null ? "(memory)" : dataDir);
        try (TablestoreLocal server = TablestoreLocal.builder().dataDir(dataDir).shards(4).build().start()) {
            ClientConfiguration cfg = new ClientConfiguration();
            cfg.setMaxConnections(64);
            SyncClient client = new SyncClient(server.endpoint(), server.accessKeyId(), server.accessKeySecret(),
                    server.instance(), cfg);
            try {
                createTable(client);
                singlePuts(client, 2_000, "warm-up");
                singlePuts(client, puts, "PutRow (1 client thread)");
                batchWrites(client, batches / 10, batchThreads, "warm-up");
                batchWrites(client, batches, batchThreads, "BatchWriteRow 200-row batches (" + batchThreads + " client threads)");
                readStream(client, recordLimit, "warm-up: ");
                readStream(client, recordLimit, "");
            } finally {
                client.shutdown();
            }
        }
    }

    private static void createTable(SyncClient client) {
        TableMeta meta = new TableMeta(TABLE);
        meta.addPrimaryKeyColumn("user", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("seq", PrimaryKeyType.INTEGER);
        CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, 1));
        req.setStreamSpecification(new StreamSpecification(true, 24));
        client.createTable(req);
    }

    private static final AtomicLong SEQ = new AtomicLong();

    private static RowPutChange row() {
        long n = SEQ.incrementAndGet();
        RowPutChange p = new RowPutChange(TABLE, PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("user", PrimaryKeyValue.fromString("user-" + (n % 10_007)))
                .addPrimaryKeyColumn("seq", PrimaryKeyValue.fromLong(n)).build());
        p.addColumn("name", ColumnValue.fromString("name-" + n));
        p.addColumn("email", ColumnValue.fromString("user" + n + "@example.com"));
        p.addColumn("age", ColumnValue.fromLong(n % 90));
        p.addColumn("score", ColumnValue.fromDouble(n * 0.5));
        p.addColumn("active", ColumnValue.fromBoolean(n % 2 == 0));
        return p;
    }

    private static void singlePuts(SyncClient client, int n, String label) {
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            client.putRow(new PutRowRequest(row()));
        }
        report(label, n, "rows", t0);
    }

    private static void batchWrites(SyncClient client, int batches, int threads, String label) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                while (next.getAndIncrement() < batches) {
                    BatchWriteRowRequest b = new BatchWriteRowRequest();
                    for (int i = 0; i < 200; i++) {
                        b.addRowChange(row());
                    }
                    if (!client.batchWriteRow(b).isAllSucceed()) {
                        throw new IllegalStateException("batch failed");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        report(label, batches * 200L, "rows", t0);
    }

    private static void readStream(SyncClient client, int limit, String labelPrefix) {
        String streamId = client.listStream(new ListStreamRequest(TABLE)).getStreams().get(0).getStreamId();
        List<StreamShard> shards = client.describeStream(new DescribeStreamRequest(streamId)).getShards();
        long t0 = System.nanoTime();
        long records = 0;
        for (StreamShard s : shards) {
            String it = client.getShardIterator(new GetShardIteratorRequest(streamId, s.getShardId())).getShardIterator();
            while (it != null) {
                GetStreamRecordRequest req = new GetStreamRecordRequest(it);
                req.setLimit(limit);
                GetStreamRecordResponse r = client.getStreamRecord(req);
                records += r.getRecords().size();
                if (r.getRecords().isEmpty()) {
                    break;
                }
                it = r.getNextShardIterator();
            }
        }
        report(labelPrefix + "GetStreamRecord (limit " + limit + ", 1 reader)", records, "records", t0);
    }

    private static void report(String label, long n, String unit, long t0) {
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-60s %9d %s in %6.2f s = %,10.0f %s/s%n", label, n, unit, secs, n / secs, unit);
    }
}
