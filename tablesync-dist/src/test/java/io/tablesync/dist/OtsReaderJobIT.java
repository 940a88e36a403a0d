package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.BatchWriteRowRequest;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DataX {@code otsreader} → {@code elasticsearchwriter} job file in DataX's own layout (its documentation's
 * comments and trailing commas, upper-case constant types, a range with begin, end and split on a two-column
 * key, maxRetryTime), only the endpoints and credentials edited, run unchanged by {@code bin/tablesync run}. The
 * documents are compared with what the rows written by the test must give: every row inside the range and
 * none outside it, each column in the job's order, the constants on every document.
 */
class OtsReaderJobIT {
    private static final String TABLE = "orders";
    private static final String INDEX = "orders_index";
    private static final List<String> REGIONS = List.of("a", "b", "c", "d", "e", "f");
    private static final List<String> IN_RANGE = List.of("b", "c", "d");
    private static final int ROWS_PER_REGION = 2_500;

    @TempDir
    Path dir;

    @Test
    void theDataxJobRunsUnchangedAndEveryDocumentIsTheRowPlusTheConstants() throws Exception {
        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            SyncClient client = ots.syncClient();
            createTable(client);
            Map<String, Map<String, String>> expected = writeRows(client);
            es.http().deleteIndex(INDEX);
            Path job = dir.resolve("otsreader-to-es.json");
            Files.writeString(job, job(ots, es));

            Path dist = Path.of(System.getProperty("tablesync.dist"));
            ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/tablesync").toString(), "run", job.toString())
                    .redirectErrorStream(true);
            pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms256m -Xmx256m");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(0);
            assertThat(out).contains("read in 3 range(s) (range.split)")
                    .doesNotContain(ots.accessKeySecret());

            Map<String, Map<String, String>> docs = SeedDemo.documents(es.http(), INDEX);
            assertThat(docs).hasSize(IN_RANGE.size() * ROWS_PER_REGION);
            assertThat(docs).isEqualTo(expected);
        }
    }

    private static void createTable(SyncClient client) {
        TableMeta meta = new TableMeta(TABLE);
        meta.addPrimaryKeyColumn(new PrimaryKeySchema("region", PrimaryKeyType.STRING));
        meta.addPrimaryKeyColumn(new PrimaryKeySchema("id", PrimaryKeyType.INTEGER));
        client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
    }

    /**
     * Rows in six regions; every seventh row has no {@code paid} column and every eleventh no {@code price}
     * (a missing column is no field). Returns the documents the job must produce: those of regions b to d.
     */
    private static Map<String, Map<String, String>> writeRows(SyncClient client) {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        for (String region : REGIONS) {
            for (int from = 1; from <= ROWS_PER_REGION; from += 200) {
                BatchWriteRowRequest req = new BatchWriteRowRequest();
                for (int id = from; id < Math.min(ROWS_PER_REGION + 1, from + 200); id++) {
                    RowPutChange put = new RowPutChange(TABLE, PrimaryKeyBuilder.createPrimaryKeyBuilder()
                            .addPrimaryKeyColumn("region", PrimaryKeyValue.fromString(region))
                            .addPrimaryKeyColumn("id", PrimaryKeyValue.fromLong(id)).build());
                    Map<String, String> doc = new LinkedHashMap<>();
                    doc.put("region", region);
                    doc.put("id", String.valueOf(id));
                    String item = "item " + region + id;
                    put.addColumn("item", ColumnValue.fromString(item));
                    doc.put("item", item);
                    put.addColumn("qty", ColumnValue.fromLong(id % 13));
                    doc.put("qty", String.valueOf(id % 13));
                    if (id % 11 != 0) {
                        double price = id / 4.0;
                        put.addColumn("price", ColumnValue.fromDouble(price));
                        doc.put("price", String.valueOf(price));
                    }
                    if (id % 7 != 0) {
                        put.addColumn("paid", ColumnValue.fromBoolean(id % 2 == 0));
                        doc.put("paid", String.valueOf(id % 2 == 0));
                    }
                    put.addColumn("unmapped", ColumnValue.fromString("not in the job's column list"));
                    doc.put("source", "tablestore");
                    doc.put("version", "7");
                    doc.put("weight", "2.5");
                    doc.put("active", "true");
                    req.addRowChange(put);
                    if (IN_RANGE.contains(region)) {
                        expected.put(region + "_" + id, doc);
                    }
                }
                if (!client.batchWriteRow(req).isAllSucceed()) {
                    throw new IllegalStateException("writing rows failed");
                }
            }
        }
        return expected;
    }

    /** The job file as DataX's documentation lays it out, pointed at the test's servers (what a user edits). */
    private static String job(TablestoreLocal ots, EsNode es) throws Exception {
        String text;
        try (InputStream in = OtsReaderJobIT.class.getResourceAsStream("/datax/otsreader-to-es.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String[]> edits = new ArrayList<>(List.of(
                new String[] {"https://your-instance.cn-hangzhou.ots.aliyuncs.com", ots.endpoint()},
                new String[] {"\"OyR5xxxxxxxxXaXi\"", "\"" + ots.accessKeyId() + "\""},
                new String[] {"\"Z3wVxxxxxxxxxxxxxxxxxxxxxxxxRZ\"", "\"" + ots.accessKeySecret() + "\""},
                new String[] {"\"your-instance\"", "\"" + ots.instance() + "\""},
                new String[] {"https://127.0.0.1:9200", es.url()}));
        for (String[] e : edits) {
            if (!text.contains(e[0])) {
                throw new IllegalStateException("the job file no longer contains " + e[0]);
            }
            text = text.replace(e[0], e[1]);
        }
        return text;
    }
}
