package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchGetRowRequest;
import com.alicloud.openservices.tablestore.model.BatchGetRowResponse;
import com.alicloud.openservices.tablestore.model.MultiRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether rows exist now. A stream record of an UpdateRow that only deletes columns cannot say
 * whether the row still exists afterwards (a row whose last attribute column is deleted is gone,
 * and deleting columns of a deleted row creates nothing); the reader asks the table instead — for a
 * whole page of stream records at once, with BatchGetRow (at most 100 rows per request, the
 * service's limit), not with a GetRow per record.
 */
@FunctionalInterface
public interface RowExistence {
    String REQUESTS_COUNTER = "otsstreamreader row-existence requests (BatchGetRow)";
    String ROWS_COUNTER = "otsstreamreader row-existence rows checked";
    int MAX_ROWS_PER_REQUEST = 100;

    /** One answer per key, in the order given. */
    boolean[] exist(List<PrimaryKey> keys);

    static RowExistence of(SyncClient client, String table, TaskPluginCollector counters) {
        return keys -> {
            boolean[] out = new boolean[keys.size()];
            for (int from = 0; from < keys.size(); from += MAX_ROWS_PER_REQUEST) {
                List<PrimaryKey> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_ROWS_PER_REQUEST));
                MultiRowQueryCriteria criteria = new MultiRowQueryCriteria(table);
                criteria.setMaxVersions(1);
                chunk.forEach(criteria::addRow);
                BatchGetRowRequest req = new BatchGetRowRequest();
                req.addMultiRowQueryCriteria(criteria);
                BatchGetRowResponse r;
                try {
                    r = client.batchGetRow(req);
                } catch (RuntimeException e) {
                    throw OtsErrors.translate(e, "checking whether rows of table " + table + " exist");
                }
                counters.incrementCounter(REQUESTS_COUNTER, 1);
                counters.incrementCounter(ROWS_COUNTER, chunk.size());
                List<BatchGetRowResponse.RowResult> results = new ArrayList<>(r.getBatchGetRowResult(table));
                for (BatchGetRowResponse.RowResult result : results) {
                    if (!result.isSucceed()) {
                        throw OtsErrors.translate(new IllegalStateException(String.valueOf(result.getError())),
                                "checking whether rows of table " + table + " exist");
                    }
                    out[from + result.getIndex()] = result.getRow() != null;
                }
            }
            return out;
        };
    }
}
