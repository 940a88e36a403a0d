package io.tablesync.dist;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.UpdateRowRequest;
import io.tablesync.testkit.demo.SeedDemo;

/**
 * Changes on the seed's table whose records are known in advance, one each: puts on fresh keys
 * (UPSERT), updates of one column of rows that exist (UPDATE), deletes of rows that exist (DELETE).
 */
final class KnownWork {
    private final SyncClient client;
    int upserts;
    int updates;
    int deletes;
    private int next;

    KnownWork(SyncClient client) {
        this.client = client;
    }

    /** {@code puts} new rows, then updates the first {@code updateCount} of them and deletes the last {@code deleteCount}. */
    void run(int puts, int updateCount, int deleteCount) {
        if (updateCount + deleteCount > puts) {
            throw new IllegalArgumentException("updates and deletes must touch different new rows");
        }
        int first = next;
        for (int i = 0; i < puts; i++) {
            SeedDemo.put(client, "k" + next++, "n" + i, "p" + i);
        }
        for (int i = 0; i < updateCount; i++) {
            RowUpdateChange c = new RowUpdateChange(SeedDemo.TABLE, SeedDemo.pk("k" + (first + i)));
            c.put("name", ColumnValue.fromString("updated" + i));
            client.updateRow(new UpdateRowRequest(c));
        }
        for (int i = 0; i < deleteCount; i++) {
            String uid = "k" + (first + puts - 1 - i);
            client.deleteRow(new DeleteRowRequest(new RowDeleteChange(SeedDemo.TABLE, SeedDemo.pk(uid))));
        }
        upserts += puts;
        updates += updateCount;
        deletes += deleteCount;
    }

    int total() {
        return upserts + updates + deletes;
    }
}
