package io.tablesync.tablestore.local.stream;

import io.tablesync.tablestore.local.engine.MicroClock;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferWriter;
import io.tablesync.tablestore.local.plainbuffer.SeqInfo;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.KeyCodec;
import io.tablesync.tablestore.local.storage.Store;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

/**
 * The stream logs of all tables. Each shard is an append-only log (offset → record) in the store. Methods marked
 * "under the write lock" must run inside {@link Store#mutate}; readers see a shard only up to its published end,
 * i.e. only records whose commit is durable, so an iterator handed out can never point past data that a crash
 * would lose.
 */
public final class Streams {

    /** Partition-key hashes are 32-bit; shard ranges partition [0, 2^32). */
    static final long HASH_SPACE = 1L << 32;
    private static final String META_PREFIX = "stream/";

    private final Store store;
    private final MicroClock clock;
    private final int initialShards;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final Map<String, ShardLog> logs = new ConcurrentHashMap<>();
    private final Set<ShardLog> dirty = new HashSet<>();

    /** Runtime state of one shard's log. */
    private static final class ShardLog {
        final MVMap<Long, byte[]> map;
        long nextOffset;
        volatile long visibleEnd;

        ShardLog(MVMap<Long, byte[]> map, long nextOffset) {
            this.map = map;
            this.nextOffset = nextOffset;
            this.visibleEnd = nextOffset;
        }
    }

    /** One page of records read from a shard. */
    public record Page(List<StreamRecord.View> records, String nextIterator, boolean mayMore) {
    }

    public Streams(Store store, MicroClock clock, int initialShards) {
        this.store = store;
        this.clock = clock;
        this.initialShards = initialShards;
        for (byte[] bytes : store.metaWithPrefix(META_PREFIX).values()) {
            Stream s = Stream.decode(bytes);
            streams.put(s.streamId(), s);
            for (ShardInfo shard : s.shards()) {
                MVMap<Long, byte[]> map = store.logMap(s.streamId(), shard.id());
                Long last = map.lastKey();
                long next = Math.max(shard.firstOffset(), last == null ? 0 : last + 1);
                logs.put(key(s.streamId(), shard.id()), new ShardLog(map, next));
                if (last != null) {
                    clock.observeCommitMicros(StreamRecord.timestampOf(map.get(last)));
                }
            }
        }
        store.onCommit(this::publish);
    }

    private static String key(String streamId, String shardId) {
        return streamId + "/" + shardId;
    }

    /** Creates a stream with the configured number of shards. Under the write lock. */
    public Stream create(String tableName, int expirationHours, List<String> originColumns) {
        String id = tableName + "_" + UUID.randomUUID();
        List<ShardInfo> shards = new ArrayList<>();
        long step = HASH_SPACE / initialShards;
        for (int i = 0; i < initialShards; i++) {
            long start = i * step;
            long end = i == initialShards - 1 ? HASH_SPACE : (i + 1) * step;
            shards.add(new ShardInfo(Stream.shardId(i), null, null, start, end, false, 0, 0));
        }
        Stream s = new Stream(id, tableName, clock.nowMicros(), expirationHours, List.copyOf(originColumns),
                initialShards, List.copyOf(shards));
        for (ShardInfo shard : shards) {
            logs.put(key(id, shard.id()), new ShardLog(store.logMap(id, shard.id()), 0));
        }
        save(s);
        return s;
    }

    /** Removes a stream and its records. Under the write lock. */
    public void drop(String streamId) {
        Stream s = streams.remove(streamId);
        if (s == null) {
            return;
        }
        for (ShardInfo shard : s.shards()) {
            ShardLog log = logs.remove(key(streamId, shard.id()));
            dirty.remove(log);
            store.dropLogMap(streamId, shard.id());
        }
        store.removeMeta(META_PREFIX + streamId);
    }

    private void save(Stream s) {
        streams.put(s.streamId(), s);
        store.putMeta(META_PREFIX + s.streamId(), s.encode());
    }

    public Stream get(String streamId) {
        return streams.get(streamId);
    }

    /** Streams of one table, or of all tables when tableName is null, in creation order. */
    public List<Stream> list(String tableName) {
        List<Stream> out = new ArrayList<>();
        for (Stream s : streams.values()) {
            if (tableName == null || s.tableName().equals(tableName)) {
                out.add(s);
            }
        }
        out.sort((a, b) -> Long.compare(a.creationTimeMicros(), b.creationTimeMicros()));
        return out;
    }

    static long hash(Value partitionKey) {
        CRC32 crc = new CRC32();
        crc.update(KeyCodec.encode(List.of(partitionKey)));
        return crc.getValue();
    }

    /**
     * Appends one change record to the shard that owns the row's partition key, stamping it with a strictly
     * increasing commit timestamp. Under the write lock.
     */
    public void append(String streamId, Value partitionKey, int action, PbRow change, PbRow origin) {
        Stream s = streams.get(streamId);
        long h = hash(partitionKey);
        ShardInfo owner = null;
        for (ShardInfo shard : s.shards()) {
            if (shard.owns(h)) {
                owner = shard;
                break;
            }
        }
        ShardLog log = logs.get(key(streamId, owner.id()));
        long ts = clock.nextCommitMicros();
        SeqInfo seq = new SeqInfo(0, ts, 0);
        byte[] record = PlainBufferWriter.encodeRow(
                new PbRow(change.primaryKey(), change.cells(), change.deleteMarker(), seq));
        byte[] originBytes = origin == null ? null : PlainBufferWriter.encodeRow(origin);
        log.map.put(log.nextOffset++, new StreamRecord(action, ts, record, originBytes).encode());
        dirty.add(log);
    }

    /** Makes appended records visible to readers. Under the write lock, after they are durable. */
    private void publish() {
        for (ShardLog log : dirty) {
            log.visibleEnd = log.nextOffset;
        }
        dirty.clear();
    }

    private Stream requireStream(String streamId) {
        Stream s = streams.get(streamId);
        if (s == null) {
            throw OtsException.objectNotExist("Stream does not exist: " + streamId);
        }
        return s;
    }

    /** A stream's description after removing expired data. */
    public Stream describe(String streamId) {
        requireStream(streamId);
        trimIfExpired(streamId);
        return requireStream(streamId);
    }

    /** Iterator at the oldest retained record, or at the first record committed at or after tsMicros. */
    public String iterator(String streamId, String shardId, Long tsMicros) {
        requireStream(streamId);
        trimIfExpired(streamId);
        Stream s = requireStream(streamId);
        ShardInfo shard = s.shard(shardId);
        if (shard == null) {
            throw OtsException.objectNotExist("Shard does not exist: " + shardId);
        }
        long offset = shard.firstOffset();
        if (tsMicros != null) {
            ShardLog log = logs.get(key(streamId, shardId));
            long lo = shard.firstOffset();
            long hi = log.visibleEnd;
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                byte[] rec = log.map.get(mid);
                if (rec == null || StreamRecord.timestampOf(rec) < tsMicros) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            offset = lo;
        }
        return new ShardIterator(streamId, shardId, offset).encode();
    }

    /** Reads up to {@code limit} records at the iterator. */
    public Page read(String iteratorText, int limit) {
        ShardIterator it = ShardIterator.decode(iteratorText);
        if (streams.get(it.streamId()) == null) {
            throw OtsException.trimmed();
        }
        trimIfExpired(it.streamId());
        Stream s = streams.get(it.streamId());
        ShardInfo shard = s == null ? null : s.shard(it.shardId());
        ShardLog log = shard == null ? null : logs.get(key(it.streamId(), it.shardId()));
        if (shard == null || log == null || it.offset() < shard.firstOffset()) {
            throw OtsException.trimmed();
        }
        long end = log.visibleEnd;
        if (it.offset() > end) {
            throw OtsException.trimmed();
        }
        long stop = Math.min(end, it.offset() + limit);
        List<StreamRecord.View> records = new ArrayList<>((int) Math.max(0, stop - it.offset()));
        if (stop > it.offset()) {
            Cursor<Long, byte[]> c = log.map.cursor(it.offset());
            while (c.hasNext()) {
                long k = c.next();
                if (k >= stop) {
                    break;
                }
                records.add(StreamRecord.view(c.getValue()));
            }
        }
        long next = it.offset() + records.size();
        boolean mayMore = next < end;
        // A closed shard ends once everything in it was read: no next iterator tells the consumer SHARD_END.
        String nextIterator = shard.closed() && next >= end ? null : new ShardIterator(it.streamId(), it.shardId(), next).encode();
        return new Page(records, nextIterator, mayMore);
    }

    /** Splits an open shard into two children that each own half of its hash range. */
    public List<String> split(String streamId, String shardId) {
        return store.mutate(() -> {
            Stream s = requireStream(streamId);
            ShardInfo parent = s.shard(shardId);
            if (parent == null || parent.closed()) {
                throw OtsException.parameterInvalid("Shard " + shardId + " does not exist or is closed.");
            }
            if (parent.hashEnd() - parent.hashStart() < 2) {
                throw OtsException.parameterInvalid("Shard " + shardId + " is too small to split.");
            }
            long mid = parent.hashStart() + (parent.hashEnd() - parent.hashStart()) / 2;
            int no = s.nextShardNo();
            ShardInfo left = new ShardInfo(Stream.shardId(no), parent.id(), null, parent.hashStart(), mid, false, 0, 0);
            ShardInfo right = new ShardInfo(Stream.shardId(no + 1), parent.id(), null, mid, parent.hashEnd(), false, 0, 0);
            List<ShardInfo> shards = new ArrayList<>();
            for (ShardInfo x : s.shards()) {
                shards.add(x == parent ? parent.close(clock.nowMicros()) : x);
            }
            shards.add(left);
            shards.add(right);
            openLog(streamId, left);
            openLog(streamId, right);
            save(s.withShards(shards, no + 2));
            return List.of(left.id(), right.id());
        });
    }

    /** Merges two open shards with adjacent hash ranges into one child (parent = first, parent sibling = second). */
    public String merge(String streamId, String shardId, String siblingId) {
        return store.mutate(() -> {
            Stream s = requireStream(streamId);
            ShardInfo a = s.shard(shardId);
            ShardInfo b = s.shard(siblingId);
            if (a == null || b == null || a.closed() || b.closed() || a == b) {
                throw OtsException.parameterInvalid("Both shards must exist, differ and be open.");
            }
            if (a.hashEnd() != b.hashStart() && b.hashEnd() != a.hashStart()) {
                throw OtsException.parameterInvalid("Shards " + shardId + " and " + siblingId + " are not adjacent.");
            }
            int no = s.nextShardNo();
            ShardInfo child = new ShardInfo(Stream.shardId(no), a.id(), b.id(), Math.min(a.hashStart(), b.hashStart()),
                    Math.max(a.hashEnd(), b.hashEnd()), false, 0, 0);
            long now = clock.nowMicros();
            List<ShardInfo> shards = new ArrayList<>();
            for (ShardInfo x : s.shards()) {
                shards.add(x == a || x == b ? x.close(now) : x);
            }
            shards.add(child);
            openLog(streamId, child);
            save(s.withShards(shards, no + 1));
            return child.id();
        });
    }

    private void openLog(String streamId, ShardInfo shard) {
        logs.put(key(streamId, shard.id()), new ShardLog(store.logMap(streamId, shard.id()), 0));
    }

    /** Cheap check first, then trims under the write lock only if some record or closed shard has expired. */
    public void trimIfExpired(String streamId) {
        Stream s = streams.get(streamId);
        if (s != null && hasExpired(s)) {
            store.mutate(() -> {
                trim(streamId);
                return null;
            });
        }
    }

    /** Trims every stream (called periodically). */
    public void trimAll() {
        for (String id : new ArrayList<>(streams.keySet())) {
            trimIfExpired(id);
        }
    }

    private boolean hasExpired(Stream s) {
        long cutoff = clock.nowMicros() - s.retentionMicros();
        for (ShardInfo shard : s.shards()) {
            ShardLog log = logs.get(key(s.streamId(), shard.id()));
            if (log == null) {
                continue;
            }
            if (shard.firstOffset() < log.visibleEnd) {
                byte[] first = log.map.get(shard.firstOffset());
                if (first != null && StreamRecord.timestampOf(first) < cutoff) {
                    return true;
                }
            } else if (shard.closed() && shard.closedAtMicros() < cutoff) {
                return true;
            }
        }
        return false;
    }

    private void trim(String streamId) {
        Stream s = streams.get(streamId);
        if (s == null) {
            return;
        }
        long cutoff = clock.nowMicros() - s.retentionMicros();
        List<ShardInfo> kept = new ArrayList<>();
        for (ShardInfo shard : s.shards()) {
            ShardLog log = logs.get(key(streamId, shard.id()));
            long first = shard.firstOffset();
            while (first < log.nextOffset) {
                byte[] rec = log.map.get(first);
                if (rec != null && StreamRecord.timestampOf(rec) >= cutoff) {
                    break;
                }
                log.map.remove(first);
                first++;
            }
            boolean gone = shard.closed() && first >= log.nextOffset && shard.closedAtMicros() < cutoff;
            if (gone) {
                logs.remove(key(streamId, shard.id()));
                dirty.remove(log);
                store.dropLogMap(streamId, shard.id());
            } else {
                kept.add(first == shard.firstOffset() ? shard : shard.trimmedTo(first));
            }
        }
        save(s.withShards(kept, s.nextShardNo()));
    }

    /** Records retained in a shard's log (for tests and diagnostics). */
    public List<String> shardIds(String streamId) {
        Stream s = streams.get(streamId);
        if (s == null) {
            return Collections.emptyList();
        }
        List<String> ids = new ArrayList<>();
        for (ShardInfo shard : s.shards()) {
            ids.add(shard.id());
        }
        return ids;
    }
}
