package io.tablesync.bench.tablestore;

import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferWriter;
import io.tablesync.tablestore.local.plainbuffer.SeqInfo;
import io.tablesync.tablestore.local.plainbuffer.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Storage-layer comparison behind tablestore-local's choice of data-file layout (issue 15): the same write workload
 * against candidate stores, each acknowledging a write only once it survives kill -9 (written to the OS, one atomic
 * unit per batch: the rows and their stream records together). Values are the server's real encodings (stored rows
 * and PlainBuffer stream records of 5 attribute columns).
 *
 * <p>Workloads: {@code insert} (N client threads write 200-row batches of new rows, each with a stream record) and
 * {@code overwrite} (the same 20,000 rows rewritten again and again, no stream: the live data stays small while the
 * writes go on). Reported: rows/s, directory size right after the load and 12 s later (background work done),
 * live data (bytes of retained keys and values), their ratio, directory size after close, close time.
 *
 * <p>Usage: {@code StorageChoiceBench STORE WORKLOAD THREADS ROWS DIR} with STORE one of mvstore-today,
 * mvstore-tuned, rocksdb, log, tablestore-local (the store the server now uses, with its settings and its
 * background pass every 5 s).
 */
public final class StorageChoiceBench {

    /** The minimal store contract tablestore-local needs: atomic multi-map batches, durable on return. */
    interface Kv extends AutoCloseable {
        /** Puts every (map, key, value) of the batch atomically; returns once a kill -9 cannot lose it. */
        void write(List<Op> batch);

        long liveBytes();

        @Override
        void close();
    }

    record Op(int map, byte[] key, byte[] value) {
    }

    static final int ROWS = 0;
    static final int LOG = 1;

    public static void main(String[] args) throws Exception {
        String store = args[0];
        String workload = args[1];
        int threads = Integer.parseInt(args[2]);
        int rows = Integer.parseInt(args[3]);
        Path dir = Path.of(args[4]);
        Files.createDirectories(dir);
        Kv kv = switch (store) {
            case "mvstore-today" -> new MvKv(dir, false);
            case "mvstore-tuned" -> new MvKv(dir, true);
            case "rocksdb" -> new RocksKv(dir);
            case "log" -> new LogKv(dir);
            case "tablestore-local" -> new ServerKv(dir);
            default -> throw new IllegalArgumentException(store);
        };
        boolean stream = workload.equals("insert");
        int distinct = stream ? Integer.MAX_VALUE : 20_000;
        AtomicLong next = new AtomicLong();
        AtomicLong[] shardOffsets = {new AtomicLong(), new AtomicLong(), new AtomicLong(), new AtomicLong()};
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                while (true) {
                    long first = next.getAndAdd(200);
                    if (first >= rows) {
                        return null;
                    }
                    List<Op> batch = new ArrayList<>(400);
                    for (long n = first; n < Math.min(rows, first + 200); n++) {
                        long id = n % distinct;
                        batch.add(new Op(ROWS, rowKey(id), rowValue(n)));
                        if (stream) {
                            int shard = (int) (id & 3);
                            long off = shardOffsets[shard].getAndIncrement();
                            batch.add(new Op(LOG, logKey(shard, off), streamRecord(id, n)));
                        }
                    }
                    kv.write(batch);
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        long open = TablestoreLocalBench.sizeOf(dir);
        // Background work (compaction, checkpoints) gets 12 s, as a server idling after the load would.
        Thread.sleep(12_000);
        long settled = TablestoreLocalBench.sizeOf(dir);
        long live = kv.liveBytes();
        long c0 = System.nanoTime();
        kv.close();
        double closeSecs = (System.nanoTime() - c0) / 1e9;
        long closed = TablestoreLocalBench.sizeOf(dir);
        System.out.printf("| %s | %s | %d | %,d | %,.0f | %,d | %,d | %,d | %.1f | %,d | %.2f |%n", store, workload,
                threads, rows, rows / secs, open, settled, live, (double) settled / live, closed, closeSecs);
    }

    static byte[] rowKey(long id) {
        byte[] user = ("user-" + (id % 10_007)).getBytes();
        ByteBuffer b = ByteBuffer.allocate(user.length + 12);
        b.put((byte) 1).put(user).put((byte) 0).put((byte) 1).put((byte) 1).putLong(id ^ Long.MIN_VALUE);
        return Arrays.copyOf(b.array(), b.position());
    }

    static byte[] logKey(int shard, long offset) {
        return ByteBuffer.allocate(12).putInt(shard).putLong(offset).array();
    }

    private static List<Cell> cells(long n, long ts) {
        return List.of(Cell.put("active", Value.ofBoolean(n % 2 == 0), ts), Cell.put("age", Value.ofInteger(n % 90), ts),
                Cell.put("email", Value.ofString("user" + n + "@example.com"), ts),
                Cell.put("name", Value.ofString("name-" + n), ts), Cell.put("score", Value.ofDouble(n * 0.5), ts));
    }

    /** About the size of a stored row: the cells without the PlainBuffer framing the stream record has. */
    static byte[] rowValue(long n) {
        ByteBuffer b = ByteBuffer.allocate(256);
        for (Cell c : cells(n, System.currentTimeMillis())) {
            byte[] name = c.name().getBytes();
            b.putInt(name.length).put(name).putLong(c.timestamp()).put(PlainBufferWriter.encodeBareValue(c.value()));
        }
        return Arrays.copyOf(b.array(), b.position());
    }

    static byte[] streamRecord(long id, long n) {
        long ts = System.currentTimeMillis();
        List<Cell> pk = List.of(Cell.pk("user", Value.ofString("user-" + (id % 10_007))), Cell.pk("seq", Value.ofInteger(id)));
        return PlainBufferWriter.encodeRow(new PbRow(pk, cells(n, ts), false, new SeqInfo(0, ts * 1000, 0)));
    }

    /** H2 MVStore as tablestore-local used it (today), or with shorter retention, batched commits, more compaction. */
    static final class MvKv implements Kv {
        final MVStore mv;
        final List<MVMap<byte[], byte[]>> maps = new ArrayList<>();
        final ReentrantLock lock = new ReentrantLock();
        final Object commitMonitor = new Object();
        long seq;
        long committed;
        final boolean tuned;
        final Thread housekeeper;
        volatile boolean closing;

        MvKv(Path dir, boolean tuned) {
            this.tuned = tuned;
            mv = new MVStore.Builder().fileName(dir.resolve("data.mv.db").toString()).autoCommitDisabled()
                    .cacheSize(64).open();
            mv.setRetentionTime(tuned ? 0 : 3_000);
            for (String name : List.of("rows", "log")) {
                maps.add(mv.openMap(name, new MVMap.Builder<byte[], byte[]>()
                        .keyType(io.tablesync.tablestore.local.storage.UnsignedBytesType.INSTANCE)
                        .valueType(ByteArrayDataType.INSTANCE)));
            }
            housekeeper = new Thread(() -> {
                while (!closing) {
                    try {
                        Thread.sleep(tuned ? 1_000 : 5_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    lock.lock();
                    try {
                        if (!mv.isClosed()) {
                            mv.compact(tuned ? 80 : 60, (tuned ? 32 : 8) * 1024 * 1024);
                        }
                    } finally {
                        lock.unlock();
                    }
                }
            });
            housekeeper.setDaemon(true);
            housekeeper.start();
        }

        @Override
        public void write(List<Op> batch) {
            long mine;
            lock.lock();
            try {
                for (Op op : batch) {
                    maps.get(op.map()).put(op.key(), op.value());
                }
                mine = ++seq;
            } finally {
                lock.unlock();
            }
            synchronized (commitMonitor) {
                if (committed >= mine) {
                    return;
                }
                if (tuned) {
                    // Collect more writers into one commit: fewer, larger chunks.
                    try {
                        commitMonitor.wait(2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (committed >= mine) {
                        return;
                    }
                }
                long upTo;
                lock.lock();
                try {
                    upTo = seq;
                    mv.commit();
                } finally {
                    lock.unlock();
                }
                committed = upTo;
                commitMonitor.notifyAll();
            }
        }

        @Override
        public long liveBytes() {
            long n = 0;
            for (MVMap<byte[], byte[]> m : maps) {
                for (var c = m.cursor(null); c.hasNext(); ) {
                    n += c.next().length + c.getValue().length;
                }
            }
            return n;
        }

        @Override
        public void close() {
            closing = true;
            housekeeper.interrupt();
            lock.lock();
            try {
                mv.close(5_000);
            } finally {
                lock.unlock();
            }
        }
    }

    /** RocksDB: write-ahead log written (not synced) before a write returns, LZ4, level compaction. */
    static final class RocksKv implements Kv {
        static {
            RocksDB.loadLibrary();
        }

        final RocksDB db;
        final List<ColumnFamilyHandle> handles = new ArrayList<>();
        final WriteOptions wo = new WriteOptions().setSync(false);

        RocksKv(Path dir) {
            ColumnFamilyOptions cf = new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION)
                    .setLevelCompactionDynamicLevelBytes(true).setWriteBufferSize(16L << 20);
            DBOptions o = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true)
                    .setMaxTotalWalSize(64L << 20).setMaxBackgroundJobs(2);
            try {
                db = RocksDB.open(o, dir.toString(), List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cf),
                        new ColumnFamilyDescriptor("log".getBytes(), cf)), handles);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(List<Op> batch) {
            try (WriteBatch wb = new WriteBatch()) {
                for (Op op : batch) {
                    wb.put(handles.get(op.map()), op.key(), op.value());
                }
                db.write(wo, wb);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public long liveBytes() {
            long n = 0;
            for (ColumnFamilyHandle h : handles) {
                try (RocksIterator it = db.newIterator(h)) {
                    for (it.seekToFirst(); it.isValid(); it.next()) {
                        n += it.key().length + it.value().length;
                    }
                }
            }
            return n;
        }

        @Override
        public void close() {
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
        }
    }

    /** The server's own data-dir store (RocksKv) with its housekeeping every 5 s, as TablestoreLocal runs it. */
    static final class ServerKv implements Kv {
        final io.tablesync.tablestore.local.storage.RocksKv kv;
        final java.util.concurrent.ScheduledExecutorService housekeeper =
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        ServerKv(Path dir) {
            kv = new io.tablesync.tablestore.local.storage.RocksKv(dir);
            housekeeper.scheduleWithFixedDelay(kv::housekeeping, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void write(List<Op> batch) {
            io.tablesync.tablestore.local.storage.KvBatch b = new io.tablesync.tablestore.local.storage.KvBatch();
            for (Op op : batch) {
                b.put(op.map() == ROWS ? io.tablesync.tablestore.local.storage.Kv.Space.ROWS
                        : io.tablesync.tablestore.local.storage.Kv.Space.LOG, op.key(), op.value());
            }
            kv.write(b);
        }

        @Override
        public long liveBytes() {
            return kv.liveBytes();
        }

        @Override
        public void close() {
            housekeeper.shutdownNow();
            kv.close();
        }
    }

    /**
     * Log-structured: the maps live in memory; each batch is appended to a log file before the write returns; when
     * the log outgrows half the live data, a snapshot of the maps replaces the old snapshot and log (writers go on
     * meanwhile; replaying the new log over the snapshot restores the state).
     */
    static final class LogKv implements Kv {
        final Path dir;
        final List<ConcurrentSkipListMap<byte[], byte[]>> maps = List.of(
                new ConcurrentSkipListMap<>(Arrays::compareUnsigned), new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
        final AtomicLong live = new AtomicLong();
        final ReentrantReadWriteLock switchLock = new ReentrantReadWriteLock();
        final Object appendLock = new Object();
        final Map<Long, Path> files = new ConcurrentHashMap<>();
        FileChannel log;
        long logNo;
        volatile long logBytes;
        final Thread checkpointer;
        volatile boolean closing;

        LogKv(Path dir) {
            this.dir = dir;
            log = open(0);
            checkpointer = new Thread(this::checkpointLoop);
            checkpointer.setDaemon(true);
            checkpointer.start();
        }

        FileChannel open(long no) {
            try {
                return FileChannel.open(dir.resolve("log." + no), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void write(List<Op> batch) {
            int size = 8;
            for (Op op : batch) {
                size += 9 + op.key().length + op.value().length;
            }
            ByteBuffer b = ByteBuffer.allocate(size);
            b.putInt(size).putInt(0);
            for (Op op : batch) {
                b.put((byte) op.map()).putInt(op.key().length).put(op.key()).putInt(op.value().length).put(op.value());
            }
            b.flip();
            switchLock.readLock().lock();
            try {
                synchronized (appendLock) {
                    for (Op op : batch) {
                        byte[] old = maps.get(op.map()).put(op.key(), op.value());
                        live.addAndGet(op.key().length + op.value().length - (old == null ? 0 : op.key().length + old.length));
                    }
                    while (b.hasRemaining()) {
                        log.write(b);
                    }
                    logBytes += size;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                switchLock.readLock().unlock();
            }
        }

        void checkpointLoop() {
            while (!closing) {
                try {
                    Thread.sleep(50);
                    if (logBytes > Math.max(live.get() / 2, 4L << 20)) {
                        checkpoint();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        void checkpoint() throws IOException {
            long oldNo;
            switchLock.writeLock().lock();
            try {
                oldNo = logNo;
                log.close();
                logNo++;
                log = open(logNo);
                logBytes = 0;
            } finally {
                switchLock.writeLock().unlock();
            }
            Path tmp = dir.resolve("snapshot.tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer b = ByteBuffer.allocate(1 << 20);
                for (int m = 0; m < maps.size(); m++) {
                    for (Map.Entry<byte[], byte[]> e : maps.get(m).entrySet()) {
                        int need = 9 + e.getKey().length + e.getValue().length;
                        if (b.remaining() < need) {
                            b.flip();
                            while (b.hasRemaining()) {
                                out.write(b);
                            }
                            b.clear();
                        }
                        b.put((byte) m).putInt(e.getKey().length).put(e.getKey()).putInt(e.getValue().length).put(e.getValue());
                    }
                }
                b.flip();
                while (b.hasRemaining()) {
                    out.write(b);
                }
            }
            Files.move(tmp, dir.resolve("snapshot." + logNo), StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(dir.resolve("snapshot." + oldNo));
            Files.deleteIfExists(dir.resolve("log." + oldNo));
        }

        @Override
        public long liveBytes() {
            return live.get();
        }

        @Override
        public void close() {
            closing = true;
            checkpointer.interrupt();
            try {
                checkpointer.join();
                log.close();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
