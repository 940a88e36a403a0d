package io.tablesync.tablestore.local.storage;

import io.tablesync.tablestore.local.plainbuffer.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * A table's persistent description: schema, options, throughput, partitions and stream settings. Immutable; changes
 * produce a new instance that replaces the stored one.
 *
 * @param tableNo unique number of this incarnation (a re-created table with the same name gets a new one); its rows
 *                are stored under this number
 * @param splitPoints partition-key values that split the table into partitions, ascending (empty: one partition)
 * @param streamId id of the active stream, or null when the stream is off
 */
public record TableInfo(
        String name,
        long tableNo,
        long creationTimeMicros,
        List<PkColumn> primaryKey,
        List<DefinedColumn> definedColumns,
        int timeToLive,
        int maxVersions,
        long deviationCellVersionInSec,
        boolean allowUpdate,
        int reservedRead,
        int reservedWrite,
        long lastIncreaseTime,
        List<Value> splitPoints,
        String streamId,
        int streamExpirationHours,
        List<String> streamOriginColumns,
        long streamLastEnableTime) {

    private static final int FORMAT = 1;

    /** A primary-key column. */
    public record PkColumn(String name, Value.Type type, boolean autoIncrement) {
    }

    /** A pre-defined attribute column (only echoed in DescribeTable). */
    public record DefinedColumn(String name, int type) {
    }

    public List<String> pkNames() {
        List<String> names = new ArrayList<>(primaryKey.size());
        for (PkColumn c : primaryKey) {
            names.add(c.name());
        }
        return names;
    }

    public TableInfo withOptions(int ttl, int maxVersions, long deviation, boolean allowUpdate) {
        return new TableInfo(name, tableNo, creationTimeMicros, primaryKey, definedColumns, ttl, maxVersions, deviation,
                allowUpdate, reservedRead, reservedWrite, lastIncreaseTime, splitPoints, streamId, streamExpirationHours,
                streamOriginColumns, streamLastEnableTime);
    }

    public TableInfo withThroughput(int read, int write, long changedAt) {
        return new TableInfo(name, tableNo, creationTimeMicros, primaryKey, definedColumns, timeToLive, maxVersions,
                deviationCellVersionInSec, allowUpdate, read, write, changedAt, splitPoints, streamId,
                streamExpirationHours, streamOriginColumns, streamLastEnableTime);
    }

    public TableInfo withSplitPoints(List<Value> points) {
        return new TableInfo(name, tableNo, creationTimeMicros, primaryKey, definedColumns, timeToLive, maxVersions,
                deviationCellVersionInSec, allowUpdate, reservedRead, reservedWrite, lastIncreaseTime, List.copyOf(points),
                streamId, streamExpirationHours, streamOriginColumns, streamLastEnableTime);
    }

    public TableInfo withStream(String id, int expirationHours, List<String> originColumns, long enableTime) {
        return new TableInfo(name, tableNo, creationTimeMicros, primaryKey, definedColumns, timeToLive, maxVersions,
                deviationCellVersionInSec, allowUpdate, reservedRead, reservedWrite, lastIncreaseTime, splitPoints, id,
                expirationHours, originColumns, enableTime);
    }

    public byte[] encode() {
        Bin.Out o = new Bin.Out(128);
        o.u8(FORMAT).str(name).i64(tableNo).i64(creationTimeMicros);
        o.i32(primaryKey.size());
        for (PkColumn c : primaryKey) {
            o.str(c.name()).u8(c.type().code).bool(c.autoIncrement());
        }
        o.i32(definedColumns.size());
        for (DefinedColumn c : definedColumns) {
            o.str(c.name()).i32(c.type());
        }
        o.i32(timeToLive).i32(maxVersions).i64(deviationCellVersionInSec).bool(allowUpdate);
        o.i32(reservedRead).i32(reservedWrite).i64(lastIncreaseTime);
        o.i32(splitPoints.size());
        for (Value v : splitPoints) {
            o.value(v);
        }
        o.optStr(streamId).i32(streamExpirationHours);
        o.i32(streamOriginColumns.size());
        for (String c : streamOriginColumns) {
            o.str(c);
        }
        o.i64(streamLastEnableTime);
        return o.toByteArray();
    }

    public static TableInfo decode(byte[] bytes) {
        Bin.In in = new Bin.In(bytes);
        int format = in.u8();
        if (format != FORMAT) {
            throw new IllegalStateException("Unknown table description format " + format);
        }
        String name = in.str();
        long no = in.i64();
        long created = in.i64();
        int n = in.i32();
        List<PkColumn> pk = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pk.add(new PkColumn(in.str(), Value.Type.ofCode(in.u8()), in.bool()));
        }
        n = in.i32();
        List<DefinedColumn> defined = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            defined.add(new DefinedColumn(in.str(), in.i32()));
        }
        int ttl = in.i32();
        int maxVersions = in.i32();
        long deviation = in.i64();
        boolean allowUpdate = in.bool();
        int read = in.i32();
        int write = in.i32();
        long lastIncrease = in.i64();
        n = in.i32();
        List<Value> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(in.value());
        }
        String streamId = in.optStr();
        int expiration = in.i32();
        n = in.i32();
        List<String> origin = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            origin.add(in.str());
        }
        long enableTime = in.i64();
        return new TableInfo(name, no, created, List.copyOf(pk), List.copyOf(defined), ttl, maxVersions, deviation,
                allowUpdate, read, write, lastIncrease, List.copyOf(points), streamId, expiration, List.copyOf(origin),
                enableTime);
    }
}
