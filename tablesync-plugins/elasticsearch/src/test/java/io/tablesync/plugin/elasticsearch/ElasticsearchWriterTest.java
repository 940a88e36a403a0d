package io.tablesync.plugin.elasticsearch;

import static io.tablesync.plugin.elasticsearch.EsTestSupport.index;
import static io.tablesync.plugin.elasticsearch.EsTestSupport.node;
import static io.tablesync.plugin.elasticsearch.EsTestSupport.params;
import static io.tablesync.plugin.elasticsearch.Records.l;
import static io.tablesync.plugin.elasticsearch.Records.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.core.element.BoolColumn;
import io.tablesync.core.element.BytesColumn;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.DateColumn;
import io.tablesync.core.element.DoubleColumn;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The writer against every supported server (real nodes from the testkit). */
class ElasticsearchWriterTest {
    static List<EsDistribution> distributions() {
        return EsTestSupport.distributions();
    }

    private static final String ALL_TYPES = """
            "column":[
              {"name":"pk","type":"id"},
              {"name":"title","type":"text","analyzer":"standard"},
              {"name":"tag","type":"keyword","ignore_above":64},
              {"name":"n_long","type":"long"},
              {"name":"n_int","type":"integer"},
              {"name":"n_short","type":"short"},
              {"name":"n_byte","type":"byte"},
              {"name":"d_double","type":"double"},
              {"name":"d_float","type":"float"},
              {"name":"flag","type":"boolean"},
              {"name":"created","type":"date"},
              {"name":"day","type":"date","format":"yyyy-MM-dd HH:mm:ss","timezone":"Asia/Shanghai"},
              {"name":"raw_day","type":"date","origin":true,"dstFormat":"yyyyMMdd"},
              {"name":"blob","type":"binary"},
              {"name":"loc","type":"geo_point"},
              {"name":"addr","type":"ip"},
              {"name":"obj","type":"object"},
              {"name":"tags","type":"keyword","array":true},
              {"name":"nums","type":"long","array":true,"dstArray":true},
              {"name":"legacy","type":"string"},
              {"name":"range","type":"integer_range"}
            ]""";

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void mapsAndConvertsEveryColumnType(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "types");
        long millis = 1704038400000L; // 2024-01-01T00:00:00+08:00
        Record r = Records.of(s("k1"), s("Hello World"), s("red"), l(1L << 40), l(7), l(3), l(1),
                new DoubleColumn(2.5), new DoubleColumn(1.25), new BoolColumn(true), new DateColumn(millis),
                s("2024-01-01 00:00:00"), s("20240102"), new BytesColumn("bin\u0000ary".getBytes(StandardCharsets.UTF_8)),
                s("41.12,-71.34"), s("10.0.0.1"), s("{\"a\":1,\"b\":{\"c\":\"x\"}}"), s("a-,-b-,-c"), s("1-,-2-,-30"),
                s("old string type"), s("{\"gte\":1,\"lte\":5}"));
        WriterRun run = WriterRun.run(params(node.url(), idx, ALL_TYPES), List.of(r)).expectSuccess();
        assertThat(run.dirty).isEmpty();
        assertThat(run.acknowledged).containsExactly(r);

        JsonNode mapping = node.http().get("/" + idx + "/_mapping").expectOk().json().path(idx).path("mappings");
        JsonNode props = dist.majorVersion() == 6 && !dist.isOpenSearch() ? mapping.path("doc_type").path("properties") : mapping.path("properties");
        assertThat(props.path("title").path("type").asText()).isEqualTo("text");
        assertThat(props.path("title").path("analyzer").asText()).isEqualTo("standard");
        assertThat(props.path("tag").path("ignore_above").asInt()).isEqualTo(64);
        assertThat(props.path("n_short").path("type").asText()).isEqualTo("short");
        assertThat(props.path("raw_day").path("format").asText()).isEqualTo("yyyyMMdd");
        assertThat(props.path("legacy").path("type").asText()).isEqualTo("text");
        assertThat(props.has("pk")).as("virtual id column is not mapped").isFalse();

        JsonNode doc = node.http().source(idx, "k1");
        assertThat(doc.path("title").asText()).isEqualTo("Hello World");
        assertThat(doc.path("n_long").asLong()).isEqualTo(1L << 40);
        assertThat(doc.path("n_byte").isNumber()).isTrue();
        assertThat(doc.path("d_double").asDouble()).isEqualTo(2.5);
        assertThat(doc.path("flag").asBoolean()).isTrue();
        // DATE columns: ISO-8601 with millis and offset, the same instant in any zone
        assertThat(java.time.OffsetDateTime.parse(doc.path("created").asText()).toInstant().toEpochMilli()).isEqualTo(millis);
        assertThat(doc.path("day").asText()).isEqualTo("2024-01-01T00:00:00.000+08:00");
        assertThat(doc.path("raw_day").asText()).isEqualTo("20240102");
        assertThat(doc.path("blob").asText()).isEqualTo(java.util.Base64.getEncoder().encodeToString("bin\u0000ary".getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.path("obj").path("b").path("c").asText()).isEqualTo("x");
        assertThat(doc.path("tags")).extracting(JsonNode::asText).containsExactly("a", "b", "c");
        assertThat(doc.path("nums")).extracting(JsonNode::asLong).containsExactly(1L, 2L, 30L);
        assertThat(doc.path("nums").get(0).isNumber()).isTrue();
        assertThat(doc.path("range").path("lte").asInt()).isEqualTo(5);
        assertThat(doc.has("pk")).isFalse();
        // the server indexed the typed values: range/date queries find the document
        assertThat(node.http().post("/" + idx + "/_count", "{\"query\":{\"range\":{\"day\":{\"gte\":\"2023-12-31T16:00:00Z\",\"lte\":\"2023-12-31T16:00:00Z\"}}}}")
                .expectOk().json().path("count").asLong()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void idRoutingAndExternalVersion(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "idver");
        String p = params(node.url(), idx, """
                "column":[{"name":"a","type":"id"},{"name":"b","type":"id"},{"name":"r","type":"routing"},
                          {"name":"v","type":"version"},{"name":"val","type":"keyword"}]""");
        WriterRun.run(p, List.of(Records.of(s("x"), s("1"), s("shardkey"), l(5), s("five")))).expectSuccess();
        JsonNode hit = node.http().hit(idx, "x1");
        assertThat(hit).isNotNull();
        assertThat(hit.path("_routing").asText()).isEqualTo("shardkey");
        assertThat(hit.path("_version").asLong()).isEqualTo(5);
        assertThat(hit.path("_source").has("r")).isFalse();
        // an older version is a stale write: skipped, counted, not an error (DataX retried it for 30 minutes)
        WriterRun stale = WriterRun.run(p, List.of(Records.of(s("x"), s("1"), s("shardkey"), l(3), s("three")))).expectSuccess();
        assertThat(stale.counter(BulkWriter.COUNTER_STALE)).isEqualTo(1);
        assertThat(stale.dirty).isEmpty();
        assertThat(node.http().source(idx, "x1").path("val").asText()).isEqualTo("five");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void operationsUpsertPartialUpdateFieldRemovalAndDelete(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "ops");
        String p = params(node.url(), idx, """
                "column":[{"name":"id","type":"id"},{"name":"name","type":"keyword"},{"name":"phone","type":"keyword"},
                          {"name":"age","type":"long"}]""");
        ColumnState P = ColumnState.PRESENT, A = ColumnState.ABSENT, D = ColumnState.DELETED;
        List<Record> records = List.of(
                Records.op(Operation.UPSERT, cols(s("u1"), s("ann"), s("111"), l(30)), states(P, P, P, P)),
                Records.op(Operation.UPSERT, cols(s("u2"), s("bob"), s("222"), l(40)), states(P, P, P, P)),
                // partial update: only phone changes; name and age untouched
                Records.op(Operation.UPDATE, cols(s("u1"), null, s("999"), null), states(P, A, P, A)),
                // column delete: age removed, the rest untouched
                Records.op(Operation.UPDATE, cols(s("u1"), null, null, null), states(P, A, A, D)),
                // update of a row ES has never seen: doc_as_upsert creates it
                Records.op(Operation.UPDATE, cols(s("u3"), s("cat"), null, null), states(P, P, A, A)),
                Records.op(Operation.DELETE, cols(s("u2"), null, null, null), states(P, A, A, A)),
                // deleting a document that does not exist is a success
                Records.op(Operation.DELETE, cols(s("nope"), null, null, null), states(P, A, A, A)));
        WriterRun run = WriterRun.run(p, records).expectSuccess();
        assertThat(run.dirty).isEmpty();
        assertThat(run.acknowledged).containsExactlyInAnyOrderElementsOf(records);
        JsonNode u1 = node.http().source(idx, "u1");
        assertThat(u1.path("name").asText()).isEqualTo("ann");
        assertThat(u1.path("phone").asText()).isEqualTo("999");
        if (dist.supportsScripts()) {
            assertThat(u1.has("age")).as("deleted column removed from the source: " + u1).isFalse();
        } else {
            assertThat(u1.path("age").isNull()).as("deleted column is null in the source: " + u1).isTrue();
        }
        // and search treats it as missing
        assertThat(node.http().post("/" + idx + "/_count", "{\"query\":{\"bool\":{\"must\":[{\"ids\":{\"values\":[\"u1\"]}}],"
                + "\"must_not\":[{\"exists\":{\"field\":\"age\"}}]}}}").expectOk().json().path("count").asLong()).isEqualTo(1);
        assertThat(node.http().source(idx, "u2")).isNull();
        assertThat(node.http().source(idx, "u3").path("name").asText()).isEqualTo("cat");
        assertThat(node.http().count(idx)).isEqualTo(2);
    }

    /**
     * DESIGN.md invariant 2: a deleted column removes the field. Where the server runs painless the UPDATE
     * becomes a scripted update in the same bulk item (so order within the batch holds); an update of a
     * document that does not exist yet still creates it, like doc_as_upsert. Where it cannot, the field is
     * set to null and the job log says why, once.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void deletedColumnsAreRemovedWhereScriptsRunElseNulledWithTheReasonLoggedOnce(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "coldel");
        String p = params(node.url(), idx, """
                "batchSize":100,"column":[{"name":"id","type":"id"},{"name":"name","type":"keyword"},{"name":"phone","type":"keyword"},
                          {"name":"age","type":"long"}]""");
        ColumnState P = ColumnState.PRESENT, A = ColumnState.ABSENT, D = ColumnState.DELETED;
        List<Record> records = List.of(
                Records.op(Operation.UPSERT, cols(s("d1"), s("ann"), s("111"), l(30)), states(P, P, P, P)),
                Records.op(Operation.UPSERT, cols(s("d3"), s("cy"), s("333"), l(50)), states(P, P, P, P)),
                // two deleted columns and a changed one in one change
                Records.op(Operation.UPDATE, cols(s("d1"), s("ann2"), null, null), states(P, P, D, D)),
                // a row ES has never seen: the document is created without the deleted column
                Records.op(Operation.UPDATE, cols(s("d2"), s("new"), null, null), states(P, P, D, A)),
                // removed, then set again in the same batch: order decides
                Records.op(Operation.UPDATE, cols(s("d3"), null, null, null), states(P, A, D, A)),
                Records.op(Operation.UPDATE, cols(s("d3"), null, s("again"), null), states(P, A, P, A)));
        WriterRun run;
        try (LogCapture log = new LogCapture(ElasticsearchWriter.class)) {
            run = WriterRun.run(p, records).expectSuccess();
            // this job's lines (test classes run in parallel, other jobs log too)
            List<String> about = log.lines().stream().filter(l -> l.contains("painless") && l.contains("[" + idx + "]")).toList();
            assertThat(about).hasSize(1);
            if (dist.supportsScripts()) {
                assertThat(about.get(0)).startsWith("INFO").contains("a deleted column removes its field");
            } else {
                // the reason is the server's own answer (no painless in these zips)
                assertThat(about.get(0)).startsWith("WARN").contains("cannot run painless scripts (")
                        .contains("a deleted column is written as null").containsIgnoringCase("painless]");
            }
        }
        assertThat(run.dirty).isEmpty();
        assertThat(run.acknowledged).containsExactlyInAnyOrderElementsOf(records);
        JsonNode d1 = node.http().source(idx, "d1");
        JsonNode d2 = node.http().source(idx, "d2");
        JsonNode d3 = node.http().source(idx, "d3");
        assertThat(d1.path("name").asText()).isEqualTo("ann2");
        assertThat(d2.path("name").asText()).isEqualTo("new");
        assertThat(d3.path("phone").asText()).isEqualTo("again");
        assertThat(d3.path("age").asLong()).isEqualTo(50);
        if (dist.supportsScripts()) {
            assertThat(d1.has("phone")).as("no such key: " + d1).isFalse();
            assertThat(d1.has("age")).as("no such key: " + d1).isFalse();
            assertThat(d2.has("phone")).as("no such key: " + d2).isFalse();
        } else {
            assertThat(d1.path("phone").isNull() && d1.has("phone")).as("null: " + d1).isTrue();
            assertThat(d1.path("age").isNull() && d1.has("age")).as("null: " + d1).isTrue();
            assertThat(d2.path("phone").isNull()).as("null: " + d2).isTrue();
        }
        assertThat(node.http().source(idx, ScriptSupport.PROBE_ID)).as("the start-up probe writes nothing").isNull();
        // either way search treats the field as missing
        assertThat(node.http().post("/" + idx + "/_count", "{\"query\":{\"exists\":{\"field\":\"phone\"}}}")
                .expectOk().json().path("count").asLong()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void actionTypesCreateUpdateDeleteForPlainRecords(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "actions");
        String cols = "\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"v\",\"type\":\"keyword\"},{\"name\":\"w\",\"type\":\"keyword\"}]";
        WriterRun.run(params(node.url(), idx, "\"actionType\":\"create\"," + cols),
                List.of(Records.strings("a", "1", "x"), Records.strings("b", "1", "x"))).expectSuccess();
        assertThat(node.http().count(idx)).isEqualTo(2);
        // create of an existing id: the server refuses, and we say so (dirty record), never silently
        Record dup = Records.strings("a", "2", "y");
        WriterRun again = WriterRun.run(params(node.url(), idx, "\"actionType\":\"create\"," + cols), List.of(dup)).expectSuccess();
        assertThat(again.dirty).containsKey(dup);
        assertThat(again.dirty.get(dup)).contains("409").contains("version_conflict_engine_exception");
        // update: doc_as_upsert merge; enableWriteNull=false leaves w untouched
        WriterRun.run(params(node.url(), idx, "\"actionType\":\"update\",\"enableWriteNull\":false," + cols),
                List.of(Records.strings("a", "3", null))).expectSuccess();
        JsonNode a = node.http().source(idx, "a");
        assertThat(a.path("v").asText()).isEqualTo("3");
        assertThat(a.path("w").asText()).isEqualTo("x");
        // delete
        WriterRun.run(params(node.url(), idx, "\"actionType\":\"delete\"," + cols), List.of(Records.strings("b", null, null))).expectSuccess();
        assertThat(node.http().source(idx, "b")).isNull();
        assertThat(node.http().count(idx)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void mappingErrorsBecomeDirtyRecordsOfExactlyTheRightRecord(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "dirty");
        String p = params(node.url(), idx, "\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"n\",\"type\":\"long\"},"
                + "{\"name\":\"d\",\"type\":\"date\",\"format\":\"yyyy-MM-dd\"},{\"name\":\"loc\",\"type\":\"geo_point\"}]");
        Record ok1 = Records.strings("1", "10", "2024-01-01", "1,2");
        Record convBad = Records.strings("2", "11", "not a date", "1,2"); // dirty before sending (DataX then shifted the attribution)
        Record ok2 = Records.strings("3", "12", "2024-01-02", "1,2");
        Record esBad = Records.strings("4", "13", "2024-01-03", "nowhere"); // passes conversion, the server's geo_point parser rejects it
        Record ok3 = Records.strings("5", "14", "2024-01-04", "1,2");
        WriterRun run = WriterRun.run(p, List.of(ok1, convBad, ok2, esBad, ok3)).expectSuccess();
        assertThat(run.dirty.keySet()).containsExactlyInAnyOrder(convBad, esBad);
        assertThat(run.dirty.get(convBad)).contains("column: d").contains("not a date");
        assertThat(run.dirty.get(esBad)).contains("status:[400]").contains("_id=4");
        assertThat(run.dirtyReasons.get(convBad)).isEqualTo("conversion_error");
        assertThat(run.dirtyReasons.get(esBad)).as("the server's error type").matches("[a-z_]+_parsing_exception");
        assertThat(run.acknowledged).containsExactlyInAnyOrder(ok1, convBad, ok2, esBad, ok3);
        assertThat(node.http().count(idx)).isEqualTo(3);
        assertThat(node.http().source(idx, "4")).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void primaryKeyInfoCombineFieldsPartitionColumnsDeleteByAndUrlParams(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "keys");
        String p = params(node.url(), idx, """
                "primaryKeyInfo":{"type":"specific","column":["a","b"],"fieldDelimiter":"_"},
                "esPartitionColumn":"[{\\"name\\":\\"a\\"},{\\"name\\":\\"b\\"}]",
                "deleteBy":[{"op":"DR"},{"status":["-1","-2"]}],
                "urlParams":{"refresh":"true"},
                "column":[{"name":"a","type":"keyword"},{"name":"b","type":"keyword"},{"name":"op","type":"keyword"},
                          {"name":"status","type":"keyword"}]""");
        WriterRun.run(p, List.of(Records.strings("x", "1", "PUT", "0"), Records.strings("y", "2", "PUT", "0"),
                Records.strings("z", "3", "PUT", "0"))).expectSuccess();
        // refresh=true from urlParams: visible without an explicit refresh
        assertThat(node.http().get("/" + idx + "/_count").json().path("count").asLong()).isEqualTo(3);
        JsonNode hit = node.http().hit(idx, "x_1");
        assertThat(hit.path("_routing").asText()).isEqualTo("x1");
        WriterRun.run(p, List.of(Records.strings("x", "1", "DR", "0"), Records.strings("y", "2", "PUT", "-2"))).expectSuccess();
        assertThat(node.http().count(idx)).isEqualTo(1);
        assertThat(node.http().source(idx, "z_3")).isNotNull();

        String idx2 = index(node, "combine");
        String p2 = params(node.url(), idx2, """
                "column":[{"name":"a","type":"keyword"},{"name":"b","type":"long"},
                          {"name":"id","type":"id","combineFields":["a","b"],"combineFieldsValueSeparator":"#"},
                          {"name":"v","type":"keyword"}]""");
        WriterRun.run(p2, List.of(Records.of(s("k"), l(7), s(null), s("val")))).expectSuccess();
        JsonNode doc = node.http().source(idx2, "k#7");
        assertThat(doc).isNotNull();
        assertThat(doc.has("a")).as("combined fields are part of the id only").isFalse();
        assertThat(doc.path("v").asText()).isEqualTo("val");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void cleanupSettingsAliasDynamicAndStrictMapping(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "admin");
        String other = index(node, "admin-old");
        node.http().put("/" + other, "{}").expectOk();
        node.http().post("/_aliases", "{\"actions\":[{\"add\":{\"index\":\"" + other + "\",\"alias\":\"" + idx + "-alias\"}}]}").expectOk();
        String p = params(node.url(), idx, """
                "cleanup":true, "settings":{"index":{"number_of_shards":2,"number_of_replicas":0}},
                "alias":"%s-alias","aliasMode":"exclusive", "dstDynamic":"strict",
                "column":[{"name":"id","type":"id"},{"name":"v","type":"keyword"}]""".formatted(idx));
        WriterRun.run(p, List.of(Records.strings("1", "a"))).expectSuccess();
        JsonNode settings = node.http().get("/" + idx + "/_settings").expectOk().json().path(idx).path("settings").path("index");
        assertThat(settings.path("number_of_shards").asText()).isEqualTo("2");
        JsonNode aliases = node.http().get("/_alias/" + idx + "-alias").expectOk().json();
        assertThat(aliases.has(idx)).isTrue();
        assertThat(aliases.has(other)).as("exclusive alias left the old index").isFalse();
        // cleanup again: the old document is gone, settings kept from the old index (includeSettingKeys)
        String p2 = params(node.url(), idx, """
                "cleanup":true, "column":[{"name":"id","type":"id"},{"name":"v","type":"keyword"}]""");
        WriterRun.run(p2, List.of(Records.strings("2", "b"))).expectSuccess();
        assertThat(node.http().count(idx)).isEqualTo(1);
        assertThat(node.http().source(idx, "1")).isNull();
        assertThat(node.http().get("/" + idx + "/_settings").json().path(idx).path("settings").path("index")
                .path("number_of_shards").asText()).isEqualTo("2");
        // dstDynamic strict: unknown fields are refused by the server -> dirty record
        String idx3 = index(node, "strict");
        Record extra = Records.strings("1", "a", "b");
        WriterRun strict = WriterRun.run(params(node.url(), idx3, """
                "dstDynamic":"strict","enableRedundantColumn":true,"column":[{"name":"id","type":"id"},{"name":"v","type":"keyword"}]"""),
                List.of(extra)).expectSuccess();
        assertThat(strict.dirty).isEmpty(); // redundant columns are ignored, not sent
        // dynamic=true: no mapping is put, the server maps by itself
        String idx4 = index(node, "dyn");
        WriterRun.run(params(node.url(), idx4, "\"dynamic\":true,\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"n\",\"type\":\"long\"}]"),
                List.of(Records.of(s("1"), l(5)))).expectSuccess();
        String mapping = node.http().get("/" + idx4 + "/_mapping").json().toString();
        assertThat(mapping).contains("\"n\":{\"type\":\"long\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void flushesOnTimeWhenTrafficIsLow(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "timeflush");
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(Records.strings("t" + i, "v"));
        }
        String p = params(node.url(), idx, "\"batchSize\":1000,\"flushInterval\":100,"
                + "\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"v\",\"type\":\"keyword\"}]");
        long start = System.nanoTime();
        // records arrive 400 ms apart: each must be sent by the time flush (not the end of input or a full batch)
        WriterRun run = WriterRun.run(p, records, Duration.ofMillis(400)).expectSuccess();
        assertThat(run.acknowledged).hasSize(3);
        assertThat(node.http().count(idx)).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1000));
    }

    static Column[] cols(Column... c) {
        return c;
    }

    static ColumnState[] states(ColumnState... s) {
        return s;
    }
}
