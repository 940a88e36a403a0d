package io.tablesync.tablestore.local.storage;

import java.util.ArrayList;
import java.util.List;

/** Puts, deletes and range deletes to apply together, in order. */
public final class KvBatch {

    /** One operation; value null = delete; {@code to} non-null = delete the range [key, to). */
    public record Op(Kv.Space space, byte[] key, byte[] value, byte[] to) {
    }

    private final List<Op> ops = new ArrayList<>();

    public KvBatch put(Kv.Space space, byte[] key, byte[] value) {
        ops.add(new Op(space, key, value, null));
        return this;
    }

    public KvBatch delete(Kv.Space space, byte[] key) {
        ops.add(new Op(space, key, null, null));
        return this;
    }

    public KvBatch deleteRange(Kv.Space space, byte[] from, byte[] to) {
        ops.add(new Op(space, from, null, to));
        return this;
    }

    /** Appends another batch's operations. */
    public KvBatch addAll(KvBatch other) {
        ops.addAll(other.ops);
        return this;
    }

    public List<Op> ops() {
        return ops;
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }
}
