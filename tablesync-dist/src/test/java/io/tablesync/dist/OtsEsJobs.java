package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.StreamSpecification;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.tablesync.testkit.demo.SeedDemo;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The seed's job for tables and indexes of a test's own (several per tablestore-local), its
 * Tablestore secret taken from the environment ({@code ${env:OTS_SECRET}}), and the table side of
 * the comparisons: rows written, the table read back.
 */
final class OtsEsJobs {
    static final String SECRET_VARIABLE = "OTS_SECRET";

    private OtsEsJobs() {
    }

    /** The seed job reading {@code table} into {@code index}; the reader's accessKey is {@code ${env:OTS_SECRET}}. */
    static String job(TablestoreLocal ots, EsNode es, String table, String index) throws IOException {
        String text = SeedDemo.seedJob(ots, es, index)
                .replace("\"dataTable\": \"table_name\"", "\"dataTable\": \"" + table + "\"")
                .replace("\"accessKey\": \"" + ots.accessKeySecret() + "\"", "\"accessKey\": \"${env:" + SECRET_VARIABLE + "}\"");
        assertThat(text).contains("\"dataTable\": \"" + table + "\"").contains("${env:" + SECRET_VARIABLE + "}")
                .doesNotContain(ots.accessKeySecret());
        return text;
    }

    /** A table keyed by uid (STRING); with a stream keeping changes {@code streamHours}, or none when null. */
    static void createTable(SyncClient client, String table, Integer streamHours) {
        TableMeta meta = new TableMeta(table);
        meta.addPrimaryKeyColumn(new PrimaryKeySchema("uid", PrimaryKeyType.STRING));
        CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, 1));
        if (streamHours != null) {
            req.setStreamSpecification(new StreamSpecification(true, streamHours));
        }
        client.createTable(req);
    }

    static void put(SyncClient client, String table, String uid, String name, String phone) {
        RowPutChange c = new RowPutChange(table, pk(uid));
        c.addColumn("name", ColumnValue.fromString(name));
        c.addColumn("phone", ColumnValue.fromString(phone));
        client.putRow(new PutRowRequest(c));
    }

    /** Rows {@code from} .. {@code to - 1} of a table, named after it. */
    static void putRows(SyncClient client, String table, int from, int to) {
        for (int i = from; i < to; i++) {
            put(client, table, "u" + i, table + "-name-" + i, String.valueOf(1000 + i));
        }
    }

    private static PrimaryKey pk(String uid) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("uid", PrimaryKeyValue.fromString(uid)).build();
    }

    /** Every row of the table by uid: uid plus the attribute columns as strings. */
    static Map<String, Map<String, String>> readTable(SyncClient client, String table) {
        return SeedDemo.readTable(client, table);
    }

    /**
     * A search that failed because the index does not exist yet, or exists but its shard has not started yet
     * (503 no_shard_available right after the writer created it): try again.
     */
    static boolean indexNotReady(Throwable e) {
        String m = e.getMessage();
        return m != null && (m.contains("index_not_found") || m.contains("no_shard_available"));
    }

    /** Waits until the index holds exactly the table's rows as documents; the failure message carries {@code log}. */
    static void awaitConverged(SyncClient client, String table, EsNode es, String index, BooleanSupplier alive,
                               Supplier<String> log) {
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsMatching(OtsEsJobs::indexNotReady)
                    .failFast("sync exited", () -> !alive.getAsBoolean())
                    .untilAsserted(() -> assertThat(SeedDemo.documents(es.http(), index))
                            .isEqualTo(SeedDemo.expectedDocuments(readTable(client, table))));
        } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n--- sync log ---\n" + log.get(), e);
        }
    }
}
