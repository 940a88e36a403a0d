package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.KeyCodec;
import io.tablesync.tablestore.local.storage.Keys;
import io.tablesync.tablestore.local.storage.Kv;
import io.tablesync.tablestore.local.storage.KvBatch;
import io.tablesync.tablestore.local.storage.KvCursor;
import io.tablesync.tablestore.local.storage.MemoryKv;
import io.tablesync.tablestore.local.storage.RocksKv;
import io.tablesync.tablestore.local.storage.StoredRow;
import io.tablesync.tablestore.local.storage.TableInfo;
import io.tablesync.tablestore.local.stream.ShardInfo;
import io.tablesync.tablestore.local.stream.Stream;
import io.tablesync.tablestore.local.stream.Streams;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The instance's data: the table catalog, rows and streams on one {@link Kv} store, and the locks that order
 * changes. Table creation and deletion take the catalog lock; a table's partition, shard and option changes take
 * its exclusive topology lock; row writes ({@link Writes}) take it shared plus their write units' locks, so writers
 * of different tables or units run in parallel.
 */
public final class Database implements AutoCloseable, Streams.Topology {

    private static final String TABLE_PREFIX = "table/";
    private static final String TABLE_SEQ = "seq/table";
    private static final String AUTOINC_PREFIX = "autoinc/";
    private static final int MAX_TABLES = 64;

    private final Kv kv;
    private final MicroClock clock;
    private final Streams streams;
    private final RowWriter writer;
    private final Writes writes;
    private final int hashShards;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();
    private final ReentrantLock catalog = new ReentrantLock();
    private final AtomicLong tableSeq;

    /**
     * @param hashShards shards of each new stream over partition-key hashes (a test option); 0 = one shard per
     *                   partition, as the service does
     */
    public Database(Path dataDir, Clock clock, int hashShards) {
        this.kv = dataDir == null ? new MemoryKv() : new RocksKv(dataDir);
        this.clock = new MicroClock(clock);
        this.hashShards = hashShards;
        try {
            this.streams = new Streams(kv, this.clock, this);
            this.writer = new RowWriter(streams, this.clock);
            this.writes = new Writes(kv, writer);
            byte[] seq = kv.get(Kv.Space.META, Keys.meta(TABLE_SEQ));
            long maxNo = seq == null ? 0 : Keys.getLong(seq, 0);
            try (KvCursor c = kv.cursor(Kv.Space.META, Keys.meta(TABLE_PREFIX), Keys.prefixEnd(Keys.meta(TABLE_PREFIX)),
                    false)) {
                while (c.next()) {
                    TableInfo info = TableInfo.decode(c.value());
                    byte[] autoInc = kv.get(Kv.Space.META, autoIncrementKey(info.tableNo()));
                    tables.put(info.name(), new Table(info, routing(info), autoInc == null ? 0 : Keys.getLong(autoInc, 0)));
                    maxNo = Math.max(maxNo, info.tableNo());
                }
            }
            this.tableSeq = new AtomicLong(maxNo);
        } catch (RuntimeException | Error e) {
            kv.close();
            throw e;
        }
    }

    static byte[] autoIncrementKey(long tableNo) {
        return Keys.meta(AUTOINC_PREFIX + tableNo);
    }

    public MicroClock clock() {
        return clock;
    }

    public Streams streams() {
        return streams;
    }

    public Writes writes() {
        return writes;
    }

    public Kv kv() {
        return kv;
    }

    public Table table(String name) {
        Table t = tables.get(name);
        if (t == null) {
            throw OtsException.tableNotExist();
        }
        return t;
    }

    public List<String> tableNames() {
        List<String> names = new ArrayList<>(tables.keySet());
        names.sort(null);
        return names;
    }

    /** Encoded partition-key boundaries of a table's partitions (its split points), ascending. */
    static List<byte[]> boundaries(TableInfo info) {
        List<byte[]> out = new ArrayList<>(info.splitPoints().size());
        for (Value v : info.splitPoints()) {
            out.add(KeyCodec.encode(List.of(v)));
        }
        return out;
    }

    private Routing routing(TableInfo info) {
        if (info.streamId() != null) {
            Stream s = streams.get(info.streamId());
            if (s != null) {
                return Routing.ofStream(info.tableNo(), s);
            }
        }
        return Routing.ofPartitions(info.tableNo(), boundaries(info));
    }

    /** Runs a change of one table's shape exclusively of its writers. */
    @Override
    public <T> T exclusive(String tableName, Supplier<T> change) {
        Table t = tables.get(tableName);
        if (t == null) {
            return change.get();
        }
        t.topology().writeLock().lock();
        try {
            return change.get();
        } finally {
            t.topology().writeLock().unlock();
        }
    }

    /** Stream settings of a create or update request. */
    public record StreamSpec(boolean enable, int expirationHours, List<String> originColumns) {
    }

    /** Creates a table; the request's parameters were checked by the caller (see {@link TableDefinitions}). */
    public void createTable(TableInfo draft, StreamSpec streamSpec) {
        if (streamSpec != null && streamSpec.enable()) {
            checkExpiration(streamSpec);
        }
        catalog.lock();
        try {
            if (tables.containsKey(draft.name())) {
                throw OtsException.alreadyExist("Requested table already exists.");
            }
            if (tables.size() >= MAX_TABLES) {
                throw new OtsException("OTSQuotaExhausted", 403, "Number of tables exceeds the quota:" + MAX_TABLES + ".");
            }
            long no = tableSeq.incrementAndGet();
            KvBatch batch = new KvBatch().put(Kv.Space.META, Keys.meta(TABLE_SEQ), Keys.longBytes(no));
            TableInfo info = new TableInfo(draft.name(), no, clock.nowMicros(), draft.primaryKey(),
                    draft.definedColumns(), draft.timeToLive(), draft.maxVersions(), draft.deviationCellVersionInSec(),
                    draft.allowUpdate(), draft.reservedRead(), draft.reservedWrite(), clock.nowMillis() / 1000,
                    draft.splitPoints(), null, 0, List.of(), 0);
            Runnable installStream = () -> { };
            if (streamSpec != null && streamSpec.enable()) {
                Streams.Change<Stream> c = newStream(info, streamSpec);
                batch.addAll(c.batch());
                installStream = c.install();
                info = withStream(info, c.result(), streamSpec);
            }
            batch.put(Kv.Space.META, Keys.meta(TABLE_PREFIX + info.name()), info.encode());
            kv.write(batch);
            installStream.run();
            tables.put(info.name(), new Table(info, routing(info), 0));
        } finally {
            catalog.unlock();
        }
    }

    private static void checkExpiration(StreamSpec spec) {
        if (spec.expirationHours() < 1 || spec.expirationHours() > 168) {
            throw OtsException.parameterInvalid("Stream expiration time must be in range: [1, 168] hours.");
        }
    }

    private Streams.Change<Stream> newStream(TableInfo info, StreamSpec spec) {
        return streams.create(info.name(), spec.expirationHours(), spec.originColumns(), hashShards, boundaries(info));
    }

    private static TableInfo withStream(TableInfo info, Stream s, StreamSpec spec) {
        return info.withStream(s.streamId(), spec.expirationHours(), s.originColumns(), s.creationTimeMicros());
    }

    /** Applies an UpdateTable request; null arguments leave that part unchanged. */
    public TableInfo updateTable(String name, Integer ttl, Integer maxVersions, Long deviation, Boolean allowUpdate,
                                 Integer read, Integer write, StreamSpec streamSpec) {
        Table t = table(name);
        t.topology().writeLock().lock();
        try {
            if (t.dropped()) {
                throw OtsException.tableNotExist();
            }
            TableInfo info = t.info();
            if (ttl != null || maxVersions != null || deviation != null || allowUpdate != null) {
                int newTtl = ttl != null ? ttl : info.timeToLive();
                int newMax = maxVersions != null ? maxVersions : info.maxVersions();
                if (newMax < 1 || newTtl == 0 || newTtl < -1) {
                    throw OtsException.parameterInvalid("Invalid table options: time_to_live " + newTtl
                            + ", max_versions " + newMax + ".");
                }
                info = info.withOptions(newTtl, newMax, deviation != null ? deviation : info.deviationCellVersionInSec(),
                        allowUpdate != null ? allowUpdate : info.allowUpdate());
            }
            if (read != null || write != null) {
                info = info.withThroughput(read != null ? read : info.reservedRead(),
                        write != null ? write : info.reservedWrite(), clock.nowMillis() / 1000);
            }
            KvBatch batch = new KvBatch();
            Runnable install = () -> { };
            if (streamSpec != null) {
                if (streamSpec.enable() && info.streamId() == null) {
                    checkExpiration(streamSpec);
                    Streams.Change<Stream> c = newStream(info, streamSpec);
                    batch.addAll(c.batch());
                    install = c.install();
                    info = withStream(info, c.result(), streamSpec);
                } else if (streamSpec.enable()) {
                    throw OtsException.parameterInvalid("The stream of table " + name + " is already enabled.");
                } else if (info.streamId() != null) {
                    Streams.Change<Void> c = streams.drop(info.streamId());
                    batch.addAll(c.batch());
                    install = c.install();
                    info = info.withStream(null, 0, List.of(), 0);
                }
            }
            batch.put(Kv.Space.META, Keys.meta(TABLE_PREFIX + name), info.encode());
            kv.write(batch);
            install.run();
            t.setInfo(info);
            t.setRouting(routing(info));
            return info;
        } finally {
            t.topology().writeLock().unlock();
        }
    }

    public void deleteTable(String name) {
        catalog.lock();
        try {
            Table t = table(name);
            t.topology().writeLock().lock();
            try {
                TableInfo info = t.info();
                KvBatch batch = new KvBatch();
                Runnable install = () -> { };
                if (info.streamId() != null) {
                    Streams.Change<Void> c = streams.drop(info.streamId());
                    batch.addAll(c.batch());
                    install = c.install();
                }
                batch.delete(Kv.Space.META, Keys.meta(TABLE_PREFIX + name));
                batch.delete(Kv.Space.META, autoIncrementKey(info.tableNo()));
                byte[] prefix = Keys.tablePrefix(info.tableNo());
                batch.deleteRange(Kv.Space.ROWS, prefix, Keys.prefixEnd(prefix));
                kv.write(batch);
                install.run();
                t.markDropped();
                tables.remove(name);
            } finally {
                t.topology().writeLock().unlock();
            }
        } finally {
            catalog.unlock();
        }
    }

    /** The stream of a table, for admin calls that name a table. */
    public String streamIdOf(String tableName) {
        String id = table(tableName).info().streamId();
        if (id == null) {
            throw OtsException.parameterInvalid("Table " + tableName + " has no stream.");
        }
        return id;
    }

    /**
     * Splits an open shard (a test hook, as a partition split on the service would). With hash routing the shard's
     * hash range is halved; when shards follow partitions, its partition splits at its median partition key, and
     * the table gains that split point.
     */
    public List<String> splitShard(String tableName, String shardId) {
        Table t = table(tableName);
        t.topology().writeLock().lock();
        try {
            TableInfo info = t.info();
            String streamId = streamIdOf(tableName);
            Stream s = streams.get(streamId);
            ShardInfo shard = s.shard(shardId);
            if (shard == null || shard.closed()) {
                throw OtsException.parameterInvalid("Shard " + shardId + " does not exist or is closed.");
            }
            Value at = s.hashRouting() ? null : medianPartitionKey(info, shard);
            Streams.Change<List<ShardInfo>> c = streams.split(streamId, shardId,
                    at == null ? null : KeyCodec.encode(List.of(at)));
            KvBatch batch = c.batch();
            if (at != null) {
                List<Value> points = new ArrayList<>(info.splitPoints());
                points.add(at);
                points.sort(null);
                info = info.withSplitPoints(points);
                batch.put(Kv.Space.META, Keys.meta(TABLE_PREFIX + tableName), info.encode());
            }
            kv.write(batch);
            c.install().run();
            t.setInfo(info);
            t.setRouting(routing(info));
            return List.of(c.result().get(0).id(), c.result().get(1).id());
        } finally {
            t.topology().writeLock().unlock();
        }
    }

    /** The partition key in the middle of the distinct partition keys a shard's range holds. */
    private Value medianPartitionKey(TableInfo info, ShardInfo shard) {
        byte[] prefix = Keys.tablePrefix(info.tableNo());
        byte[] from = shard.start() == null ? prefix : Keys.row(info.tableNo(), shard.start());
        byte[] to = shard.end() == null ? Keys.prefixEnd(prefix) : Keys.row(info.tableNo(), shard.end());
        int distinct = 0;
        Value last = null;
        try (KvCursor c = kv.cursor(Kv.Space.ROWS, from, to, false)) {
            while (c.next()) {
                Value pk0 = StoredRow.decode(c.value()).primaryKey().get(0);
                if (!pk0.equals(last)) {
                    distinct++;
                    last = pk0;
                }
            }
        }
        if (distinct < 2) {
            throw OtsException.parameterInvalid("Shard " + shard.id() + " cannot be split: its partition holds "
                    + distinct + " partition key(s) and splits only between two of them.");
        }
        int wanted = distinct / 2;
        distinct = 0;
        last = null;
        try (KvCursor c = kv.cursor(Kv.Space.ROWS, from, to, false)) {
            while (c.next()) {
                Value pk0 = StoredRow.decode(c.value()).primaryKey().get(0);
                if (!pk0.equals(last)) {
                    if (distinct == wanted) {
                        return pk0;
                    }
                    distinct++;
                    last = pk0;
                }
            }
        }
        throw new IllegalStateException("rows changed during a split under the table's exclusive lock");
    }

    /**
     * Merges two adjacent open shards (a test hook). When shards follow partitions, the two partitions merge too
     * and the table loses the split point between them.
     */
    public String mergeShards(String tableName, String shardId, String siblingId) {
        Table t = table(tableName);
        t.topology().writeLock().lock();
        try {
            TableInfo info = t.info();
            String streamId = streamIdOf(tableName);
            Stream s = streams.get(streamId);
            Streams.Change<ShardInfo> c = streams.merge(streamId, shardId, siblingId);
            KvBatch batch = c.batch();
            if (!s.hashRouting()) {
                ShardInfo a = s.shard(shardId);
                ShardInfo b = s.shard(siblingId);
                byte[] boundary = a.end() != null && b.start() != null && java.util.Arrays.equals(a.end(), b.start())
                        ? a.end() : b.end();
                List<Value> points = new ArrayList<>();
                for (Value v : info.splitPoints()) {
                    if (!java.util.Arrays.equals(KeyCodec.encode(List.of(v)), boundary)) {
                        points.add(v);
                    }
                }
                info = info.withSplitPoints(points);
                batch.put(Kv.Space.META, Keys.meta(TABLE_PREFIX + tableName), info.encode());
            }
            kv.write(batch);
            c.install().run();
            t.setInfo(info);
            t.setRouting(routing(info));
            return c.result().id();
        } finally {
            t.topology().writeLock().unlock();
        }
    }

    /** Periodic storage maintenance. */
    public void housekeeping() {
        kv.housekeeping();
    }

    @Override
    public void close() {
        kv.close();
    }
}
