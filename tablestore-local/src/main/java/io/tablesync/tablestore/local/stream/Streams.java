package io.tablesync.tablestore.local.stream;

import io.tablesync.tablestore.local.engine.MicroClock;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferWriter;
import io.tablesync.tablestore.local.plainbuffer.SeqInfo;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.KeyCodec;
import io.tablesync.tablestore.local.storage.Keys;
import io.tablesync.tablestore.local.storage.Kv;
import io.tablesync.tablestore.local.storage.KvBatch;
import io.tablesync.tablestore.local.storage.KvCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.CRC32;

/**
 * The stream logs of all tables. Each shard is an append-only log (offset → record) in the store's LOG space.
 * Readers see a shard only up to its published end, i.e. only records whose batch is durable, so an iterator handed
 * out can never point past data that a crash would lose.
 *
 * <p>Concurrency: appends to a shard happen under the lock of the shard's write unit (held by the caller), so
 * offsets, commit timestamps and durable order agree. Changes of a stream's shape (create, split, merge, trim, drop)
 * run under the owning table's exclusive topology lock, which {@link Topology} provides.
 */
public final class Streams {

    /** Partition-key hashes are 32-bit; hash-routed shard ranges partition [0, 2^32). */
    static final long HASH_SPACE = 1L << 32;
    private static final String META_PREFIX = "stream/";
    private static final String SHARD_SEQ = "seq/shard";

    private final Kv kv;
    private final MicroClock clock;
    private final Topology topology;
    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private final Map<String, ShardLog> logs = new ConcurrentHashMap<>();
    private final AtomicLong shardSeq;

    /** Runs stream-shape changes of a table exclusively of its writers. */
    public interface Topology {
        <T> T exclusive(String tableName, Supplier<T> change);
    }

    /** Runtime state of one shard's log. {@code nextOffset} is guarded by the shard's write-unit lock. */
    public static final class ShardLog {
        final long no;
        long nextOffset;
        volatile long visibleEnd;

        ShardLog(long no, long nextOffset) {
            this.no = no;
            this.nextOffset = nextOffset;
            this.visibleEnd = nextOffset;
        }
    }

    /** One page of records read from a shard. */
    public record Page(List<StreamRecord.View> records, String nextIterator, boolean mayMore) {
    }

    /** Something to write: the batch, and what to do in memory once it is durable. */
    public record Change<T>(KvBatch batch, Runnable install, T result) {
    }

    public Streams(Kv kv, MicroClock clock, Topology topology) {
        this.kv = kv;
        this.clock = clock;
        this.topology = topology;
        byte[] seq = kv.get(Kv.Space.META, Keys.meta(SHARD_SEQ));
        long maxNo = seq == null ? 0 : Keys.getLong(seq, 0);
        try (KvCursor c = kv.cursor(Kv.Space.META, Keys.meta(META_PREFIX), Keys.prefixEnd(Keys.meta(META_PREFIX)), false)) {
            while (c.next()) {
                Stream s = Stream.decode(c.value());
                streams.put(s.streamId(), s);
                for (ShardInfo shard : s.shards()) {
                    maxNo = Math.max(maxNo, shard.no());
                    long next = shard.firstOffset();
                    try (KvCursor last = kv.cursor(Kv.Space.LOG, Keys.log(shard.no(), Long.MAX_VALUE),
                            Keys.longBytes(shard.no()), true)) {
                        if (last.next()) {
                            next = Math.max(next, Keys.logOffset(last.key()) + 1);
                            clock.observeCommitMicros(StreamRecord.timestampOf(last.value()));
                        }
                    }
                    logs.put(key(s.streamId(), shard.id()), new ShardLog(shard.no(), next));
                }
            }
        }
        shardSeq = new AtomicLong(maxNo);
    }

    private static String key(String streamId, String shardId) {
        return streamId + "/" + shardId;
    }

    private long nextShardNo(KvBatch batch) {
        long no = shardSeq.incrementAndGet();
        batch.put(Kv.Space.META, Keys.meta(SHARD_SEQ), Keys.longBytes(no));
        return no;
    }

    /** The routing key of a partition key: its hash (hash routing) or its encoding (shards follow partitions). */
    public static byte[] routingKey(boolean hashRouting, Value partitionKey) {
        byte[] encoded = KeyCodec.encode(List.of(partitionKey));
        if (!hashRouting) {
            return encoded;
        }
        CRC32 crc = new CRC32();
        crc.update(encoded);
        return Keys.longBytes(crc.getValue());
    }

    /**
     * A new stream for a table: {@code hashShards} shards over partition-key hashes when positive (the test option),
     * otherwise one shard per partition, the partitions given by their encoded boundaries. Apply the returned batch,
     * then run its install step. Call under the table's exclusive topology lock.
     */
    public Change<Stream> create(String tableName, int expirationHours, List<String> originColumns, int hashShards,
                                 List<byte[]> partitionBoundaries) {
        String id = tableName + "_" + UUID.randomUUID();
        KvBatch batch = new KvBatch();
        List<ShardInfo> shards = new ArrayList<>();
        if (hashShards > 0) {
            long step = HASH_SPACE / hashShards;
            for (int i = 0; i < hashShards; i++) {
                byte[] start = i == 0 ? null : Keys.longBytes(i * step);
                byte[] end = i == hashShards - 1 ? null : Keys.longBytes((i + 1) * step);
                shards.add(new ShardInfo(Stream.shardId(i), nextShardNo(batch), null, null, start, end, false, 0, 0));
            }
        } else {
            for (int i = 0; i <= partitionBoundaries.size(); i++) {
                byte[] start = i == 0 ? null : partitionBoundaries.get(i - 1);
                byte[] end = i == partitionBoundaries.size() ? null : partitionBoundaries.get(i);
                shards.add(new ShardInfo(Stream.shardId(i), nextShardNo(batch), null, null, start, end, false, 0, 0));
            }
        }
        Stream s = new Stream(id, tableName, clock.nowMicros(), expirationHours, List.copyOf(originColumns),
                hashShards > 0, shards.size(), List.copyOf(shards));
        batch.put(Kv.Space.META, Keys.meta(META_PREFIX + id), s.encode());
        return new Change<>(batch, () -> {
            for (ShardInfo shard : s.shards()) {
                logs.put(key(id, shard.id()), new ShardLog(shard.no(), 0));
            }
            streams.put(id, s);
        }, s);
    }

    /** Removes a stream and its records. Under the table's exclusive topology lock. */
    public Change<Void> drop(String streamId) {
        Stream s = streams.get(streamId);
        KvBatch batch = new KvBatch();
        if (s == null) {
            return new Change<>(batch, () -> { }, null);
        }
        for (ShardInfo shard : s.shards()) {
            batch.deleteRange(Kv.Space.LOG, Keys.longBytes(shard.no()), Keys.prefixEnd(Keys.longBytes(shard.no())));
        }
        batch.delete(Kv.Space.META, Keys.meta(META_PREFIX + streamId));
        return new Change<>(batch, () -> {
            streams.remove(streamId);
            for (ShardInfo shard : s.shards()) {
                logs.remove(key(streamId, shard.id()));
            }
        }, null);
    }

    public Stream get(String streamId) {
        return streams.get(streamId);
    }

    /** The runtime log of a shard (for appends by the shard's write unit). */
    public ShardLog log(String streamId, String shardId) {
        return logs.get(key(streamId, shardId));
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

    /**
     * Adds one change record of a shard to the batch, stamped with a strictly increasing commit timestamp. The
     * caller holds the shard's write-unit lock and commits the batch before releasing it; {@code onCommit} publishes
     * the record, {@code onAbort} gives its offset back.
     */
    public void append(KvBatch batch, ShardLog log, int action, PbRow change, PbRow origin,
                       List<Runnable> onCommit, List<Runnable> onAbort) {
        long offset = log.nextOffset++;
        long ts = clock.nextCommitMicros();
        byte[] record = PlainBufferWriter.encodeRow(
                new PbRow(change.primaryKey(), change.cells(), change.deleteMarker(), new SeqInfo(0, ts, 0)));
        byte[] originBytes = origin == null ? null : PlainBufferWriter.encodeRow(origin);
        batch.put(Kv.Space.LOG, Keys.log(log.no, offset), new StreamRecord(action, ts, record, originBytes).encode());
        onCommit.add(() -> log.visibleEnd = Math.max(log.visibleEnd, offset + 1));
        onAbort.add(() -> log.nextOffset = Math.min(log.nextOffset, offset));
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
                byte[] rec = kv.get(Kv.Space.LOG, Keys.log(log.no, mid));
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

    /**
     * Reads up to {@code limit} records at the iterator. may_more_record is true on every page that returned records
     * (the service's behaviour: only the following empty read says false).
     */
    public Page read(ShardIterator it, int limit) {
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
            try (KvCursor c = kv.cursor(Kv.Space.LOG, Keys.log(log.no, it.offset()), Keys.log(log.no, stop), false)) {
                long expected = it.offset();
                while (c.next()) {
                    if (Keys.logOffset(c.key()) != expected) {
                        throw OtsException.trimmed(); // expired and removed while we read
                    }
                    records.add(StreamRecord.view(c.value()));
                    expected++;
                }
            }
            if (records.isEmpty()) {
                throw OtsException.trimmed();
            }
        }
        long next = it.offset() + records.size();
        boolean mayMore = !records.isEmpty() || next < end;
        // A closed shard ends once everything in it was read: no next iterator tells the consumer SHARD_END.
        String nextIterator = shard.closed() && next >= end ? null : new ShardIterator(it.streamId(), it.shardId(), next).encode();
        return new Page(records, nextIterator, mayMore);
    }

    /**
     * Splits an open shard in two at the routing key {@code at} (hash routing: the middle of its hash range when
     * null). Returns the change and the two children. Under the table's exclusive topology lock.
     */
    public Change<List<ShardInfo>> split(String streamId, String shardId, byte[] at) {
        Stream s = requireStream(streamId);
        ShardInfo parent = s.shard(shardId);
        if (parent == null || parent.closed()) {
            throw OtsException.parameterInvalid("Shard " + shardId + " does not exist or is closed.");
        }
        byte[] mid = at;
        if (mid == null) {
            long lo = parent.start() == null ? 0 : Keys.getLong(parent.start(), 0);
            long hi = parent.end() == null ? HASH_SPACE : Keys.getLong(parent.end(), 0);
            if (hi - lo < 2) {
                throw OtsException.parameterInvalid("Shard " + shardId + " is too small to split.");
            }
            mid = Keys.longBytes(lo + (hi - lo) / 2);
        }
        KvBatch batch = new KvBatch();
        int no = s.nextShardNo();
        ShardInfo left = new ShardInfo(Stream.shardId(no), nextShardNo(batch), parent.id(), null, parent.start(), mid,
                false, 0, 0);
        ShardInfo right = new ShardInfo(Stream.shardId(no + 1), nextShardNo(batch), parent.id(), null, mid,
                parent.end(), false, 0, 0);
        List<ShardInfo> shards = new ArrayList<>();
        for (ShardInfo x : s.shards()) {
            shards.add(x == parent ? parent.close(clock.nowMicros()) : x);
        }
        shards.add(left);
        shards.add(right);
        Stream updated = s.withShards(shards, no + 2);
        batch.put(Kv.Space.META, Keys.meta(META_PREFIX + streamId), updated.encode());
        return new Change<>(batch, () -> {
            logs.put(key(streamId, left.id()), new ShardLog(left.no(), 0));
            logs.put(key(streamId, right.id()), new ShardLog(right.no(), 0));
            streams.put(streamId, updated);
        }, List.of(left, right));
    }

    /**
     * Merges two open shards with adjacent ranges into one child (parent = first, parent sibling = second). Returns
     * the change and the child. Under the table's exclusive topology lock.
     */
    public Change<ShardInfo> merge(String streamId, String shardId, String siblingId) {
        Stream s = requireStream(streamId);
        ShardInfo a = s.shard(shardId);
        ShardInfo b = s.shard(siblingId);
        if (a == null || b == null || a.closed() || b.closed() || a == b) {
            throw OtsException.parameterInvalid("Both shards must exist, differ and be open.");
        }
        ShardInfo lower;
        ShardInfo upper;
        if (a.end() != null && b.start() != null && java.util.Arrays.equals(a.end(), b.start())) {
            lower = a;
            upper = b;
        } else if (b.end() != null && a.start() != null && java.util.Arrays.equals(b.end(), a.start())) {
            lower = b;
            upper = a;
        } else {
            throw OtsException.parameterInvalid("Shards " + shardId + " and " + siblingId + " are not adjacent.");
        }
        KvBatch batch = new KvBatch();
        int no = s.nextShardNo();
        ShardInfo child = new ShardInfo(Stream.shardId(no), nextShardNo(batch), a.id(), b.id(), lower.start(),
                upper.end(), false, 0, 0);
        long now = clock.nowMicros();
        List<ShardInfo> shards = new ArrayList<>();
        for (ShardInfo x : s.shards()) {
            shards.add(x == a || x == b ? x.close(now) : x);
        }
        shards.add(child);
        Stream updated = s.withShards(shards, no + 1);
        batch.put(Kv.Space.META, Keys.meta(META_PREFIX + streamId), updated.encode());
        return new Change<>(batch, () -> {
            logs.put(key(streamId, child.id()), new ShardLog(child.no(), 0));
            streams.put(streamId, updated);
        }, child);
    }

    /** Cheap check first, then trims under the table's exclusive lock only if some record or closed shard expired. */
    public void trimIfExpired(String streamId) {
        Stream s = streams.get(streamId);
        if (s != null && hasExpired(s)) {
            topology.exclusive(s.tableName(), () -> {
                Stream current = streams.get(streamId);
                if (current != null) {
                    Change<Void> c = trim(current);
                    kv.write(c.batch());
                    c.install().run();
                }
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
                byte[] first = kv.get(Kv.Space.LOG, Keys.log(log.no, shard.firstOffset()));
                if (first != null && StreamRecord.timestampOf(first) < cutoff) {
                    return true;
                }
            } else if (shard.closed() && shard.closedAtMicros() < cutoff) {
                return true;
            }
        }
        return false;
    }

    private Change<Void> trim(Stream s) {
        long cutoff = clock.nowMicros() - s.retentionMicros();
        KvBatch batch = new KvBatch();
        List<ShardInfo> kept = new ArrayList<>();
        List<ShardInfo> gone = new ArrayList<>();
        for (ShardInfo shard : s.shards()) {
            ShardLog log = logs.get(key(s.streamId(), shard.id()));
            long first = shard.firstOffset();
            try (KvCursor c = kv.cursor(Kv.Space.LOG, Keys.log(log.no, first), Keys.log(log.no, log.nextOffset), false)) {
                while (c.next() && StreamRecord.timestampOf(c.value()) < cutoff) {
                    first = Keys.logOffset(c.key()) + 1;
                }
            }
            boolean expiredShard = shard.closed() && first >= log.nextOffset && shard.closedAtMicros() < cutoff;
            if (first > shard.firstOffset() || expiredShard) {
                batch.deleteRange(Kv.Space.LOG, Keys.log(log.no, shard.firstOffset()),
                        expiredShard ? Keys.prefixEnd(Keys.longBytes(log.no)) : Keys.log(log.no, first));
            }
            if (expiredShard) {
                gone.add(shard);
            } else {
                kept.add(first == shard.firstOffset() ? shard : shard.trimmedTo(first));
            }
        }
        Stream updated = s.withShards(kept, s.nextShardNo());
        batch.put(Kv.Space.META, Keys.meta(META_PREFIX + s.streamId()), updated.encode());
        return new Change<>(batch, () -> {
            for (ShardInfo shard : gone) {
                logs.remove(key(s.streamId(), shard.id()));
            }
            streams.put(s.streamId(), updated);
        }, null);
    }
}
