package io.tablesync.tablestore.local.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The durable store of a data directory: RocksDB with one column family per key space. A write returns after its
 * batch is in the write-ahead log in the operating system's hands (RocksDB's default, unsynced WAL write), which a
 * kill -9 of this process cannot lose; batches are atomic in recovery, so a row change never survives without its
 * stream record. Concurrent writers are group-committed by RocksDB itself.
 *
 * <p>Space: level compaction with dynamic level sizes keeps obsolete versions to a fraction of the live data, LZ4
 * compresses blocks, the WAL is bounded by flushing memtables once it reaches {@link #MAX_WAL_BYTES}, and ranges
 * removed by DeleteTable or stream trimming are compacted away by {@link #housekeeping()}.
 */
public final class RocksKv implements Kv {

    /** The MVStore file of tablestore-local before issue 15; this version cannot read it. */
    static final String OLD_FILE = "tablestore-local.mv.db";
    private static final long MAX_WAL_BYTES = 16L << 20;
    private static final long WRITE_BUFFER_BYTES = 8L << 20;
    /** Below this many bytes on disk, housekeeping does not bother to compact. */
    private static final long SPACE_FLOOR_BYTES = 32L << 20;

    static {
        RocksDB.loadLibrary();
    }

    private final Path dir;
    private final RocksDB db;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final LRUCache cache;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final Map<Space, ColumnFamilyHandle> cf = new EnumMap<>(Space.class);
    private final WriteOptions writeOptions = new WriteOptions();
    private final ConcurrentLinkedQueue<KvBatch.Op> deletedRanges = new ConcurrentLinkedQueue<>();
    /** Shared by manual compactions so that {@link #close()} can cancel one that is running. */
    private final CompactRangeOptions compaction = new CompactRangeOptions();
    private volatile boolean closing;

    public RocksKv(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dir, e);
        }
        if (Files.exists(dir.resolve(OLD_FILE))) {
            throw new IllegalStateException("The data directory " + dir + " holds " + OLD_FILE + ", written by an earlier"
                    + " tablestore-local that kept its data in an H2 MVStore file; this version keeps it in RocksDB and"
                    + " cannot read that file. Use an empty directory, or remove the file to start afresh.");
        }
        cache = new LRUCache(32L << 20);
        cfOptions = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true)
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(3)
                .setTargetFileSizeBase(WRITE_BUFFER_BYTES)
                .setMaxBytesForLevelBase(4 * WRITE_BUFFER_BYTES)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache)
                        .setFilterPolicy(new BloomFilter(10)));
        dbOptions = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setMaxTotalWalSize(MAX_WAL_BYTES)
                .setMaxBackgroundJobs(2)
                .setAvoidFlushDuringShutdown(true)
                .setMaxManifestFileSize(4L << 20)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2)
                .setMaxLogFileSize(1L << 20);
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (Space s : Space.values()) {
            descriptors.add(new ColumnFamilyDescriptor(s == Space.META ? RocksDB.DEFAULT_COLUMN_FAMILY
                    : s.name().toLowerCase().getBytes(), cfOptions));
        }
        try {
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            closeOptions();
            String why = e.getMessage() != null && e.getMessage().contains("lock")
                    ? " (is another tablestore-local using it?)" : "";
            throw new IllegalStateException("Cannot open the data directory " + dir + why + ": " + e.getMessage(), e);
        }
        for (Space s : Space.values()) {
            cf.put(s, handles.get(s.ordinal()));
        }
    }

    private static RuntimeException failure(String what, RocksDBException e) {
        return new IllegalStateException("RocksDB " + what + " failed: " + e.getMessage(), e);
    }

    @Override
    public byte[] get(Space space, byte[] key) {
        try {
            return db.get(cf.get(space), key);
        } catch (RocksDBException e) {
            throw failure("get", e);
        }
    }

    @Override
    public KvCursor cursor(Space space, byte[] from, byte[] to, boolean reverse) {
        ReadOptions ro = new ReadOptions();
        RocksIterator it = db.newIterator(cf.get(space), ro);
        return new KvCursor() {
            private boolean started;

            @Override
            public boolean next() {
                if (!started) {
                    started = true;
                    if (!reverse) {
                        if (from == null) {
                            it.seekToFirst();
                        } else {
                            it.seek(from);
                        }
                    } else if (from == null) {
                        it.seekToLast();
                    } else {
                        it.seekForPrev(from);
                    }
                } else if (reverse) {
                    it.prev();
                } else {
                    it.next();
                }
                if (!it.isValid()) {
                    return false;
                }
                if (to == null) {
                    return true;
                }
                int c = Arrays.compareUnsigned(it.key(), to);
                return reverse ? c > 0 : c < 0;
            }

            @Override
            public byte[] key() {
                return it.key();
            }

            @Override
            public byte[] value() {
                return it.value();
            }

            @Override
            public void close() {
                it.close();
                ro.close();
            }
        };
    }

    @Override
    public void write(KvBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (WriteBatch wb = new WriteBatch()) {
            for (KvBatch.Op op : batch.ops()) {
                ColumnFamilyHandle h = cf.get(op.space());
                if (op.to() != null) {
                    wb.deleteRange(h, op.key(), op.to());
                    deletedRanges.add(op);
                } else if (op.value() == null) {
                    wb.delete(h, op.key());
                } else {
                    wb.put(h, op.key(), op.value());
                }
            }
            db.write(writeOptions, wb);
        } catch (RocksDBException e) {
            throw failure("write", e);
        }
    }

    @Override
    public long diskBytes() {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted by a compaction while we walked
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long liveBytes() {
        long n = 0;
        for (Space s : Space.values()) {
            try (KvCursor c = cursor(s, null, null, false)) {
                while (c.next()) {
                    n += c.key().length + c.value().length;
                }
            }
        }
        return n;
    }

    /**
     * Compacts ranges removed since the last pass (their tombstones and dead data would otherwise wait for a
     * compaction that data in other key ranges triggers), and, when the files have grown well past the live data
     * RocksDB estimates, flushes the memtables (so old write-ahead logs go) and compacts everything.
     */
    @Override
    public synchronized void housekeeping() {
        if (closing) {
            return;
        }
        try {
            KvBatch.Op op;
            while ((op = deletedRanges.poll()) != null) {
                db.compactRange(cf.get(op.space()), op.key(), op.to(), compaction);
            }
            long onDisk = diskBytes();
            if (onDisk > SPACE_FLOOR_BYTES && onDisk > 3 * estimatedLiveBytes()) {
                try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
                    db.flush(fo, handles);
                }
                for (ColumnFamilyHandle h : handles) {
                    db.compactRange(h, null, null, compaction);
                }
            }
        } catch (RocksDBException e) {
            if (!closing) {
                throw failure("compaction", e);
            }
        }
    }

    private long estimatedLiveBytes() throws RocksDBException {
        long n = 0;
        for (ColumnFamilyHandle h : handles) {
            n += db.getLongProperty(h, "rocksdb.estimate-live-data-size");
            n += db.getLongProperty(h, "rocksdb.cur-size-all-mem-tables");
        }
        return n;
    }

    /** Cancels a running manual compaction, so a clean shutdown stays quick; no flush (the WAL has everything). */
    @Override
    public void close() {
        closing = true;
        compaction.setCanceled(true);
        synchronized (this) {
            closeDb();
        }
    }

    private void closeDb() {
        for (ColumnFamilyHandle h : handles) {
            h.close();
        }
        db.close();
        writeOptions.close();
        compaction.close();
        closeOptions();
    }

    private void closeOptions() {
        dbOptions.close();
        cfOptions.close();
        cache.close();
    }
}
