package io.tablesync.testkit.demo;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.Column;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.DeleteRowRequest;
import com.alicloud.openservices.tablestore.model.GetRangeRequest;
import com.alicloud.openservices.tablestore.model.GetRangeResponse;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RangeRowQueryCriteria;
import com.alicloud.openservices.tablestore.model.Row;
import com.alicloud.openservices.tablestore.model.RowDeleteChange;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import com.alicloud.openservices.tablestore.model.RowUpdateChange;
import com.alicloud.openservices.tablestore.model.StreamSpecification;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import com.alicloud.openservices.tablestore.model.UpdateRowRequest;
import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsHttp;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import io.tablesync.testkit.tablestore.TablestoreLocal;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed scenario, end to end, the way a user runs it: a Tablestore table with a stream (on
 * tablestore-local), puts, partial updates, a deleted column and a deleted row; the seed's DataX
 * job file as printed in the documentation (comments and all), pointed at tablestore-local and a
 * real Elasticsearch; {@code python3 bin/datax.py} over one window; then every document is compared
 * with its row. Used by {@code ./demo.sh} and by the distribution's end-to-end test.
 */
public final class SeedDemo {
    public static final String TABLE = "table_name";
    public static final String INDEX = "school_index";
    /** Rows the demo deletes: listed in the comparison to show that their documents are gone. */
    private static final List<String> DELETED_KEYS = List.of("u3");

    /** What happened: the job's exit code, and each key's row vs document ("" when equal). */
    public record Outcome(int exitCode, Map<String, String> mismatches, Map<String, String> rows, String jobOutput) {
        public boolean converged() {
            return exitCode == 0 && mismatches.isEmpty();
        }
    }

    private final Path dist;
    private final EsDistribution distribution;
    private final PrintStream out;
    private final String index;

    public SeedDemo(Path dist, EsDistribution distribution, PrintStream out) {
        this(dist, distribution, out, INDEX);
    }

    /** With the documents in {@code index} instead of the guide's (tests that share a node use their own). */
    public SeedDemo(Path dist, EsDistribution distribution, PrintStream out, String index) {
        this.dist = dist;
        this.distribution = distribution;
        this.out = out;
        this.index = index;
    }

    public Outcome run(Path workDir) throws Exception {
        EsNode es = EsNodes.shared(distribution);
        out.println("== " + distribution + " (reports " + es.serverVersion() + ") at " + es.url());
        try (TablestoreLocal ots = TablestoreLocal.start()) {
            out.println("== tablestore-local at " + ots.endpoint() + " instance " + ots.instance());
            SyncClient client = ots.syncClient();
            createTable(client);
            es.http().deleteIndex(index);

            long start = System.currentTimeMillis() - 1;
            writeChanges(client);
            Thread.sleep(5);
            long end = System.currentTimeMillis();

            Path job = workDir.resolve("job_config.json");
            Files.writeString(job, seedJob(ots, es, index), StandardCharsets.UTF_8);
            out.println("== the seed's job file, endpoints pointed here: " + job);
            List<String> cmd = List.of("python3", dist.resolve("bin/datax.py").toString(), "-j-Xms256m -Xmx256m",
                    "-p-Dstart_time=" + start + " -Dend_time=" + end + " -DAFTER_OFFSET_TIME_MILLIS=0", job.toString());
            out.println("== " + cmd.stream().map(a -> a.contains(" ") ? "'" + a + "'" : a)
                    .collect(java.util.stream.Collectors.joining(" ")));
            StringBuilder jobOutput = new StringBuilder();
            int exit = runAndEcho(cmd, jobOutput);
            out.println("== datax.py exit code " + exit);

            Map<String, Map<String, String>> table = readTable(client);
            Map<String, String> mismatches = compare(es.http(), table);
            Map<String, String> rows = new TreeMap<>();
            table.forEach((k, v) -> rows.put(k, v.toString()));
            return new Outcome(exit, mismatches, rows, jobOutput.toString());
        }
    }

    public static void createTable(SyncClient client) {
        TableMeta meta = new TableMeta(TABLE);
        meta.addPrimaryKeyColumn(new PrimaryKeySchema("uid", PrimaryKeyType.STRING));
        CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, 1));
        req.setStreamSpecification(new StreamSpecification(true, 24));
        client.createTable(req);
    }

    public static PrimaryKey pk(String uid) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("uid", PrimaryKeyValue.fromString(uid)).build();
    }

    /** Every kind of change DataX gets wrong or drops: partial updates, a deleted column, a deleted row. */
    private void writeChanges(SyncClient client) {
        put(client, "u1", "Alice", "111");
        put(client, "u2", "Bob", "222");
        put(client, "u3", "Carol", "333");
        put(client, "u4", "Dave", "444");
        RowUpdateChange phoneOnly = new RowUpdateChange(TABLE, pk("u1"));
        phoneOnly.put("phone", ColumnValue.fromString("999"));
        client.updateRow(new UpdateRowRequest(phoneOnly)); // name must survive
        RowUpdateChange dropPhone = new RowUpdateChange(TABLE, pk("u2"));
        dropPhone.deleteColumns("phone");
        client.updateRow(new UpdateRowRequest(dropPhone)); // the field must go
        client.deleteRow(new DeleteRowRequest(new RowDeleteChange(TABLE, pk("u3")))); // the document must go
        RowUpdateChange rename = new RowUpdateChange(TABLE, pk("u4"));
        rename.put("name", ColumnValue.fromString("David"));
        client.updateRow(new UpdateRowRequest(rename));
        out.println("== wrote: 4 puts, 3 partial updates (one deletes a column), 1 row delete");
    }

    public static void put(SyncClient client, String uid, String name, String phone) {
        RowPutChange c = new RowPutChange(TABLE, pk(uid));
        c.addColumn("name", ColumnValue.fromString(name));
        c.addColumn("phone", ColumnValue.fromString(phone));
        client.putRow(new PutRowRequest(c));
    }

    /** The seed's job text with only what a user would edit: endpoints, credentials, the window placeholders. */
    public static String seedJob(TablestoreLocal ots, EsNode es) throws IOException {
        return seedJob(ots, es, INDEX);
    }

    /** The seed's job text writing into {@code index} instead of the guide's. */
    public static String seedJob(TablestoreLocal ots, EsNode es, String index) throws IOException {
        String text;
        try (InputStream in = SeedDemo.class.getResourceAsStream("seed-job.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int writerAt = text.indexOf("\"writer\"");
        String reader = text.substring(0, writerAt)
                .replace("https://your-instance.cn-hangzhou.ots.aliyuncs.com", ots.endpoint())
                .replace("\"OyR5xxxxxxxxXaXi\"", "\"" + ots.accessKeyId() + "\"")
                .replace("\"Z3wVxxxxxxxxxxxxxxxxxxxxxxxxRZ\"", "\"" + ots.accessKeySecret() + "\"")
                .replace("\"your-instance.\"", "\"" + ots.instance() + "\"")
                .replace("1510036262000", "\"${start_time}\"")
                .replace("1510036881000", "\"${end_time}\"");
        String writer = text.substring(writerAt)
                .replace("\"OyR5xxxxxxxxXaXi\"", "\"" + (es.secured() ? es.username() : "") + "\"")
                .replace("\"Z3wVxxxxxxxxxxxxxxxxxxxxxxxxRZ\"", "\"" + (es.secured() ? es.password() : "") + "\"")
                .replace("https://127.0.0.1:9200", es.url())
                .replace("\"index\": \"" + INDEX + "\"", "\"index\": \"" + index + "\"");
        return reader + writer;
    }

    private int runAndEcho(List<String> cmd, StringBuilder captured) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                out.println("   | " + line);
                captured.append(line).append('\n');
            }
        }
        return p.waitFor();
    }

    /** Every row of the table (all pages), by uid: uid plus the attribute columns as strings. */
    public static Map<String, Map<String, String>> readTable(SyncClient client) {
        return readTable(client, TABLE);
    }

    /** The same for another table keyed by {@code uid}. */
    public static Map<String, Map<String, String>> readTable(SyncClient client, String table) {
        Map<String, Map<String, String>> rows = new TreeMap<>();
        PrimaryKey next = PrimaryKeyBuilder.createPrimaryKeyBuilder().addPrimaryKeyColumn("uid", PrimaryKeyValue.INF_MIN).build();
        while (next != null) {
            RangeRowQueryCriteria c = new RangeRowQueryCriteria(table);
            c.setInclusiveStartPrimaryKey(next);
            c.setExclusiveEndPrimaryKey(PrimaryKeyBuilder.createPrimaryKeyBuilder()
                    .addPrimaryKeyColumn("uid", PrimaryKeyValue.INF_MAX).build());
            c.setMaxVersions(1);
            GetRangeResponse page = client.getRange(new GetRangeRequest(c));
            for (Row row : page.getRows()) {
                Map<String, String> fields = new LinkedHashMap<>();
                String uid = row.getPrimaryKey().getPrimaryKeyColumn("uid").getValue().asString();
                fields.put("uid", uid);
                for (Column col : row.getColumns()) {
                    fields.put(col.getName(), col.getValue().asString());
                }
                rows.put(uid, fields);
            }
            next = page.getNextStartPrimaryKey();
        }
        return rows;
    }

    /** Every document of the index by _id, null fields left out (a null field is an absent one). */
    public static Map<String, Map<String, String>> documents(EsHttp http) {
        return documents(http, INDEX);
    }

    /**
     * Every document of {@code index} by _id, null fields left out: all of them, page by page through a
     * scroll sorted by {@code _doc} (the one way that pages a whole index on every server version, 6.8 to
     * 9 and OpenSearch; search_after would need a sortable unique field, and _id is not sortable on 8+).
     */
    public static Map<String, Map<String, String>> documents(EsHttp http, String index) {
        http.post("/" + index + "/_refresh", "");
        Map<String, Map<String, String>> docs = new TreeMap<>();
        JsonNode page = http.post("/" + index + "/_search?scroll=1m",
                "{\"size\":" + PAGE + ",\"sort\":[\"_doc\"],\"query\":{\"match_all\":{}}}").expectOk().json();
        String scrollId = page.path("_scroll_id").asText(null);
        try {
            while (true) {
                JsonNode hits = page.path("hits").path("hits");
                for (JsonNode hit : hits) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    hit.path("_source").fields().forEachRemaining(e -> {
                        if (!e.getValue().isNull()) {
                            fields.put(e.getKey(), e.getValue().asText());
                        }
                    });
                    docs.put(hit.path("_id").asText(), fields);
                }
                if (hits.size() < PAGE || scrollId == null) {
                    return docs;
                }
                page = http.post("/_search/scroll", "{\"scroll\":\"1m\",\"scroll_id\":\"" + scrollId + "\"}").expectOk().json();
                scrollId = page.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                http.send("DELETE", "/_search/scroll", "{\"scroll_id\":\"" + scrollId + "\"}");
            }
        }
    }

    /** Documents per page of {@link #documents(EsHttp, String)}: the servers' default result window. */
    private static final int PAGE = 10_000;

    /**
     * The documents the table should have produced: one per row, {@code _id} = uid (the seed maps
     * uid to the virtual {@code id} type), fields = the row's attribute columns.
     */
    public static Map<String, Map<String, String>> expectedDocuments(Map<String, Map<String, String>> table) {
        Map<String, Map<String, String>> expected = new TreeMap<>();
        table.forEach((uid, row) -> {
            Map<String, String> fields = new LinkedHashMap<>(row);
            fields.remove("uid");
            expected.put(uid, fields);
        });
        return expected;
    }

    /** Each row must have its document and no other document may exist; prints the comparison. */
    private Map<String, String> compare(EsHttp http, Map<String, Map<String, String>> table) {
        Map<String, Map<String, String>> docs = documents(http, index);
        Map<String, Map<String, String>> expected = expectedDocuments(table);
        Map<String, String> mismatches = new TreeMap<>();
        java.util.SortedSet<String> keys = new java.util.TreeSet<>(table.keySet());
        keys.addAll(docs.keySet());
        keys.addAll(DELETED_KEYS);
        out.println("== table row vs " + distribution + " document:");
        for (String key : keys) {
            Map<String, String> row = table.get(key);
            Map<String, String> doc = docs.get(key);
            boolean same = row == null ? doc == null : expected.get(key).equals(doc);
            out.printf("   %-4s row=%-40s doc=%-40s %s%n", key, row == null ? "(deleted)" : row,
                    doc == null ? "(none)" : doc, same ? "OK" : "MISMATCH");
            if (!same) {
                mismatches.put(key, "row " + row + " vs document " + doc);
            }
        }
        return mismatches;
    }
}
