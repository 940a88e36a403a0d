package io.tablesync.tablestore.local;

import static io.tablesync.tablestore.local.SdkFixture.pk;
import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.*;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SDK options that change the wire format (request/response compression, response MD5 checking), stream origin
 * columns, version/time-range reads, TTL expiry, batch limits, unsupported actions.
 */
class ClientOptionsAndEdgeCasesTest {

    static MutableClock clock = new MutableClock();
    static TablestoreLocal server;
    static SyncClient client;

    @BeforeAll
    static void start() {
        server = TablestoreLocal.builder().clock(clock).build().start();
        client = SdkFixture.syncClient(server);
    }

    @AfterAll
    static void stop() {
        client.shutdown();
        server.close();
    }

    @Test
    void compressionBothWaysAndResponseMd5Checking() {
        ClientConfiguration cfg = SdkFixture.config();
        cfg.setEnableRequestCompression(true);
        cfg.setEnableResponseCompression(true);
        cfg.setEnableResponseContentMD5Checking(true);
        SyncClient c = new SyncClient(server.endpoint(), server.accessKeyId(), server.accessKeySecret(),
                server.instance(), cfg);
        try {
            String t = SdkFixture.uniqueTable("zip");
            SdkFixture.createTable(c, t, 1, false);
            RowPutChange p = new RowPutChange(t, pk("k", 1));
            p.addColumn("text", ColumnValue.fromString("x".repeat(10_000)));
            c.putRow(new PutRowRequest(p));
            SingleRowQueryCriteria q = new SingleRowQueryCriteria(t, pk("k", 1));
            q.setMaxVersions(1);
            assertThat(c.getRow(new GetRowRequest(q)).getRow().getLatestColumn("text").getValue().asString())
                    .hasSize(10_000);
        } finally {
            c.shutdown();
        }
    }

    @Test
    void streamOriginColumnsCarryTheBeforeImage() {
        String t = SdkFixture.uniqueTable("origin");
        TableMeta meta = new TableMeta(t);
        meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("n", PrimaryKeyType.INTEGER);
        CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, 1));
        StreamSpecification spec = new StreamSpecification(true, 24);
        spec.addOriginColumnsToGet("a");
        req.setStreamSpecification(spec);
        client.createTable(req);
        RowPutChange p1 = new RowPutChange(t, pk("k", 1));
        p1.addColumn("a", ColumnValue.fromLong(1));
        client.putRow(new PutRowRequest(p1));
        RowUpdateChange u = new RowUpdateChange(t, pk("k", 1));
        u.put("a", ColumnValue.fromLong(2));
        client.updateRow(new UpdateRowRequest(u));

        List<StreamRecord> recs = StreamReader.readAll(client, StreamReader.streamId(client, t)).values().stream()
                .flatMap(List::stream).toList();
        assertThat(recs).hasSize(2);
        assertThat(recs.get(0).getOriginColumns()).isEmpty();
        assertThat(recs.get(1).getOriginColumns()).hasSize(1);
        assertThat(recs.get(1).getOriginColumns().get(0).getColumn().getValue().asLong()).isEqualTo(1);
        assertThat(client.describeTable(new DescribeTableRequest(t)).getStreamDetails().getOriginColumnsToGet())
                .containsExactly("a");
    }

    @Test
    void maxVersionsAndTimeRangeOnGetRange() {
        String t = SdkFixture.uniqueTable("versions");
        SdkFixture.createTable(client, t, 2, false);
        long now = clock.millis();
        for (int v = 1; v <= 3; v++) {
            RowUpdateChange u = new RowUpdateChange(t, pk("k", 1));
            u.put("c", ColumnValue.fromLong(v), now - 10_000 + v * 1000L);
            client.updateRow(new UpdateRowRequest(u));
        }
        RangeRowQueryCriteria c = new RangeRowQueryCriteria(t);
        c.setInclusiveStartPrimaryKey(pk("k", 0));
        c.setExclusiveEndPrimaryKey(pk("k", 5));
        c.setMaxVersions(5);
        Row row = client.getRange(new GetRangeRequest(c)).getRows().get(0);
        assertThat(row.getColumn("c")).as("table keeps max_versions = 2").extracting(col -> col.getValue().asLong())
                .containsExactly(3L, 2L);

        RangeRowQueryCriteria tr = new RangeRowQueryCriteria(t);
        tr.setInclusiveStartPrimaryKey(pk("k", 0));
        tr.setExclusiveEndPrimaryKey(pk("k", 5));
        tr.setTimeRange(new TimeRange(now - 8_500, now - 7_500));
        assertThat(client.getRange(new GetRangeRequest(tr)).getRows().get(0).getColumn("c"))
                .extracting(col -> col.getValue().asLong()).containsExactly(2L);
    }

    @Test
    void ttlHidesExpiredVersionsAndRows() {
        String t = SdkFixture.uniqueTable("ttl");
        TableMeta meta = new TableMeta(t);
        meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("n", PrimaryKeyType.INTEGER);
        client.createTable(new CreateTableRequest(meta, new TableOptions(3600, 1)));
        RowPutChange p = new RowPutChange(t, pk("k", 1));
        p.addColumn("c", ColumnValue.fromLong(1));
        client.putRow(new PutRowRequest(p));
        SingleRowQueryCriteria q = new SingleRowQueryCriteria(t, pk("k", 1));
        q.setMaxVersions(1);
        assertThat(client.getRow(new GetRowRequest(q)).getRow()).isNotNull();
        clock.advance(Duration.ofHours(2));
        try {
            assertThat(client.getRow(new GetRowRequest(q)).getRow()).isNull();
            RowPutChange again = new RowPutChange(t, pk("k", 1));
            again.addColumn("c", ColumnValue.fromLong(2));
            again.setCondition(new Condition(RowExistenceExpectation.EXPECT_NOT_EXIST));
            client.putRow(new PutRowRequest(again));
        } finally {
            clock.advance(Duration.ofHours(-2));
        }
    }

    @Test
    void batchLimitsAndUnsupportedActions() {
        String t = SdkFixture.uniqueTable("limits");
        SdkFixture.createTable(client, t, 1, false);
        BatchWriteRowRequest b = new BatchWriteRowRequest();
        for (int i = 0; i < 201; i++) {
            RowPutChange p = new RowPutChange(t, pk("k", i));
            p.addColumn("c", ColumnValue.fromLong(i));
            b.addRowChange(p);
        }
        try {
            client.batchWriteRow(b);
            throw new AssertionError("expected OTSParameterInvalid");
        } catch (TableStoreException e) {
            assertThat(e.getErrorCode()).isEqualTo("OTSParameterInvalid");
            assertThat(e.getMessage()).contains("200");
        }
        try {
            com.alicloud.openservices.tablestore.model.search.ListSearchIndexRequest ls =
                    new com.alicloud.openservices.tablestore.model.search.ListSearchIndexRequest();
            ls.setTableName(t);
            client.listSearchIndex(ls);
            throw new AssertionError("expected an error");
        } catch (TableStoreException e) {
            assertThat(e.getErrorCode()).isEqualTo("OTSUnsupportOperation");
            assertThat(e.getRequestId()).isNotEmpty();
        }
    }
}
