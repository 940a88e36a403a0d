package io.tablesync.tablestore.local;

import static io.tablesync.tablestore.local.SdkFixture.pk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.*;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ListStream, DescribeStream, GetShardIterator, GetStreamRecord; splits, merges and expiration. */
class StreamConformanceTest {

    static TablestoreLocal server;
    static SyncClient client;

    @BeforeAll
    static void start() {
        server = TablestoreLocal.builder().shards(3).build().start();
        client = SdkFixture.syncClient(server);
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        server.close();
    }

    private static String pkString(StreamRecord r) {
        return r.getPrimaryKey().getPrimaryKeyColumn("pk").getValue().asString();
    }

    @Test
    void recordsCarryPutUpdateDeleteWithColumnOpsAndSequenceInfo() {
        String t = SdkFixture.uniqueTable("srec");
        SdkFixture.createTable(client, t, 3, true);
        long ts = System.currentTimeMillis() - 1000;
        RowPutChange put = new RowPutChange(t, pk("k", 1));
        put.addColumn("a", ColumnValue.fromString("x"));
        put.addColumn("b", ColumnValue.fromLong(1), ts);
        client.putRow(new PutRowRequest(put));
        RowUpdateChange upd = new RowUpdateChange(t, pk("k", 1));
        upd.put("a", ColumnValue.fromString("y"));
        upd.deleteColumn("b", ts);
        upd.deleteColumns("c");
        upd.increment(new Column("cnt", ColumnValue.fromLong(3)));
        client.updateRow(new UpdateRowRequest(upd));
        client.deleteRow(new DeleteRowRequest(new RowDeleteChange(t, pk("k", 1))));

        String streamId = StreamReader.streamId(client, t);
        Map<String, List<StreamRecord>> all = StreamReader.readAll(client, streamId);
        List<StreamRecord> records = new ArrayList<>();
        all.values().forEach(records::addAll);
        assertThat(records).extracting(StreamRecord::getRecordType)
                .containsExactly(StreamRecord.RecordType.PUT, StreamRecord.RecordType.UPDATE, StreamRecord.RecordType.DELETE);

        StreamRecord p = records.get(0);
        assertThat(p.getPrimaryKey()).isEqualTo(pk("k", 1));
        assertThat(p.getColumns()).extracting(c -> c.getColumn().getName()).containsExactlyInAnyOrder("a", "b");
        assertThat(p.getColumns()).allMatch(c -> c.getColumnType() == RecordColumn.ColumnType.PUT && c.getColumn().hasSetTimestamp());
        assertThat(p.getColumns().stream().filter(c -> c.getColumn().getName().equals("b")).findFirst().get()
                .getColumn().getTimestamp()).isEqualTo(ts);

        StreamRecord u = records.get(1);
        Map<String, RecordColumn> cols = new HashMap<>();
        u.getColumns().forEach(c -> cols.put(c.getColumn().getName(), c));
        assertThat(cols.get("a").getColumnType()).isEqualTo(RecordColumn.ColumnType.PUT);
        assertThat(cols.get("a").getColumn().getValue().asString()).isEqualTo("y");
        assertThat(cols.get("b").getColumnType()).isEqualTo(RecordColumn.ColumnType.DELETE_ONE_VERSION);
        assertThat(cols.get("b").getColumn().getTimestamp()).isEqualTo(ts);
        assertThat(cols.get("c").getColumnType()).isEqualTo(RecordColumn.ColumnType.DELETE_ALL_VERSION);
        assertThat(cols.get("cnt").getColumnType()).as("increment arrives as its result").isEqualTo(RecordColumn.ColumnType.PUT);
        assertThat(cols.get("cnt").getColumn().getValue().asLong()).isEqualTo(3);

        assertThat(records.get(2).getPrimaryKey()).isEqualTo(pk("k", 1));
        long t0 = records.get(0).getSequenceInfo().getTimestamp();
        long t1 = records.get(1).getSequenceInfo().getTimestamp();
        long t2 = records.get(2).getSequenceInfo().getTimestamp();
        assertThat(t0).isLessThan(t1);
        assertThat(t1).isLessThan(t2);
        assertThat(Math.abs(t0 / 1000 - System.currentTimeMillis())).as("µs commit time").isLessThan(60_000);
    }

    @Test
    void listAndDescribeWithPagingAndOpenShardIterators() {
        String t = SdkFixture.uniqueTable("sdesc");
        SdkFixture.createTable(client, t, 1, true);
        String streamId = StreamReader.streamId(client, t);
        assertThat(client.listStream(new ListStreamRequest()).getStreams()).extracting(Stream::getStreamId).contains(streamId);
        DescribeStreamResponse d = client.describeStream(new DescribeStreamRequest(streamId));
        assertThat(d.getTableName()).isEqualTo(t);
        assertThat(d.getExpirationTime()).isEqualTo(24);
        assertThat(d.getStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(d.getShards()).hasSize(3);
        assertThat(StreamReader.shards(client, streamId, 1)).extracting(StreamShard::getShardId)
                .containsExactlyElementsOf(d.getShards().stream().map(StreamShard::getShardId).toList());

        // An open shard with no records: zero records and a non-null iterator (caught up for now).
        String iter = client.getShardIterator(new GetShardIteratorRequest(streamId, d.getShards().get(0).getShardId()))
                .getShardIterator();
        GetStreamRecordResponse r = client.getStreamRecord(new GetStreamRecordRequest(iter));
        assertThat(r.getRecords()).isEmpty();
        assertThat(r.getNextShardIterator()).isNotNull();

        DescribeTableResponse dt = client.describeTable(new DescribeTableRequest(t));
        assertThat(dt.getStreamDetails().getStreamId()).isEqualTo(streamId);

        // Disabling removes the stream; its iterators are then trimmed data.
        UpdateTableRequest off = new UpdateTableRequest(t);
        off.setStreamSpecification(new StreamSpecification(false));
        client.updateTable(off);
        assertThat(client.listStream(new ListStreamRequest(t)).getStreams()).isEmpty();
        try {
            client.getStreamRecord(new GetStreamRecordRequest(iter));
            throw new AssertionError("expected OTSTrimmedDataAccess");
        } catch (TableStoreException e) {
            assertThat(e.getErrorCode()).isEqualTo("OTSTrimmedDataAccess");
        }
    }

    @Test
    void iteratorWithTimestampStartsAtFirstLaterRecordAndIsReusable() throws Exception {
        String t = SdkFixture.uniqueTable("sts");
        SdkFixture.createTable(client, t, 1, true); // every row below has partition key "k": one shard gets them all
        String streamId = StreamReader.streamId(client, t);
        for (int i = 0; i < 5; i++) {
            RowPutChange p = new RowPutChange(t, pk("k", i));
            p.addColumn("i", ColumnValue.fromLong(i));
            client.putRow(new PutRowRequest(p));
        }
        String shard = null;
        List<StreamRecord> all = new ArrayList<>();
        for (StreamShard s : StreamReader.shards(client, streamId, 10)) {
            String it = client.getShardIterator(new GetShardIteratorRequest(streamId, s.getShardId())).getShardIterator();
            List<StreamRecord> recs = StreamReader.drain(client, it, 100).records();
            if (!recs.isEmpty()) {
                shard = s.getShardId();
            }
            all.addAll(recs);
        }
        assertThat(all).hasSize(5);
        StreamRecord third = all.get(2);
        GetShardIteratorRequest byTime = new GetShardIteratorRequest(streamId, shard);
        byTime.setTimestamp(third.getSequenceInfo().getTimestamp());
        String it = client.getShardIterator(byTime).getShardIterator();
        GetStreamRecordRequest req = new GetStreamRecordRequest(it);
        req.setLimit(2);
        List<StreamRecord> page = client.getStreamRecord(req).getRecords();
        assertThat(page).extracting(r -> r.getPrimaryKey().getPrimaryKeyColumn("n").getValue().asLong()).containsExactly(2L, 3L);
        // Stateless: the same iterator gives the same records again, also with a smaller limit.
        req.setLimit(1);
        assertThat(client.getStreamRecord(req).getRecords().get(0).getSequenceInfo().getTimestamp())
                .isEqualTo(third.getSequenceInfo().getTimestamp());
        req.setLimit(10_000);
        assertThat(client.getStreamRecord(req).getRecords()).hasSize(3);
        req.setLimit(10_001);
        assertThatThrownBy(() -> client.getStreamRecord(req)).isInstanceOfSatisfying(TableStoreException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo("OTSParameterInvalid");
            assertThat(e.getMessage()).contains("The limit must not be greater than 10000.");
        });
    }

    @Test
    void splitAndMergeCloseParentsAndKeepPerKeyOrder() throws Exception {
        String t = SdkFixture.uniqueTable("split");
        SdkFixture.createTable(client, t, 1, true);
        String streamId = StreamReader.streamId(client, t);
        List<String> keys = List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
        writeVersion(t, keys, 0);
        List<StreamShard> before = StreamReader.shards(client, streamId, 100);
        String parent = before.get(0).getShardId();

        HttpResponse<String> split = admin("/_local/split-shard?table=" + t + "&shard=" + parent);
        assertThat(split.statusCode()).isEqualTo(200);
        writeVersion(t, keys, 1);
        List<StreamShard> afterSplit = StreamReader.shards(client, streamId, 100);
        List<StreamShard> children = afterSplit.stream().filter(s -> parent.equals(s.getParentId())).toList();
        assertThat(children).hasSize(2);
        assertThat(split.body()).contains(children.get(0).getShardId(), children.get(1).getShardId());

        // The closed parent ends: draining it yields no next iterator.
        String pit = client.getShardIterator(new GetShardIteratorRequest(streamId, parent)).getShardIterator();
        assertThat(StreamReader.drain(client, pit, 3).shardEnded()).isTrue();

        String child = server.mergeShards(t, children.get(0).getShardId(), children.get(1).getShardId());
        writeVersion(t, keys, 2);
        StreamShard merged = StreamReader.shards(client, streamId, 100).stream()
                .filter(s -> s.getShardId().equals(child)).findFirst().get();
        assertThat(merged.getParentId()).isEqualTo(children.get(0).getShardId());
        assertThat(merged.getParentSiblingId()).isEqualTo(children.get(1).getShardId());

        // Reading parents before children, every key's versions arrive in order 0, 1, 2.
        Map<String, List<Long>> perKey = new HashMap<>();
        for (List<StreamRecord> recs : StreamReader.readAll(client, streamId).values()) {
            for (StreamRecord r : recs) {
                perKey.computeIfAbsent(pkString(r), k -> new ArrayList<>())
                        .add(r.getColumns().get(0).getColumn().getValue().asLong());
            }
        }
        for (String k : keys) {
            assertThat(perKey.get(k)).as(k).containsExactly(0L, 1L, 2L);
        }

        HttpResponse<String> bad = admin("/_local/merge-shards?table=" + t + "&shard=" + parent + "&sibling=" + child);
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    private static void writeVersion(String t, List<String> keys, long version) {
        for (String k : keys) {
            RowPutChange p = new RowPutChange(t, pk(k, 1));
            p.addColumn("v", ColumnValue.fromLong(version));
            client.putRow(new PutRowRequest(p));
        }
    }

    private static HttpResponse<String> admin(String pathAndQuery) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void expiredRecordsAreTrimmed() {
        MutableClock clock = new MutableClock();
        try (TablestoreLocal server = TablestoreLocal.builder().shards(3).clock(clock).build().start()) {
            SyncClient client = SdkFixture.syncClient(server);
            try {
                expire(server, client, clock);
            } finally {
                client.shutdown();
            }
        }
    }

    private static void expire(TablestoreLocal server, SyncClient client, MutableClock clock) {
        String t = SdkFixture.uniqueTable("sexp");
        SdkFixture.createTable(client, t, 1, true);
        String streamId = StreamReader.streamId(client, t);
        for (int i = 0; i < 10; i++) {
            RowPutChange p = new RowPutChange(t, pk("k" + i, 1));
            p.addColumn("v", ColumnValue.fromLong(i));
            client.putRow(new PutRowRequest(p));
        }
        List<String> iterators = new ArrayList<>();
        for (StreamShard s : StreamReader.shards(client, streamId, 100)) {
            iterators.add(client.getShardIterator(new GetShardIteratorRequest(streamId, s.getShardId())).getShardIterator());
        }
        clock.advance(Duration.ofHours(25));
        {
            RowPutChange fresh = new RowPutChange(t, pk("fresh", 1));
            fresh.addColumn("v", ColumnValue.fromLong(99));
            client.putRow(new PutRowRequest(fresh));
            int trimmed = 0;
            for (String it : iterators) {
                try {
                    client.getStreamRecord(new GetStreamRecordRequest(it));
                } catch (TableStoreException e) {
                    assertThat(e.getErrorCode()).isEqualTo("OTSTrimmedDataAccess");
                    assertThat(e.getHttpStatus()).isEqualTo(404);
                    trimmed++;
                }
            }
            assertThat(trimmed).as("every shard that had old records").isGreaterThan(0);
            List<StreamRecord> left = new ArrayList<>();
            StreamReader.readAll(client, streamId).values().forEach(left::addAll);
            assertThat(left).extracting(StreamConformanceTest::pkString).containsExactly("fresh");
        }
    }
}
