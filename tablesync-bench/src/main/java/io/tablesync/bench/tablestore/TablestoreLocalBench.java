package io.tablesync.bench.tablestore;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.*;
import io.tablesync.tablestore.local.TablestoreLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Throughput of tablestore-local as the official SDK sees it, over real HTTP on loopback, server and client in this
 * JVM: single-row PutRow/s from one client thread, BatchWriteRow rows/s (200-row batches, several client threads,
 * each with its own SyncClient like separate processes would), GetStreamRecord records/s (one reader, shard after
 * shard). With a data directory it also reports the directory's size while the server runs and after a clean
 * close, and how long the close took.
 *
 * <p>Usage: {@code TablestoreLocalBench [--data-dir DIR] [--puts N] [--batches N] [--batch-threads N]
 * [--record-limit N] [--stream-passes N] [--no-warm-up]}. {@code --puts 0}, {@code --batches 0} and
 * {@code --stream-passes 0} skip that part. Without --data-dir the server runs in memory; with it every write is
 * durable before it is acknowledged.
 */
public final class TablestoreLocalBench {

    private static final String TABLE = "bench";

    public static void main(String[] args) throws Exception {
        Path dataDir = null;
        int puts = 20_000;
        int batches = 1_000;
        int batchThreads = 4;
        int recordLimit = 1000;
        int streamPasses = 2;
        boolean warmUp = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--puts" -> puts = Integer.parseInt(args[++i]);
                case "--batches" -> batches = Integer.parseInt(args[++i]);
                case "--batch-threads" -> batchThreads = Integer.parseInt(args[++i]);
                case "--record-limit" -> recordLimit = Integer.parseInt(args[++i]);
                case "--stream-passes" -> streamPasses = Integer.parseInt(args[++i]);
                case "--no-warm-up" -> warmUp = false;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (dataDir != null) {
            Files.createDirectories(dataDir);
        }
        System.out.printf("tablestore-local bench: cpus=%d maxHeap=%dMB dataDir=%s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                dataDir == null ? "(memory)" : dataDir);
        TablestoreLocal server = TablestoreLocal.builder().dataDir(dataDir).shards(4).build().start();
        try {
            ClientConfiguration cfg = new ClientConfiguration();
            cfg.setMaxConnections(64);
            SyncClient client = new SyncClient(server.endpoint(), server.accessKeyId(), server.accessKeySecret(),
                    server.instance(), cfg);
            try {
                createTable(client);
                if (puts > 0) {
                    if (warmUp) {
                        singlePuts(client, 2_000, "warm-up");
                    }
                    singlePuts(client, puts, "PutRow (1 client thread)");
                }
                if (batches > 0) {
                    if (warmUp) {
                        batchWrites(server, batches / 10, batchThreads, "warm-up");
                    }
                    batchWrites(server, batches, batchThreads,
                            "BatchWriteRow 200-row batches (" + batchThreads + " clients)");
                }
                for (int pass = 1; pass <= streamPasses; pass++) {
                    readStream(client, recordLimit, pass < streamPasses ? "warm-up: " : "");
                }
            } finally {
                client.shutdown();
            }
            if (dataDir != null) {
                System.out.printf("data dir while serving: %,d bytes (%s written)%n", sizeOf(dataDir), SEQ.get() + " rows");
                Long live = liveBytes(server);
                if (live != null) {
                    System.out.printf("live data (stored keys and values): %,d bytes%n", live);
                }
            }
        } finally {
            long t0 = System.nanoTime();
            server.close();
            if (dataDir != null) {
                System.out.printf("clean close took %.2f s; data dir after close: %,d bytes%n",
                        (System.nanoTime() - t0) / 1e9, sizeOf(dataDir));
            }
        }
    }

    /**
     * The server's live data, or null for a server without {@code liveBytes()}: the bench also runs against the
     * MVStore-based server of before issue 15 (whose data dir MvStoreLiveBytes measures after the run).
     */
    private static Long liveBytes(TablestoreLocal server) {
        try {
            return (Long) TablestoreLocal.class.getMethod("liveBytes").invoke(server);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // removed while we walked (a compaction or checkpoint finished)
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        long t0 = start();
        for (int i = 0; i < n; i++) {
            client.putRow(new PutRowRequest(row()));
        }
        report(label, n, "rows", t0);
    }

    /** Each client thread has its own SyncClient (own connection), as separate client processes would. */
    private static void batchWrites(TablestoreLocal server, int batches, int threads, String label) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        List<SyncClient> clients = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            clients.add(new SyncClient(server.endpoint(), server.accessKeyId(), server.accessKeySecret(),
                    server.instance(), new ClientConfiguration()));
        }
        long t0 = start();
        List<Future<?>> fs = new ArrayList<>();
        for (SyncClient client : clients) {
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
        report(label, batches * 200L, "rows", t0);
        pool.shutdown();
        clients.forEach(SyncClient::shutdown);
    }

    private static void readStream(SyncClient client, int limit, String labelPrefix) {
        String streamId = client.listStream(new ListStreamRequest(TABLE)).getStreams().get(0).getStreamId();
        List<StreamShard> shards = client.describeStream(new DescribeStreamRequest(streamId)).getShards();
        long t0 = start();
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

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** Process CPU time at the start of the phase being measured (set by {@link #start()}). */
    private static long cpu0;

    /** Starts a measured phase: wall clock for the rate, process CPU time for the cost per item. */
    private static long start() {
        cpu0 = OS.getProcessCpuTime();
        return System.nanoTime();
    }

    /**
     * Prints the rate, and the CPU time the whole process (server and clients) spent per 1000 items: on a shared,
     * loaded machine the rate depends on the other load, the CPU cost much less.
     */
    private static void report(String label, long n, String unit, long t0) {
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpuMs = (OS.getProcessCpuTime() - cpu0) / 1e6;
        System.out.printf("%-60s %9d %s in %6.2f s = %,10.0f %s/s, cpu %,.0f ms per 1000 %s%n", label, n, unit, secs,
                n / secs, unit, cpuMs * 1000 / n, unit);
    }
}
