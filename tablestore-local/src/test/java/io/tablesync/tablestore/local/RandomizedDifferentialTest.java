package io.tablesync.tablestore.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.*;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random puts, updates (put / delete column / increment), deletes and conditional writes, single and
 * batched, on a small key space, while shards are split and merged. Afterwards (1) GetRange over the whole table
 * equals an in-test model and (2) replaying the stream records in order onto an empty model yields the same table.
 */
class RandomizedDifferentialTest {

    private static final String[] COLUMNS = {"a", "b", "c"};
    private static final int OPS = 4000;

    /** key "pk/n" → column → value (latest version only: the table keeps one version). */
    private final Map<String, TreeMap<String, ColumnValue>> model = new TreeMap<>();

    @Test
    void tableAndStreamReplayMatchModel() {
        long seed = Long.getLong("differential.seed", System.nanoTime());
        Random rnd = new Random(seed);
        try (TablestoreLocal server = TablestoreLocal.builder().shards(4).build().start()) {
            SyncClient c = SdkFixture.syncClient(server);
            try {
                String t = "diff";
                SdkFixture.createTable(c, t, 1, true);
                String streamId = StreamReader.streamId(c, t);
                int i = 0;
                while (i < OPS) {
                    if (i == OPS / 3) {
                        server.splitShard(t, openShard(c, streamId));
                    }
                    if (i == 2 * OPS / 3) {
                        mergeSomeAdjacentPair(server, c, t, streamId);
                    }
                    if (rnd.nextInt(10) == 0) {
                        i += batch(c, t, rnd);
                    } else {
                        single(c, t, rnd);
                        i++;
                    }
                }
                assertThat(scan(c, t)).as("GetRange vs model, seed " + seed).isEqualTo(render(model));
                assertThat(render(replay(c, streamId))).as("stream replay vs model, seed " + seed)
                        .isEqualTo(render(model));
            } finally {
                c.shutdown();
            }
        }
    }

    private static String openShard(SyncClient c, String streamId) {
        List<StreamShard> shards = StreamReader.shards(c, streamId, 100);
        return shards.get(shards.size() - 1).getShardId();
    }

    private static void mergeSomeAdjacentPair(TablestoreLocal server, SyncClient c, String t, String streamId) {
        // The two children of the split are adjacent; they are the last two shards listed.
        List<StreamShard> shards = StreamReader.shards(c, streamId, 100);
        server.mergeShards(t, shards.get(shards.size() - 2).getShardId(), shards.get(shards.size() - 1).getShardId());
    }

    private static String key(String pk, long n) {
        return pk + "/" + n;
    }

    private static PrimaryKey pkOf(String key) {
        String[] p = key.split("/");
        return SdkFixture.pk(p[0], Long.parseLong(p[1]));
    }

    private static String randomKey(Random rnd) {
        return key("p" + rnd.nextInt(12), rnd.nextInt(25));
    }

    private static ColumnValue randomValue(Random rnd) {
        switch (rnd.nextInt(3)) {
            case 0:
                return ColumnValue.fromLong(rnd.nextInt(1000) - 500);
            case 1:
                return ColumnValue.fromString("s" + rnd.nextInt(100));
            default:
                return ColumnValue.fromBoolean(rnd.nextBoolean());
        }
    }

    /** A random change plus how the model applies it (null when the model says the condition fails). */
    private record Op(RowChange change, Runnable applyToModel, boolean conditionHolds) {
    }

    private Op randomOp(String t, String key, Random rnd) {
        TreeMap<String, ColumnValue> current = model.get(key);
        boolean exists = current != null;
        int kind = rnd.nextInt(10);
        if (kind < 4) {
            RowPutChange put = new RowPutChange(t, pkOf(key));
            TreeMap<String, ColumnValue> row = new TreeMap<>();
            for (String col : COLUMNS) {
                if (rnd.nextBoolean()) {
                    ColumnValue v = randomValue(rnd);
                    put.addColumn(col, v);
                    row.put(col, v);
                }
            }
            boolean holds = true;
            if (rnd.nextInt(5) == 0) {
                put.setCondition(new Condition(RowExistenceExpectation.EXPECT_NOT_EXIST));
                holds = !exists;
            }
            return new Op(put, () -> model.put(key, row), holds);
        }
        if (kind < 8) {
            RowUpdateChange upd = new RowUpdateChange(t, pkOf(key));
            TreeMap<String, ColumnValue> row = exists ? new TreeMap<>(current) : new TreeMap<>();
            Set<String> used = new HashSet<>();
            int n = 1 + rnd.nextInt(3);
            for (int j = 0; j < n; j++) {
                int what = rnd.nextInt(3);
                if (what == 0) {
                    String col = COLUMNS[rnd.nextInt(COLUMNS.length)];
                    if (used.add(col)) {
                        ColumnValue v = randomValue(rnd);
                        upd.put(col, v);
                        row.put(col, v);
                    }
                } else if (what == 1) {
                    String col = COLUMNS[rnd.nextInt(COLUMNS.length)];
                    if (used.add(col)) {
                        upd.deleteColumns(col);
                        row.remove(col);
                    }
                } else if (used.add("cnt")) {
                    long delta = rnd.nextInt(10) - 3;
                    upd.increment(new Column("cnt", ColumnValue.fromLong(delta)));
                    ColumnValue old = row.get("cnt");
                    row.put("cnt", ColumnValue.fromLong((old == null ? 0 : old.asLong()) + delta));
                }
            }
            if (used.isEmpty()) {
                upd.deleteColumns("a");
                row.remove("a");
            }
            boolean holds = true;
            if (rnd.nextInt(4) == 0) {
                upd.setCondition(new Condition(RowExistenceExpectation.EXPECT_EXIST));
                holds = exists;
            }
            return new Op(upd, () -> {
                if (row.isEmpty()) {
                    model.remove(key); // an update that leaves no attribute column removes the row
                } else {
                    model.put(key, row);
                }
            }, holds);
        }
        RowDeleteChange del = new RowDeleteChange(t, pkOf(key));
        boolean holds = true;
        if (rnd.nextInt(4) == 0) {
            del.setCondition(new Condition(RowExistenceExpectation.EXPECT_EXIST));
            holds = exists;
        }
        return new Op(del, () -> model.remove(key), holds);
    }

    private void single(SyncClient c, String t, Random rnd) {
        Op op = randomOp(t, randomKey(rnd), rnd);
        try {
            if (op.change() instanceof RowPutChange p) {
                c.putRow(new PutRowRequest(p));
            } else if (op.change() instanceof RowUpdateChange u) {
                c.updateRow(new UpdateRowRequest(u));
            } else {
                c.deleteRow(new DeleteRowRequest((RowDeleteChange) op.change()));
            }
            assertThat(op.conditionHolds()).as("server accepted a write the model rejects").isTrue();
            op.applyToModel().run();
        } catch (TableStoreException e) {
            assertThat(e.getErrorCode()).isEqualTo("OTSConditionCheckFail");
            assertThat(op.conditionHolds()).as("server rejected a write the model accepts").isFalse();
        }
    }

    private int batch(SyncClient c, String t, Random rnd) {
        BatchWriteRowRequest b = new BatchWriteRowRequest();
        List<Op> ops = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        int size = 1 + rnd.nextInt(50);
        for (int j = 0; j < size; j++) {
            String k = randomKey(rnd);
            if (keys.add(k)) { // one change per row and batch, so the model can apply them in any order
                Op op = randomOp(t, k, rnd);
                ops.add(op);
                b.addRowChange(op.change());
            }
        }
        BatchWriteRowResponse r = c.batchWriteRow(b);
        for (BatchWriteRowResponse.RowResult res : r.getSucceedRows()) {
            Op op = ops.get(res.getIndex());
            assertThat(op.conditionHolds()).isTrue();
            op.applyToModel().run();
        }
        for (BatchWriteRowResponse.RowResult res : r.getFailedRows()) {
            assertThat(res.getError().getCode()).isEqualTo("OTSConditionCheckFail");
            assertThat(ops.get(res.getIndex()).conditionHolds()).isFalse();
        }
        return ops.size();
    }

    private static String render(Map<String, TreeMap<String, ColumnValue>> table) {
        StringBuilder sb = new StringBuilder();
        for (var row : table.entrySet()) {
            sb.append(row.getKey()).append(row.getValue()).append('\n');
        }
        return sb.toString();
    }

    private static String scan(SyncClient c, String t) {
        RangeIteratorParameter p = new RangeIteratorParameter(t);
        p.setInclusiveStartPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.INF_MIN).addPrimaryKeyColumn("n", PrimaryKeyValue.INF_MIN).build());
        p.setExclusiveEndPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.INF_MAX).addPrimaryKeyColumn("n", PrimaryKeyValue.INF_MAX).build());
        p.setMaxVersions(1);
        p.setBufferSize(37);
        Map<String, TreeMap<String, ColumnValue>> out = new TreeMap<>();
        c.createRangeIterator(p).forEachRemaining(row -> {
            TreeMap<String, ColumnValue> cols = new TreeMap<>();
            for (Column col : row.getColumns()) {
                cols.put(col.getName(), col.getValue());
            }
            out.put(key(row.getPrimaryKey().getPrimaryKeyColumn("pk").getValue().asString(),
                    row.getPrimaryKey().getPrimaryKeyColumn("n").getValue().asLong()), cols);
        });
        return render(out);
    }

    private static Map<String, TreeMap<String, ColumnValue>> replay(SyncClient c, String streamId) {
        Map<String, TreeMap<String, ColumnValue>> out = new TreeMap<>();
        for (List<StreamRecord> shard : StreamReader.readAll(c, streamId).values()) {
            for (StreamRecord r : shard) {
                String k = key(r.getPrimaryKey().getPrimaryKeyColumn("pk").getValue().asString(),
                        r.getPrimaryKey().getPrimaryKeyColumn("n").getValue().asLong());
                switch (r.getRecordType()) {
                    case PUT: {
                        TreeMap<String, ColumnValue> row = new TreeMap<>();
                        r.getColumns().forEach(col -> row.put(col.getColumn().getName(), col.getColumn().getValue()));
                        out.put(k, row);
                        break;
                    }
                    case UPDATE: {
                        TreeMap<String, ColumnValue> row = out.getOrDefault(k, new TreeMap<>());
                        for (RecordColumn col : r.getColumns()) {
                            if (col.getColumnType() == RecordColumn.ColumnType.PUT) {
                                row.put(col.getColumn().getName(), col.getColumn().getValue());
                            } else {
                                row.remove(col.getColumn().getName());
                            }
                        }
                        if (row.isEmpty()) {
                            out.remove(k);
                        } else {
                            out.put(k, row);
                        }
                        break;
                    }
                    default:
                        out.remove(k);
                }
            }
        }
        return out;
    }
}
