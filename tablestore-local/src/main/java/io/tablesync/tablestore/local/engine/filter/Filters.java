package io.tablesync.tablestore.local.engine.filter;

import com.alicloud.openservices.tablestore.core.protocol.OtsFilter;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferException;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferReader;
import java.util.ArrayList;
import java.util.List;

/** Parses the protocol's {@code OtsFilter.Filter} bytes (conditions and read filters) into {@link RowFilter}s. */
public final class Filters {

    private Filters() {
    }

    public static RowFilter parse(ByteString bytes) {
        try {
            return parse(OtsFilter.Filter.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw OtsException.parameterInvalid("Invalid filter: " + e.getMessage());
        }
    }

    private static RowFilter parse(OtsFilter.Filter f) throws InvalidProtocolBufferException {
        switch (f.getType()) {
            case FT_SINGLE_COLUMN_VALUE: {
                OtsFilter.SingleColumnValueFilter s = OtsFilter.SingleColumnValueFilter.parseFrom(f.getFilter());
                if (s.hasValueTransRule()) {
                    throw OtsException.unsupported("Value transfer rules (regex filters) are not supported by tablestore-local.");
                }
                SingleColumnFilter.Comparator cmp = SingleColumnFilter.Comparator.values()[s.getComparator().getNumber() - 1];
                io.tablesync.tablestore.local.plainbuffer.Value v = null;
                if (cmp != SingleColumnFilter.Comparator.EXIST && cmp != SingleColumnFilter.Comparator.NOT_EXIST) {
                    try {
                        v = PlainBufferReader.readBareValue(s.getColumnValue().toByteArray());
                    } catch (PlainBufferException e) {
                        throw OtsException.parameterInvalid("Invalid column value in filter: " + e.getMessage());
                    }
                }
                return new SingleColumnFilter(cmp, s.getColumnName(), v, s.getFilterIfMissing(),
                        !s.hasLatestVersionOnly() || s.getLatestVersionOnly());
            }
            case FT_COMPOSITE_COLUMN_VALUE: {
                OtsFilter.CompositeColumnValueFilter c = OtsFilter.CompositeColumnValueFilter.parseFrom(f.getFilter());
                CompositeFilter.Operator op = CompositeFilter.Operator.values()[c.getCombinator().getNumber() - 1];
                if (op == CompositeFilter.Operator.NOT && c.getSubFiltersCount() != 1) {
                    throw OtsException.parameterInvalid("The number of sub-filters of a NOT filter must be 1.");
                }
                if (op != CompositeFilter.Operator.NOT && c.getSubFiltersCount() < 2) {
                    throw OtsException.parameterInvalid("The number of sub-filters of an AND/OR filter must be at least 2.");
                }
                List<RowFilter> subs = new ArrayList<>();
                for (OtsFilter.Filter sub : c.getSubFiltersList()) {
                    subs.add(parse(sub));
                }
                return new CompositeFilter(op, List.copyOf(subs));
            }
            case FT_COLUMN_PAGINATION: {
                OtsFilter.ColumnPaginationFilter p = OtsFilter.ColumnPaginationFilter.parseFrom(f.getFilter());
                return new ColumnPagination(p.getOffset(), p.getLimit());
            }
            default:
                throw OtsException.parameterInvalid("Unknown filter type: " + f.getType());
        }
    }
}
