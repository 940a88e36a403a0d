package io.tablesync.tablestore.local.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * All persistent state lives in one H2 MVStore: a metadata map, one sorted row map per table and one log map per
 * stream shard. Without a data directory the MVStore runs in memory.
 *
 * <p>Writes run one at a time under {@link #mutate}, so a row change and its stream record always land in the
 * same MVStore version. With a data directory, a write returns only after a commit that contains it has been
 * written to the file (group commit: one commit covers every write finished before it), and background
 * auto-commit is off, so a kill -9 can never persist a row change without its stream record or vice versa.
 */
public final class Store implements AutoCloseable {

    private static final String FILE_NAME = "tablestore-local.mv.db";

    private static final int CLOSE_COMPACTION_MILLIS = 5_000;

    private final MVStore mv;
    private final boolean durable;
    private final MVMap<String, byte[]> meta;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Object commitMonitor = new Object();
    private long mutationSeq;
    private long committedSeq;
    private volatile Runnable afterCommit = () -> { };

    private Store(MVStore mv, boolean durable) {
        this.mv = mv;
        this.durable = durable;
        this.meta = mv.openMap("meta", new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    /** Opens (or creates) the store in {@code dataDir}, or an in-memory store when it is null. */
    public static Store open(Path dataDir) {
        if (dataDir == null) {
            return new Store(new MVStore.Builder().autoCommitDisabled().open(), false);
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + dataDir, e);
        }
        MVStore mv = new MVStore.Builder()
                .fileName(dataDir.resolve(FILE_NAME).toString())
                .autoCommitDisabled()
                .cacheSize(64)
                .open();
        // Every acknowledged write is its own commit, i.e. a new chunk; dead chunks become reusable only after the
        // retention time. The default (45 s) lets the file grow by gigabytes under load; a few seconds is enough
        // for a process crash (the OS keeps our write order), which is what the data dir promises to survive.
        mv.setRetentionTime(3_000);
        return new Store(mv, true);
    }

    public boolean durable() {
        return durable;
    }

    /** Called under the write lock right after each commit (in memory: after each write); publishes new data. */
    public void onCommit(Runnable hook) {
        this.afterCommit = hook;
    }

    public MVMap<byte[], byte[]> rowMap(String tableId) {
        return mv.openMap("rows/" + tableId, new MVMap.Builder<byte[], byte[]>()
                .keyType(UnsignedBytesType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    public MVMap<Long, byte[]> logMap(String streamId, String shardId) {
        return mv.openMap("log/" + streamId + "/" + shardId, new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    public void dropRowMap(String tableId) {
        mv.removeMap("rows/" + tableId);
    }

    public void dropLogMap(String streamId, String shardId) {
        mv.removeMap("log/" + streamId + "/" + shardId);
    }

    public byte[] getMeta(String key) {
        return meta.get(key);
    }

    public void putMeta(String key, byte[] value) {
        meta.put(key, value);
    }

    public void removeMeta(String key) {
        meta.remove(key);
    }

    /** All metadata entries whose key starts with the prefix, in key order. */
    public Map<String, byte[]> metaWithPrefix(String prefix) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (var c = meta.cursor(prefix); c.hasNext(); ) {
            String key = c.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            out.put(key, c.getValue());
        }
        return out;
    }

    /**
     * Runs a mutation exclusively and returns once it is durable. The mutation must validate before it changes
     * anything, so that an exception leaves the store untouched.
     */
    public <T> T mutate(Supplier<T> mutation) {
        long seq;
        T result;
        writeLock.lock();
        try {
            result = mutation.get();
            seq = ++mutationSeq;
            if (!durable) {
                afterCommit.run();
            }
        } finally {
            writeLock.unlock();
        }
        if (durable) {
            awaitCommitted(seq);
        }
        return result;
    }

    private void awaitCommitted(long seq) {
        synchronized (commitMonitor) {
            if (committedSeq >= seq) {
                return;
            }
            long upTo;
            writeLock.lock();
            try {
                upTo = mutationSeq;
                mv.commit();
                afterCommit.run();
            } finally {
                writeLock.unlock();
            }
            committedSeq = upTo;
        }
    }

    /**
     * Rewrites live pages out of sparsely used chunks so their space can be reused. Runs under the write lock
     * because compaction commits, and a commit must never catch a row change without its stream record.
     */
    public void housekeeping() {
        if (!durable) {
            return;
        }
        writeLock.lock();
        try {
            if (!mv.isClosed()) {
                mv.compact(60, 8 * 1024 * 1024);
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (!mv.isClosed()) {
                // A clean shutdown may spend a few seconds moving live pages to the front and truncating
                // the file, which commits between compactions leave far larger than the data.
                mv.close(durable ? CLOSE_COMPACTION_MILLIS : 0);
            }
        } finally {
            writeLock.unlock();
        }
    }
}
