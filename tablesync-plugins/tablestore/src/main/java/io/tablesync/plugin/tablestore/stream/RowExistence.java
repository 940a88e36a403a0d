package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.GetRowRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.SingleRowQueryCriteria;

/**
 * Whether a row exists now. A stream record of an UpdateRow that only deletes columns cannot say
 * whether the row still exists afterwards (a row whose last attribute column is deleted is gone,
 * and deleting columns of a deleted row creates nothing); the reader asks the table instead.
 */
@FunctionalInterface
public interface RowExistence {
    boolean exists(PrimaryKey primaryKey);

    static RowExistence of(SyncClient client, String table) {
        return pk -> {
            SingleRowQueryCriteria criteria = new SingleRowQueryCriteria(table, pk);
            criteria.setMaxVersions(1);
            return client.getRow(new GetRowRequest(criteria)).getRow() != null;
        };
    }
}
