package io.tablesync.tablestore.local.storage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;

/**
 * The store of a server without a data directory: one in-memory H2 MVStore map per key space. MVMap takes
 * concurrent writers and gives cursors a consistent snapshot; its B-tree pages cost about half the CPU per insert of
 * a ConcurrentSkipListMap in the BatchWriteRow benchmark (see tablestore-local/pom.xml).
 */
public final class MemoryKv implements Kv {

    private final MVStore mv = new MVStore.Builder().autoCommitDisabled().open();
    private final Map<Space, MVMap<byte[], byte[]>> spaces = new EnumMap<>(Space.class);

    public MemoryKv() {
        for (Space s : Space.values()) {
            spaces.put(s, mv.openMap(s.name(), new MVMap.Builder<byte[], byte[]>()
                    .keyType(UnsignedBytesType.INSTANCE).valueType(ByteArrayDataType.INSTANCE)));
        }
    }

    @Override
    public byte[] get(Space space, byte[] key) {
        return spaces.get(space).get(key);
    }

    @Override
    public KvCursor cursor(Space space, byte[] from, byte[] to, boolean reverse) {
        Iterator<byte[]> keys = spaces.get(space).cursor(from, null, reverse);
        org.h2.mvstore.Cursor<byte[], byte[]> c = (org.h2.mvstore.Cursor<byte[], byte[]>) keys;
        return new KvCursor() {
            @Override
            public boolean next() {
                if (!c.hasNext()) {
                    return false;
                }
                byte[] k = c.next();
                if (to == null) {
                    return true;
                }
                int cmp = java.util.Arrays.compareUnsigned(k, to);
                return reverse ? cmp > 0 : cmp < 0;
            }

            @Override
            public byte[] key() {
                return c.getKey();
            }

            @Override
            public byte[] value() {
                return c.getValue();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void write(KvBatch batch) {
        for (KvBatch.Op op : batch.ops()) {
            MVMap<byte[], byte[]> map = spaces.get(op.space());
            if (op.to() != null) {
                List<byte[]> doomed = new ArrayList<>();
                try (KvCursor c = cursor(op.space(), op.key(), op.to(), false)) {
                    while (c.next()) {
                        doomed.add(c.key());
                    }
                }
                doomed.forEach(map::remove);
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
        for (MVMap<byte[], byte[]> m : spaces.values()) {
            for (var c = m.cursor(null); c.hasNext(); ) {
                n += c.next().length + c.getValue().length;
            }
        }
        return n;
    }

    @Override
    public void housekeeping() {
    }

    @Override
    public void close() {
        mv.close();
    }
}
