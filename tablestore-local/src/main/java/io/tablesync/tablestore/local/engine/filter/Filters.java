package io.tablesync.tablestore.local.engine.filter;

import com.alicloud.openservices.tablestore.core.protocol.OtsFilter;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.Limits;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferException;
import io.tablesync.tablestore.local.plainbuffer.PlainBufferReader;
import io.tablesync.tablestore.local.plainbuffer.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the protocol's {@code OtsFilter.Filter} bytes (column conditions and read filters) into {@link RowFilter}s,
 * with the service's limits: at most 32 filters in a tree (which bounds its depth and breadth too), valid column
 * names, values of at most 2 MB.
 */
public final class Filters {

    static final int MAX_FILTERS = 32;

    private Filters() {
    }

    public static RowFilter parse(ByteString bytes) {
        try {
            return new Filters.Parser().parse(OtsFilter.Filter.parseFrom(bytes));
        } catch (InvalidProtocolBufferException e) {
            throw OtsException.parameterInvalid("Invalid filter: " + e.getMessage());
        }
    }

    private static final class Parser {
        private int count;

        private RowFilter parse(OtsFilter.Filter f) throws InvalidProtocolBufferException {
            if (++count > MAX_FILTERS) {
                throw OtsException.parameterInvalid("The count of filter exceeds the max: " + MAX_FILTERS + ".");
            }
            switch (f.getType()) {
                case FT_SINGLE_COLUMN_VALUE:
                    return single(OtsFilter.SingleColumnValueFilter.parseFrom(f.getFilter()));
                case FT_COMPOSITE_COLUMN_VALUE:
                    return composite(OtsFilter.CompositeColumnValueFilter.parseFrom(f.getFilter()));
                case FT_COLUMN_PAGINATION: {
                    OtsFilter.ColumnPaginationFilter p = OtsFilter.ColumnPaginationFilter.parseFrom(f.getFilter());
                    return new ColumnPagination(p.getOffset(), p.getLimit());
                }
                default:
                    throw OtsException.parameterInvalid("Unknown filter type: " + f.getType());
            }
        }

        private RowFilter single(OtsFilter.SingleColumnValueFilter s) {
            if (s.hasValueTransRule()) {
                throw OtsException.unsupported("Value transfer rules (regex filters) are not supported by tablestore-local.");
            }
            Limits.checkColumnName(s.getColumnName());
            SingleColumnFilter.Comparator cmp = SingleColumnFilter.Comparator.values()[s.getComparator().getNumber() - 1];
            Value v = null;
            if (cmp != SingleColumnFilter.Comparator.EXIST && cmp != SingleColumnFilter.Comparator.NOT_EXIST) {
                byte[] raw = s.getColumnValue().toByteArray();
                if (raw.length > Limits.MAX_VALUE_BYTES + 5) {
                    throw OtsException.parameterInvalid("The length of the value of column: '" + s.getColumnName()
                            + "' in the filter exceeds the MaxLength:" + Limits.MAX_VALUE_BYTES + " with CurrentLength:"
                            + (raw.length - 5) + ".");
                }
                try {
                    v = PlainBufferReader.readBareValue(raw);
                } catch (PlainBufferException e) {
                    throw OtsException.parameterInvalid("Invalid column value in filter: " + e.getMessage());
                }
            }
            return new SingleColumnFilter(cmp, s.getColumnName(), v, s.getFilterIfMissing(),
                    !s.hasLatestVersionOnly() || s.getLatestVersionOnly());
        }

        private RowFilter composite(OtsFilter.CompositeColumnValueFilter c) throws InvalidProtocolBufferException {
            CompositeFilter.Operator op = CompositeFilter.Operator.values()[c.getCombinator().getNumber() - 1];
            if (op == CompositeFilter.Operator.NOT && c.getSubFiltersCount() != 1) {
                throw OtsException.parameterInvalid("The number of sub-filters of a NOT filter must be 1.");
            }
            if (op != CompositeFilter.Operator.NOT && c.getSubFiltersCount() < 2) {
                throw OtsException.parameterInvalid("Invalid AND/OR operator: the number of sub-filters must be more than 1.");
            }
            List<RowFilter> subs = new ArrayList<>();
            for (OtsFilter.Filter sub : c.getSubFiltersList()) {
                subs.add(parse(sub));
            }
            return new CompositeFilter(op, List.copyOf(subs));
        }
    }
}
