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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coalescing changes of one document inside a batch leaves the index exactly as sending every change on
 * its own does: every sequence of up to four changes of one id (upserts, updates that set, delete or set
 * and delete fields, deletes) is written twice to a real node — once with each sequence inside one batch
 * (coalesced), once with no batch holding two changes of one id (each change its own bulk item) — and
 * the two indexes are compared document by document.
 */
class CoalescingTest {
    static List<EsDistribution> distributions() {
        return EsTestSupport.distributions();
    }

    private static final String COLS = "\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"a\",\"type\":\"keyword\"},"
            + "{\"name\":\"b\",\"type\":\"keyword\"}]";
    private static final ColumnState P = ColumnState.PRESENT;
    private static final ColumnState A = ColumnState.ABSENT;
    private static final ColumnState D = ColumnState.DELETED;

    /** The changes a sequence is made of; {@code v} makes each value tell which change wrote it. */
    private enum Change {
        UPSERT_AB, UPSERT_A, UPDATE_A, UPDATE_B, UPDATE_DELETE_A, UPDATE_B_DELETE_A, DELETE;

        Record record(String id, String v) {
            return switch (this) {
                case UPSERT_AB -> op(Operation.UPSERT, id, s("a" + v), s("b" + v), P, P);
                case UPSERT_A -> op(Operation.UPSERT, id, s("a" + v), s(null), P, A);
                case UPDATE_A -> op(Operation.UPDATE, id, s("a" + v), s(null), P, A);
                case UPDATE_B -> op(Operation.UPDATE, id, s(null), s("b" + v), A, P);
                case UPDATE_DELETE_A -> op(Operation.UPDATE, id, s(null), s(null), D, A);
                case UPDATE_B_DELETE_A -> op(Operation.UPDATE, id, s(null), s("b" + v), D, P);
                case DELETE -> op(Operation.DELETE, id, s(null), s(null), A, A);
            };
        }

        private static Record op(Operation o, String id, Column a, Column b, ColumnState sa, ColumnState sb) {
            return Records.op(o, new Column[] {s(id), a, b}, new ColumnState[] {P, sa, sb});
        }
    }

    /** Every sequence of 1..maxLength changes, each with its own id. */
    private static Map<String, List<Change>> sequences(int maxLength) {
        Map<String, List<Change>> out = new TreeMap<>();
        List<List<Change>> level = List.of(List.of());
        for (int len = 1; len <= maxLength; len++) {
            List<List<Change>> next = new ArrayList<>();
            for (List<Change> prefix : level) {
                for (Change c : Change.values()) {
                    List<Change> seq = new ArrayList<>(prefix);
                    seq.add(c);
                    next.add(seq);
                    out.put("s" + seq.stream().map(x -> String.valueOf(x.ordinal())).reduce("", String::concat), seq);
                }
            }
            level = next;
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void everySequenceOfChangesToOneIdEndsAsIfEachWasSentOnItsOwn(EsDistribution dist) {
        EsNode node = node(dist);
        Map<String, List<Change>> seqs = sequences(4);
        int batch = 500;

        // coalesced: each id's changes one after the other, all of them in one batch
        List<Record> together = new ArrayList<>();
        seqs.forEach((id, seq) -> {
            for (int k = 0; k < seq.size(); k++) {
                together.add(seq.get(k).record(id, "-" + k));
            }
        });
        String coalescedIdx = index(node, "coalesced");
        WriterRun coalesced;
        try (FaultProxy proxy = FaultProxy.start(node)) {
            coalesced = WriterRun.run(params(proxy.url(), coalescedIdx, "\"batchSize\":" + together.size() + "," + COLS),
                    together).expectSuccess();
            long items = proxy.bulkRequests().stream().mapToLong(r -> r.items().size()).sum();
            assertThat(items).as("one bulk item per document").isEqualTo(seqs.size());
        }
        assertThat(coalesced.acknowledged).as("every record acknowledged once").hasSize(together.size())
                .doesNotHaveDuplicates();
        assertThat(coalesced.counter(BulkWriter.COUNTER_COALESCED)).isEqualTo(together.size() - seqs.size());
        assertThat(coalesced.dirty).isEmpty();

        // one change per id per round; each round fills whole batches (padded with other documents), so no batch
        // holds two changes of one id and every change is its own bulk item, in order
        List<Record> oneByOne = new ArrayList<>();
        int filler = 0;
        for (int k = 0; k < 4; k++) {
            for (Map.Entry<String, List<Change>> e : seqs.entrySet()) {
                if (e.getValue().size() > k) {
                    oneByOne.add(e.getValue().get(k).record(e.getKey(), "-" + k));
                }
            }
            while (oneByOne.size() % batch != 0) {
                oneByOne.add(Change.UPSERT_AB.record("filler" + filler++, ""));
            }
        }
        String separateIdx = index(node, "separate");
        WriterRun separate = WriterRun.run(params(node.url(), separateIdx, "\"batchSize\":" + batch + "," + COLS), oneByOne)
                .expectSuccess();
        assertThat(separate.counter(BulkWriter.COUNTER_COALESCED)).as("the reference run coalesced nothing").isZero();

        Map<String, JsonNode> expected = documents(node, separateIdx);
        expected.keySet().removeIf(id -> id.startsWith("filler"));
        Map<String, JsonNode> actual = documents(node, coalescedIdx);
        Map<String, String> differences = new TreeMap<>();
        seqs.forEach((id, seq) -> {
            if (!java.util.Objects.equals(expected.get(id), actual.get(id))) {
                differences.put(id + " " + seq, "coalesced " + actual.get(id) + ", one by one " + expected.get(id));
            }
        });
        assertThat(differences).as("documents that differ").isEmpty();
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        // the comparison means something: documents of every shape are there, and deletes left ids absent
        assertThat(expected.values()).anyMatch(d -> d.has("a") && d.has("b")).anyMatch(d -> !d.has("a") || d.get("a").isNull());
        assertThat(expected.size()).isLessThan(seqs.size());
    }

    /** Every document of the index: id → _source. */
    private static Map<String, JsonNode> documents(EsNode node, String idx) {
        node.http().refresh(idx);
        JsonNode hits = node.http().get("/" + idx + "/_search?size=10000").expectOk().json().path("hits").path("hits");
        Map<String, JsonNode> out = new TreeMap<>();
        for (Iterator<JsonNode> it = hits.elements(); it.hasNext(); ) {
            JsonNode h = it.next();
            out.put(h.path("_id").asText(), h.path("_source"));
        }
        return out;
    }
}
