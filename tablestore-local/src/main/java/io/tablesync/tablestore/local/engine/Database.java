package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.storage.Store;
import io.tablesync.tablestore.local.storage.TableInfo;
import io.tablesync.tablestore.local.stream.Stream;
import io.tablesync.tablestore.local.stream.Streams;
import java.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The instance's data: tables (catalog), rows and streams, on one {@link Store}. Table-level changes and row
 * writes go through {@link #mutate} so they are serialized and durable when the call returns.
 */
public final class Database implements AutoCloseable {

    private static final String TABLE_PREFIX = "table/";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    private static final int MAX_TABLES = 64;

    private final Store store;
    private final MicroClock clock;
    private final Streams streams;
    private final RowWriter writer;
    private final Map<String, Table> tables = new ConcurrentHashMap<>();

    public Database(Path dataDir, Clock clock, int shardsPerStream) {
        this.store = Store.open(dataDir);
        this.clock = new MicroClock(clock);
        this.streams = new Streams(store, this.clock, shardsPerStream);
        this.writer = new RowWriter(store, streams, this.clock);
        for (byte[] bytes : store.metaWithPrefix(TABLE_PREFIX).values()) {
            TableInfo info = TableInfo.decode(bytes);
            tables.put(info.name(), new Table(info, store.rowMap(info.tableId())));
        }
    }

    public MicroClock clock() {
        return clock;
    }

    public Streams streams() {
        return streams;
    }

    public RowWriter writer() {
        return writer;
    }

    public <T> T mutate(Supplier<T> mutation) {
        return store.mutate(mutation);
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

    /** Stream settings of a create or update request. */
    public record StreamSpec(boolean enable, int expirationHours, List<String> originColumns) {
    }

    public void createTable(TableInfo draft, StreamSpec streamSpec) {
        if (!TABLE_NAME.matcher(draft.name()).matches()) {
            throw OtsException.parameterInvalid("Invalid table name: '" + draft.name() + "'.");
        }
        if (draft.primaryKey().isEmpty() || draft.primaryKey().size() > 4) {
            throw OtsException.parameterInvalid("The number of primary key columns must be in range: [1, 4].");
        }
        if (draft.primaryKey().get(0).autoIncrement()) {
            throw OtsException.parameterInvalid("The partition key can not be an auto increment column.");
        }
        if (draft.maxVersions() < 1) {
            throw OtsException.parameterInvalid("max_versions must be at least 1.");
        }
        if (draft.timeToLive() == 0 || draft.timeToLive() < -1) {
            throw OtsException.parameterInvalid("time_to_live must be -1 or positive.");
        }
        mutate(() -> {
            if (tables.containsKey(draft.name())) {
                throw OtsException.alreadyExist("Requested table already exists.");
            }
            if (tables.size() >= MAX_TABLES) {
                throw new OtsException("OTSQuotaExhausted", 403, "Number of tables exceeded the quota.");
            }
            TableInfo info = new TableInfo(draft.name(), UUID.randomUUID().toString(), clock.nowMicros(),
                    draft.primaryKey(), draft.definedColumns(), draft.timeToLive(), draft.maxVersions(),
                    draft.deviationCellVersionInSec(), draft.allowUpdate(), draft.reservedRead(),
                    draft.reservedWrite(), clock.nowMillis() / 1000, null, 0, List.of(), 0);
            if (streamSpec != null && streamSpec.enable()) {
                info = enableStream(info, streamSpec);
            }
            tables.put(info.name(), new Table(info, store.rowMap(info.tableId())));
            saveInfo(info);
            return null;
        });
    }

    private TableInfo enableStream(TableInfo info, StreamSpec spec) {
        if (spec.expirationHours() < 1 || spec.expirationHours() > 168) {
            throw OtsException.parameterInvalid("Stream expiration time must be in range: [1, 168] hours.");
        }
        Stream s = streams.create(info.name(), spec.expirationHours(), spec.originColumns());
        return info.withStream(s.streamId(), spec.expirationHours(), s.originColumns(), s.creationTimeMicros());
    }

    private void saveInfo(TableInfo info) {
        store.putMeta(TABLE_PREFIX + info.name(), info.encode());
    }

    /** Applies an UpdateTable request; null arguments leave that part unchanged. */
    public TableInfo updateTable(String name, Integer ttl, Integer maxVersions, Long deviation, Boolean allowUpdate,
                                 Integer read, Integer write, StreamSpec streamSpec) {
        return mutate(() -> {
            Table t = table(name);
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
            if (streamSpec != null) {
                if (streamSpec.enable() && info.streamId() == null) {
                    info = enableStream(info, streamSpec);
                } else if (streamSpec.enable()) {
                    throw OtsException.parameterInvalid("The stream of table " + name + " is already enabled.");
                } else if (info.streamId() != null) {
                    streams.drop(info.streamId());
                    info = info.withStream(null, 0, List.of(), 0);
                }
            }
            t.setInfo(info);
            saveInfo(info);
            return info;
        });
    }

    public void deleteTable(String name) {
        mutate(() -> {
            Table t = table(name);
            if (t.info().streamId() != null) {
                streams.drop(t.info().streamId());
            }
            tables.remove(name);
            store.removeMeta(TABLE_PREFIX + name);
            store.removeMeta("autoinc/" + t.info().tableId());
            store.dropRowMap(t.info().tableId());
            return null;
        });
    }

    /** Periodic storage maintenance (file compaction in durable mode). */
    public void housekeeping() {
        store.housekeeping();
    }

    /** The table that owns a stream, for admin calls that name a table. */
    public String streamIdOf(String tableName) {
        String id = table(tableName).info().streamId();
        if (id == null) {
            throw OtsException.parameterInvalid("Table " + tableName + " has no stream.");
        }
        return id;
    }

    @Override
    public void close() {
        store.close();
    }
}
