package io.tablesync.tablestore.local.engine;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferException;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferReader;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.Keys;
import io.tablesync.tablestore.local.storage.Kv;
import io.tablesync.tablestore.local.storage.KvCursor;
import io.tablesync.tablestore.local.storage.StoredRow;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Partition-key split points: those a CreateTable asks for (pre-split partitions, validated with the service's
 * texts) and those ComputeSplitPointsBySize computes from the data.
 */
public final class SplitPoints {

    static final int MAX_PARTITIONS = 10;
    static final int MAX_POINT_BYTES = 64;

    private SplitPoints() {
    }

    /**
     * The split points of CreateTable's partition ranges: contiguous, from INF_MIN to INF_MAX, at most 10 of them,
     * boundaries of the partition key's type.
     */
    public static List<Value> ofPartitions(List<OtsInternalApi.PartitionRange> ranges, Value.Type partitionKeyType) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        if (ranges.size() > MAX_PARTITIONS) {
            throw OtsException.parameterInvalid("The count of partitions cannot be greater than " + MAX_PARTITIONS);
        }
        List<Value> points = new ArrayList<>();
        Value previousEnd = null;
        for (int i = 0; i < ranges.size(); i++) {
            Value begin = bare(ranges.get(i).getBegin().toByteArray());
            Value end = bare(ranges.get(i).getEnd().toByteArray());
            boolean first = i == 0;
            boolean last = i == ranges.size() - 1;
            if (first ? begin.type() != Value.Type.INF_MIN : !begin.equals(previousEnd)) {
                throw OtsException.parameterInvalid("The partition ranges must be contiguous, from INF_MIN to INF_MAX.");
            }
            if (last) {
                if (end.type() != Value.Type.INF_MAX) {
                    throw OtsException.parameterInvalid("The partition ranges must be contiguous, from INF_MIN to INF_MAX.");
                }
            } else {
                checkPoint(end, partitionKeyType);
                if (previousEnd != null && !previousEnd.isInfinite() && end.compareTo(previousEnd) <= 0) {
                    throw OtsException.parameterInvalid("The split-point list isn't strictly increasing.");
                }
                points.add(end);
            }
            previousEnd = end;
        }
        return List.copyOf(points);
    }

    private static Value bare(byte[] bytes) {
        try {
            return PlainBufferReader.readBareValue(bytes);
        } catch (PlainBufferException e) {
            throw OtsException.parameterInvalid("Invalid partition range: " + e.getMessage());
        }
    }

    private static void checkPoint(Value v, Value.Type type) {
        if (v.isInfinite()) {
            throw OtsException.parameterInvalid("The split-point can't be set as an INF value.");
        }
        if (v.type() != type) {
            throw OtsException.parameterInvalid("The value type of partition does not match with primary key.");
        }
        switch (v.type()) {
            case INTEGER:
                if (v.asLong() == Long.MIN_VALUE || v.asLong() == Long.MAX_VALUE) {
                    throw OtsException.parameterInvalid("The value of partition range can not be INT64_MIN or INT64_MAX.");
                }
                break;
            case STRING:
            case BINARY:
                if (v.bytes().length == 0) {
                    throw OtsException.parameterInvalid("The value of partition range can not be empty "
                            + (v.type() == Value.Type.STRING ? "string." : "binary."));
                }
                if (v.bytes().length > MAX_POINT_BYTES) {
                    throw OtsException.parameterInvalid("The value of partition range exceeds the MaxLength:"
                            + MAX_POINT_BYTES + " with CurrentLength:" + v.bytes().length + ".");
                }
                break;
            default:
                break;
        }
    }

    /**
     * Partition-key split points that cut the table into pieces of about {@code splitBytes} of data each (data
     * size as for capacity units, all stored versions counted). A point is the smallest partition key after the
     * last one of a piece, so all rows of a partition key stay in one piece, as on the service. With a limit, the
     * points are thinned evenly to at most that many.
     */
    public static List<Value> bySize(Kv kv, TableInfo info, long splitBytes, Integer limit) {
        List<Value> points = new ArrayList<>();
        byte[] prefix = Keys.tablePrefix(info.tableNo());
        long acc = 0;
        Value current = null;
        boolean cutAfterCurrent = false;
        try (KvCursor c = kv.cursor(Kv.Space.ROWS, prefix, Keys.prefixEnd(prefix), false)) {
            while (c.next()) {
                StoredRow row = StoredRow.decode(c.value());
                Value pk0 = row.primaryKey().get(0);
                if (cutAfterCurrent && !pk0.equals(current)) {
                    Value point = successor(current);
                    if (point != null) {
                        points.add(point);
                    }
                    cutAfterCurrent = false;
                    acc = 0;
                }
                current = pk0;
                acc += size(info, row);
                if (acc >= splitBytes) {
                    cutAfterCurrent = true;
                }
            }
        }
        if (limit != null && points.size() > limit) {
            List<Value> thinned = new ArrayList<>(limit);
            for (int i = 1; i <= limit; i++) {
                thinned.add(points.get((int) ((long) i * (points.size() + 1) / (limit + 1)) - 1));
            }
            return thinned;
        }
        return points;
    }

    private static long size(TableInfo info, StoredRow row) {
        long n = DataSize.of(PrimaryKeys.cells(info, row.primaryKey()));
        for (Map.Entry<String, List<StoredRow.Version>> e : row.columns().entrySet()) {
            long name = DataSize.utf8Length(e.getKey());
            for (StoredRow.Version v : e.getValue()) {
                n += name + DataSize.of(v.value()) + 8;
            }
        }
        return n;
    }

    /** The smallest partition key greater than v, or null when there is none. */
    private static Value successor(Value v) {
        switch (v.type()) {
            case INTEGER:
                return v.asLong() == Long.MAX_VALUE ? null : Value.ofInteger(v.asLong() + 1);
            case STRING:
                return Value.ofStringUtf8(Arrays.copyOf(v.bytes(), v.bytes().length + 1));
            default:
                return Value.ofBinary(Arrays.copyOf(v.bytes(), v.bytes().length + 1));
        }
    }
}
