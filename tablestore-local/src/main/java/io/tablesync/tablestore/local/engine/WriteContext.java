package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.storage.Kv;
import io.tablesync.tablestore.local.storage.KvBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pending effects of one request's writes: a batch committed at the end, the rows it changed so far (later rows
 * of the same request see them, as on the service where a batch's rows apply in order), and what to do in memory
 * after the commit (publish stream records) or after a failed commit (give stream offsets back).
 */
final class WriteContext {

    private static final byte[] DELETED = new byte[0];

    private final Kv kv;
    private final KvBatch batch = new KvBatch();
    private final Map<ByteBuffer, byte[]> pending = new HashMap<>();
    final List<Runnable> onCommit = new ArrayList<>();
    final List<Runnable> onAbort = new ArrayList<>();
    private boolean finished;

    WriteContext(Kv kv) {
        this.kv = kv;
    }

    KvBatch batch() {
        return batch;
    }

    /** The row as this request left it so far, else as stored. */
    byte[] row(byte[] key) {
        byte[] p = pending.get(ByteBuffer.wrap(key));
        if (p != null) {
            return p == DELETED ? null : p;
        }
        return kv.get(Kv.Space.ROWS, key);
    }

    void putRow(byte[] key, byte[] value) {
        pending.put(ByteBuffer.wrap(key), value);
        batch.put(Kv.Space.ROWS, key, value);
    }

    void deleteRow(byte[] key) {
        pending.put(ByteBuffer.wrap(key), DELETED);
        batch.delete(Kv.Space.ROWS, key);
    }

    /** Writes the batch; then publishes, or, if the store fails, undoes the in-memory reservations and rethrows. */
    void commit() {
        try {
            kv.write(batch);
        } catch (RuntimeException | Error e) {
            abort();
            throw e;
        }
        finished = true;
        onCommit.forEach(Runnable::run);
    }

    /**
     * Gives back what the pending writes reserved in memory (stream offsets), when they will not be committed: a
     * stream offset left taken would be a hole that readers of the shard could never pass. Does nothing after a
     * commit, so it fits a finally block.
     */
    void abort() {
        if (!finished) {
            finished = true;
            onAbort.forEach(Runnable::run);
        }
    }

}
