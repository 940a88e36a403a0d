package io.tablesync.dist;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.UpdateRowRequest;
import io.tablesync.testkit.demo.SeedDemo;
import java.util.Random;

/**
 * Random changes on the seed's table: puts, partial updates of either column, column deletes and
 * row deletes, over a key space with a few hot keys that take a large share of the changes.
 */
final class Workload {
    private final SyncClient client;
    private final Random random;
    private final int keys;
    private final String prefix;
    private long puts;
    private long updates;
    private long columnDeletes;
    private long rowDeletes;

    Workload(SyncClient client, long seed, int keys) {
        this(client, seed, keys, "");
    }

    /** Keys start with {@code prefix}, so several workloads can write at once without sharing a key. */
    Workload(SyncClient client, long seed, int keys, String prefix) {
        this.client = client;
        this.random = new Random(seed);
        this.keys = keys;
        this.prefix = prefix;
    }

    void write(int count) {
        for (int i = 0; i < count; i++) {
            // a fifth of all changes hit 5 hot keys
            String uid = prefix + (random.nextInt(5) == 0 ? "hot" + random.nextInt(5) : "k" + random.nextInt(keys));
            int op = random.nextInt(100);
            if (op < 45) {
                SeedDemo.put(client, uid, "n" + random.nextInt(100_000), "p" + random.nextInt(100_000));
                puts++;
            } else if (op < 85) {
                RowUpdateChange c = new RowUpdateChange(SeedDemo.TABLE, SeedDemo.pk(uid));
                if (op < 65) {
                    c.put("name", ColumnValue.fromString("n" + random.nextInt(100_000)));
                    updates++;
                } else if (op < 75) {
                    c.put("phone", ColumnValue.fromString("p" + random.nextInt(100_000)));
                    updates++;
                } else {
                    c.deleteColumns("phone");
                    columnDeletes++;
                }
                client.updateRow(new UpdateRowRequest(c));
            } else {
                client.deleteRow(new DeleteRowRequest(new RowDeleteChange(SeedDemo.TABLE, SeedDemo.pk(uid))));
                rowDeletes++;
            }
        }
    }

    long total() {
        return puts + updates + columnDeletes + rowDeletes;
    }

    @Override
    public String toString() {
        return total() + " changes: " + puts + " puts, " + updates + " partial updates, " + columnDeletes
                + " column deletes, " + rowDeletes + " row deletes";
    }
}
