package io.tablesync.tablestore.local.storage;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The store of a server without a data directory: one concurrent sorted map per key space. */
public final class MemoryKv implements Kv {

    private final Map<Space, ConcurrentSkipListMap<byte[], byte[]>> spaces = new EnumMap<>(Space.class);

    public MemoryKv() {
        for (Space s : Space.values()) {
            spaces.put(s, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
        }
    }

    @Override
    public byte[] get(Space space, byte[] key) {
        return spaces.get(space).get(key);
    }

    @Override
    public KvCursor cursor(Space space, byte[] from, byte[] to, boolean reverse) {
        NavigableMap<byte[], byte[]> view = spaces.get(space);
        if (!reverse) {
            if (from != null) {
                view = view.tailMap(from, true);
            }
            if (to != null) {
                view = view.headMap(to, false);
            }
        } else {
            if (from != null) {
                view = view.headMap(from, true);
            }
            if (to != null) {
                view = view.tailMap(to, false);
            }
            view = view.descendingMap();
        }
        Iterator<Map.Entry<byte[], byte[]>> it = view.entrySet().iterator();
        return new KvCursor() {
            private Map.Entry<byte[], byte[]> current;

            @Override
            public boolean next() {
                current = it.hasNext() ? it.next() : null;
                return current != null;
            }

            @Override
            public byte[] key() {
                return current.getKey();
            }

            @Override
            public byte[] value() {
                return current.getValue();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void write(KvBatch batch) {
        for (KvBatch.Op op : batch.ops()) {
            ConcurrentSkipListMap<byte[], byte[]> map = spaces.get(op.space());
            if (op.to() != null) {
                map.subMap(op.key(), true, op.to(), false).clear();
            } else if (op.value() == null) {
                map.remove(op.key());
            } else {
                map.put(op.key(), op.value());
            }
        }
    }

    @Override
    public long diskBytes() {
        return 0;
    }

    @Override
    public long liveBytes() {
        long n = 0;
        for (ConcurrentSkipListMap<byte[], byte[]> m : spaces.values()) {
            for (Map.Entry<byte[], byte[]> e : m.entrySet()) {
                n += e.getKey().length + e.getValue().length;
            }
        }
        return n;
    }

    @Override
    public void housekeeping() {
    }

    @Override
    public void close() {
    }
}
