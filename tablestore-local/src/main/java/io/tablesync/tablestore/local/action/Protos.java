package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import io.tablesync.tablestore.local.engine.Limits;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.engine.PrimaryKeys;
import io.tablesync.tablestore.local.engine.ReadSpec;
import io.tablesync.tablestore.local.engine.RowChange;
import io.tablesync.tablestore.local.engine.RowCondition;
import io.tablesync.tablestore.local.engine.filter.Filters;
import io.tablesync.tablestore.local.engine.filter.RowFilter;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferException;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferReader;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferWriter;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Conversions between protocol messages and engine types shared by the row actions. The request checks here are
 * the ones that need no table (the service makes them before it looks the table up).
 */
final class Protos {

    /** GetRow and GetRange word it this way, BatchGetRow with "while querying row". */
    static final String NO_VERSION_CONDITION = "No version condition is specified.";
    static final String NO_VERSION_CONDITION_BATCH = "No version condition is specified while querying row.";

    private Protos() {
    }

    /** Prebuilt answers for the common small unit counts (every row of every response carries one). */
    private static final OtsInternalApi.ConsumedCapacity[][] SMALL_CONSUMED = new OtsInternalApi.ConsumedCapacity[4][4];

    static {
        for (int r = 0; r < 4; r++) {
            for (int w = 0; w < 4; w++) {
                SMALL_CONSUMED[r][w] = build(r, w);
            }
        }
    }

    static OtsInternalApi.ConsumedCapacity consumed(int read, int write) {
        return read < 4 && write < 4 ? SMALL_CONSUMED[read][write] : build(read, write);
    }

    private static OtsInternalApi.ConsumedCapacity build(int read, int write) {
        return OtsInternalApi.ConsumedCapacity.newBuilder()
                .setCapacityUnit(OtsInternalApi.CapacityUnit.newBuilder().setRead(read).setWrite(write))
                .build();
    }

    static PbRow decodeRow(ByteString bytes) {
        try {
            return PlainBufferReader.readRow(bytes.toByteArray());
        } catch (PlainBufferException e) {
            throw OtsException.parameterInvalid("Invalid PlainBuffer row: " + e.getMessage());
        }
    }

    /** A primary key of a read, checked as far as it can be without the table. */
    static PbRow decodeKey(ByteString bytes, PrimaryKeys.Use use) {
        PbRow row = decodeRow(bytes);
        PrimaryKeys.checkParameter(row.primaryKey(), use);
        return row;
    }

    static ByteString encodeRow(PbRow row) {
        return row == null ? ByteString.EMPTY : ByteString.copyFrom(PlainBufferWriter.encodeRow(row));
    }

    static RowCondition condition(boolean has, OtsInternalApi.Condition c) {
        if (!has) {
            return RowCondition.NONE;
        }
        RowFilter filter = c.hasColumnCondition() && !c.getColumnCondition().isEmpty()
                ? Filters.parse(c.getColumnCondition()) : null;
        return new RowCondition(c.getRowExistence().getNumber(), filter);
    }

    /** A write request's row, condition and return content, with the checks that need no table. */
    static RowChange change(RowChange.Type type, ByteString row, boolean hasCondition, OtsInternalApi.Condition c,
                            boolean hasReturn, OtsInternalApi.ReturnContent rc) {
        PbRow decoded = decodeRow(row);
        PrimaryKeys.checkParameter(decoded.primaryKey(),
                type == RowChange.Type.DELETE ? PrimaryKeys.Use.ROW : PrimaryKeys.Use.WRITE);
        if (type == RowChange.Type.DELETE && !decoded.cells().isEmpty()) {
            throw OtsException.parameterInvalid("A delete must not carry attribute columns.");
        }
        if (type == RowChange.Type.PUT) {
            for (var cell : decoded.cells()) {
                if (cell.op() != io.tablesync.tablestore.local.plainbuffer.CellOp.PUT) {
                    throw OtsException.parameterInvalid("PutRow cells must not carry an operation type.");
                }
            }
        }
        Limits.checkCells(decoded.cells());
        int returnType = hasReturn && rc.hasReturnType() ? rc.getReturnType().getNumber() : RowChange.RT_NONE;
        List<String> returnColumns = hasReturn ? rc.getReturnColumnNamesList() : List.of();
        return new RowChange(type, decoded, condition(hasCondition, c), returnType, returnColumns);
    }

    /** Read options common to GetRow, BatchGetRow and GetRange. */
    static ReadSpec readSpec(List<String> columns, boolean hasTimeRange, OtsInternalApi.TimeRange tr,
                             boolean hasMaxVersions, int maxVersions, boolean hasFilter, ByteString filter,
                             boolean hasStart, String startColumn, boolean hasEnd, String endColumn,
                             String noVersionMessage) {
        Limits.checkColumnsToGet(columns);
        if (!hasTimeRange && !hasMaxVersions) {
            throw OtsException.parameterInvalid(noVersionMessage);
        }
        if (hasMaxVersions && maxVersions <= 0) {
            throw OtsException.parameterInvalid("max_versions must be positive.");
        }
        Long start = null;
        Long end = null;
        if (hasTimeRange) {
            if (tr.hasSpecificTime()) {
                start = tr.getSpecificTime();
                end = tr.getSpecificTime() + 1;
            } else {
                start = tr.hasStartTime() ? tr.getStartTime() : 0L;
                end = tr.hasEndTime() ? tr.getEndTime() : Long.MAX_VALUE;
                if (start >= end) {
                    throw OtsException.parameterInvalid("The start time must be less than the end time of a time range.");
                }
            }
        }
        RowFilter f = hasFilter && !filter.isEmpty() ? Filters.parse(filter) : null;
        return new ReadSpec(new LinkedHashSet<>(columns), start, end, hasMaxVersions ? maxVersions : null, f,
                hasStart ? startColumn : null, hasEnd ? endColumn : null);
    }

    static OtsInternalApi.Error error(OtsException e) {
        return OtsInternalApi.Error.newBuilder().setCode(e.code()).setMessage(e.getMessage()).build();
    }
}
