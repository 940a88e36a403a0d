package io.tablesync.tablestore.local.storage;

/**
 * The ordered key-value store under tablestore-local: three key spaces (metadata, rows, stream logs) of byte keys
 * in unsigned lexicographic order. A {@link KvBatch} is applied atomically and, for a durable store, survives a
 * kill -9 once {@link #write} returns. Safe for concurrent use; callers order conflicting writes themselves.
 */
public interface Kv extends AutoCloseable {

    /** The key spaces; keys carry their own prefixes inside a space (see {@link Keys}). */
    enum Space { META, ROWS, LOG }

    /** The value, or null. */
    byte[] get(Space space, byte[] key);

    /**
     * Entries in [from, to) in ascending order, or, when reverse, in (to, from] in descending order. A null bound is
     * open.
     */
    KvCursor cursor(Space space, byte[] from, byte[] to, boolean reverse);

    /** Applies the batch atomically; durable (for a durable store) when this returns. */
    void write(KvBatch batch);

    /** Bytes the store occupies on disk (0 in memory). */
    long diskBytes();

    /** Sum of the byte lengths of all stored keys and values (a full scan; for benchmarks and diagnostics). */
    long liveBytes();

    /** Background maintenance (reclaiming space of deleted ranges); cheap when there is nothing to do. */
    void housekeeping();

    @Override
    void close();
}
