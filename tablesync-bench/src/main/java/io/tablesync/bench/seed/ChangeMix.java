package io.tablesync.bench.seed;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import io.tablesync.testkit.demo.SeedDemo;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * The workload of issue 14: {@code n} random changes over {@code n / 5} keys of the seed's table —
 * 58 % puts (name + phone), 21 % partial updates (one of the two columns), 7 % updates that delete the
 * phone column, 14 % row deletes — written with BatchWriteRow, 200 rows per call (no key twice in one
 * call, as the service requires). Seeded, so every run writes the same changes.
 */
final class ChangeMix {
    /** How many changes of each kind were written. */
    record Counts(int puts, int updates, int columnDeletes, int rowDeletes) {
        int total() {
            return puts + updates + columnDeletes + rowDeletes;
        }
    }

    private ChangeMix() {
    }

    static Counts write(SyncClient client, int n, long seed) {
        Random rnd = new Random(seed);
        int keys = Math.max(1, n / 5);
        int puts = 0;
        int updates = 0;
        int columnDeletes = 0;
        int rowDeletes = 0;
        int written = 0;
        while (written < n) {
            BatchWriteRowRequest req = new BatchWriteRowRequest();
            Set<String> inCall = new HashSet<>();
            int inThisCall = Math.min(200, n - written);
            while (inCall.size() < inThisCall) {
                String uid = "u" + rnd.nextInt(keys);
                if (!inCall.add(uid)) {
                    continue;
                }
                int kind = rnd.nextInt(100);
                int v = rnd.nextInt(1_000_000);
                if (kind < 58) {
                    RowPutChange put = new RowPutChange(SeedDemo.TABLE, SeedDemo.pk(uid));
                    put.addColumn("name", ColumnValue.fromString("name-" + v));
                    put.addColumn("phone", ColumnValue.fromString("phone-" + v));
                    req.addRowChange(put);
                    puts++;
                } else if (kind < 79) {
                    RowUpdateChange update = new RowUpdateChange(SeedDemo.TABLE, SeedDemo.pk(uid));
                    update.put(rnd.nextBoolean() ? "name" : "phone", ColumnValue.fromString("upd-" + v));
                    req.addRowChange(update);
                    updates++;
                } else if (kind < 86) {
                    RowUpdateChange dropPhone = new RowUpdateChange(SeedDemo.TABLE, SeedDemo.pk(uid));
                    dropPhone.deleteColumns("phone");
                    req.addRowChange(dropPhone);
                    columnDeletes++;
                } else {
                    req.addRowChange(new RowDeleteChange(SeedDemo.TABLE, SeedDemo.pk(uid)));
                    rowDeletes++;
                }
            }
            if (!client.batchWriteRow(req).isAllSucceed()) {
                throw new IllegalStateException("BatchWriteRow failed while writing the changes");
            }
            written += inThisCall;
        }
        return new Counts(puts, updates, columnDeletes, rowDeletes);
    }
}
