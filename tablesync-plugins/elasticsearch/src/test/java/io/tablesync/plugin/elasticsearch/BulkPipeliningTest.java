package io.tablesync.plugin.elasticsearch;

import static io.tablesync.plugin.elasticsearch.EsTestSupport.index;
import static io.tablesync.plugin.elasticsearch.EsTestSupport.node;
import static io.tablesync.plugin.elasticsearch.EsTestSupport.params;
import static io.tablesync.plugin.elasticsearch.Records.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.FaultProxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several bulk requests of one task in flight, never two with a common id, and no write of an id
 * overtaking an earlier one while requests and items fail (429, 503) and are retried — checked by
 * FaultProxy in front of a real node, which sees the requests that are in flight together.
 */
class BulkPipeliningTest {
    static List<EsDistribution> distributions() {
        return EsTestSupport.distributions();
    }

    private static final String COLS = "\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"v\",\"type\":\"long\"}]";

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void sameIdWritesStayInOrderUnderRetriesWhileDisjointRequestsTravelTogether(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "pipelining");
        // 3,000 writes: a sliding range of 300 ids (consecutive batches are disjoint) and every 37th write to one
        // of 3 hot ids (about every other batch conflicts with one in flight); the value is the write's sequence number
        List<Record> records = new ArrayList<>();
        Map<String, Long> last = new HashMap<>();
        for (int i = 0; i < 3000; i++) {
            String id = i % 37 == 0 ? "hot" + (i % 3) : "k" + (i % 300);
            records.add(Records.of(s(id), Records.l(i)));
            last.put(id, (long) i);
        }
        WriterRun run;
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.failBulkItems(6, 429, "es_rejected_execution_exception", it -> it.id().hashCode() % 5 == 0);
            proxy.failBulkItems(6, 503, "unavailable_shards_exception", it -> it.id().startsWith("hot"));
            proxy.failRequests("_bulk", 3, 503);
            proxy.failRequests("_bulk", 2, 429);
            run = WriterRun.run(params(proxy.url(), idx, "\"batchSize\":20,\"maxBulksInFlight\":4,\"tryInterval\":40," + COLS),
                    records).expectSuccess();
            assertThat(proxy.idsInConcurrentBulks()).as("ids in two requests in flight at once").isEmpty();
            assertThat(proxy.maxConcurrentBulks()).as("requests in flight at once").isGreaterThan(1).isLessThanOrEqualTo(4);
            assertThat(proxy.bulkRequests()).anyMatch(r -> !r.failedItems().isEmpty() && r.status() == 200);
        }
        assertThat(run.counter(BulkWriter.COUNTER_RETRIED)).isPositive();
        assertThat(run.acknowledged).hasSize(records.size()).doesNotHaveDuplicates();
        assertThat(run.dirty).isEmpty();
        node.http().refresh(idx);
        assertThat(node.http().count(idx)).isEqualTo(last.size());
        last.forEach((id, v) -> assertThat(node.http().source(idx, id).path("v").asLong()).as("_id %s", id).isEqualTo(v));
    }

    /**
     * A steady trickle of records while the node takes its time to answer: a partial batch waits for the request
     * in flight (Nagle's rule) and the records arriving meanwhile join it, so the stream goes out about one request
     * per answer time, not as many small requests in flight together; every record is written and acknowledged.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void aPartialBatchWaitsForTheRequestInFlightSoATrickleIsBatched(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "nagle");
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            records.add(Records.of(s("k" + i), Records.l(i)));
        }
        WriterRun run;
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.delayBulkAnswers(java.time.Duration.ofMillis(40));
            run = WriterRun.run(params(proxy.url(), idx, "\"batchSize\":1000,\"maxBulksInFlight\":4," + COLS), records,
                    java.time.Duration.ofMillis(1)).expectSuccess();
            // a partial batch never goes out beside another one; only the last, sent when the stream ends, may travel
            // beside the request still in flight (sending each partial batch at once had 4 in flight, and 3 x the requests)
            assertThat(proxy.maxConcurrentBulks()).as("partial batches in flight at once").isLessThanOrEqualTo(2);
        }
        assertThat(run.acknowledged).hasSize(records.size()).doesNotHaveDuplicates();
        node.http().refresh(idx);
        assertThat(node.http().count(idx)).isEqualTo(200);
    }

    /**
     * A coalesced document the server rejects is sent again as its records, one by one: the dirty record is
     * exactly the change the server refuses, and the changes before it are written.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void aRejectedCoalescedDocumentIsSplitSoOnlyTheBadChangeIsDirty(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "coalesced-dirty");
        String cols = "\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"d\",\"type\":\"date\",\"origin\":true},"
                + "{\"name\":\"n\",\"type\":\"keyword\"}]";
        ColumnState p = ColumnState.PRESENT;
        ColumnState a = ColumnState.ABSENT;
        Record put = Records.op(Operation.UPSERT, new Column[] {s("x"), s("2020-01-02"), s("one")}, new ColumnState[] {p, p, p});
        Record bad = Records.op(Operation.UPDATE, new Column[] {s("x"), s("not a date"), s(null)}, new ColumnState[] {p, p, a});
        Record good = Records.op(Operation.UPDATE, new Column[] {s("x"), s(null), s("two")}, new ColumnState[] {p, a, p});
        WriterRun run = WriterRun.run(params(node.url(), idx, "\"batchSize\":10," + cols), List.of(put, bad, good)).expectSuccess();
        assertThat(run.dirty).containsOnlyKeys(bad);
        assertThat(run.dirty.get(bad)).contains("failed to parse field [d]");
        assertThat(run.acknowledged).containsExactlyInAnyOrder(put, bad, good);
        JsonNode doc = node.http().source(idx, "x");
        assertThat(doc.path("d").asText()).isEqualTo("2020-01-02");
        assertThat(doc.path("n").asText()).isEqualTo("two");
    }
}
