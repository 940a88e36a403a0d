package io.tablesync.tablestore.local;

import static io.tablesync.tablestore.local.SdkFixture.pk;
import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.*;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Without a global write lock, concurrent writers must still lose no update and keep each shard's records in commit
 * order: 8 client threads increment counters of 20 keys in two tables whose 2 shards each take 10 keys, through
 * single-row and batch writes.
 */
class ConcurrentWritersTest {

    @Test
    void concurrentIncrementsLoseNothingAndStreamsReplayThemInOrder() throws Exception {
        try (TablestoreLocal server = TablestoreLocal.builder().shards(2).build().start()) {
            SyncClient client = SdkFixture.syncClient(server);
            SdkFixture.createTable(client, "t1", 1, true);
            SdkFixture.createTable(client, "t2", 1, false);
            UpdateTableRequest streamOn = new UpdateTableRequest("t2"); // a stream enabled later routes the same way
            streamOn.setStreamSpecification(new StreamSpecification(true, 24));
            client.updateTable(streamOn);

            Map<String, AtomicInteger> expected = new ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int t = thread;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        String table = (i + t) % 2 == 0 ? "t1" : "t2";
                        if (i % 3 == 0) {
                            BatchWriteRowRequest b = new BatchWriteRowRequest();
                            for (int j = 0; j < 4; j++) {
                                String key = "k" + ((i + j * 5 + t) % 20);
                                b.addRowChange(increment(table, key));
                                expected.computeIfAbsent(table + "/" + key, k -> new AtomicInteger()).incrementAndGet();
                            }
                            assertThat(client.batchWriteRow(b).isAllSucceed()).isTrue();
                        } else {
                            String key = "k" + ((i * 7 + t) % 20);
                            client.updateRow(new UpdateRowRequest(increment(table, key)));
                            expected.computeIfAbsent(table + "/" + key, k -> new AtomicInteger()).incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            for (String table : List.of("t1", "t2")) {
                Map<String, List<Long>> replayed = new HashMap<>();
                Map<String, List<StreamRecord>> shards = StreamReader.readAll(client, StreamReader.streamId(client, table));
                for (List<StreamRecord> records : shards.values()) {
                    long lastTs = Long.MIN_VALUE;
                    for (StreamRecord r : records) {
                        assertThat(r.getSequenceInfo().getTimestamp()).isGreaterThan(lastTs);
                        lastTs = r.getSequenceInfo().getTimestamp();
                        replayed.computeIfAbsent(r.getPrimaryKey().getPrimaryKeyColumn("pk").getValue().asString(),
                                k -> new ArrayList<>()).add(r.getColumns().get(0).getColumn().getValue().asLong());
                    }
                }
                for (int k = 0; k < 20; k++) {
                    String key = "k" + k;
                    int count = expected.getOrDefault(table + "/" + key, new AtomicInteger()).get();
                    List<Long> inOrder = new ArrayList<>();
                    for (long v = 1; v <= count; v++) {
                        inOrder.add(v);
                    }
                    assertThat(replayed.getOrDefault(key, List.of())).as(table + " " + key).isEqualTo(inOrder);
                    if (count > 0) {
                        SingleRowQueryCriteria get = new SingleRowQueryCriteria(table, pk(key, 0));
                        get.setMaxVersions(1);
                        assertThat(client.getRow(new GetRowRequest(get)).getRow().getLatestColumn("c").getValue().asLong())
                                .isEqualTo(count);
                    }
                }
            }
            client.shutdown();
        }
    }

    private static RowUpdateChange increment(String table, String key) {
        RowUpdateChange u = new RowUpdateChange(table, pk(key, 0));
        u.increment(new Column("c", ColumnValue.fromLong(1)));
        return u;
    }
}
