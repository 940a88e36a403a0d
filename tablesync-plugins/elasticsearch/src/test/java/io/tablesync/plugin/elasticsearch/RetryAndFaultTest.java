package io.tablesync.plugin.elasticsearch;

import static io.tablesync.plugin.elasticsearch.EsTestSupport.index;
import static io.tablesync.plugin.elasticsearch.EsTestSupport.node;
import static io.tablesync.plugin.elasticsearch.EsTestSupport.params;
import static io.tablesync.plugin.elasticsearch.Records.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.Operation;
import io.tablesync.core.metrics.SinkTelemetry;
import io.tablesync.core.element.Record;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.FaultProxy;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Retries, backoff, 429 halving, splitting and giving up, with failures injected by FaultProxy in front of real nodes. */
class RetryAndFaultTest {
    static List<EsDistribution> distributions() {
        return EsTestSupport.distributions();
    }

    private static final String COLS = "\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"v\",\"type\":\"keyword\"}]";
    private static final String COLS_WITH_OBJECT = "\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"v\",\"type\":\"keyword\"},"
            + "{\"name\":\"o\",\"type\":\"object\"}]";

    private static List<Record> docs(int n) {
        List<Record> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Records.strings(String.valueOf(i), "v" + i));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void wholeRequest5xxAndHtmlErrorPagesAreRetried(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "retry-5xx");
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.failRequests("_bulk", 2, 503);
            proxy.failRequests("_bulk", 1, 502, "text/html", "<html><body>502 Bad Gateway</body></html>");
            WriterRun run = WriterRun.run(params(proxy.url(), idx, "\"batchSize\":100," + COLS), docs(10)).expectSuccess();
            assertThat(proxy.bulkRequests()).extracting(FaultProxy.Seen::status).containsExactly(503, 503, 502, 200);
            assertThat(run.acknowledged).hasSize(10);
            assertThat(run.counter(BulkWriter.COUNTER_RETRIED)).isEqualTo(30);
            assertThat(run.retriedByReason).isEqualTo(java.util.Map.of(SinkTelemetry.RETRY_SERVER_ERROR, 30));
            assertThat(run.requests).containsExactly("10 answered", "10 answered", "10 answered", "10 answered");
        }
        assertThat(node.http().count(idx)).isEqualTo(10);
    }

    /** An outage is one warning (per kind of failure) and one line when it is over, not a warning per attempt. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void aStreakOfFailedAttemptsIsLoggedOncePerKindAndItsEndOnce(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "retry-log");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(BulkWriter.class);
        logger.addAppender(logs);
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.failRequests("_bulk", 4, 503);
            proxy.failRequests("_bulk", 2, 502);
            WriterRun.run(params(proxy.url(), idx, "\"batchSize\":10,\"tryInterval\":50," + COLS), docs(10)).expectSuccess();
        } finally {
            logger.detachAppender(logs);
        }
        // this run's lines: the writer runs in this thread, other tests' writers may log at the same time
        String thread = Thread.currentThread().getName();
        List<String> lines = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.INFO))
                .filter(e -> thread.equals(e.getThreadName()))
                .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines.stream().filter(l -> l.startsWith("bulk attempt"))).as("%s", lines).hasSize(2);
        assertThat(lines.stream().filter(l -> l.startsWith("bulk requests succeed again"))).as("%s", lines).hasSize(1);
        assertThat(node.http().count(idx)).isEqualTo(10);
    }

    /** Retries are sent in chunks of the current limit, which each answer changes: no action may be skipped or sent twice. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void retriedChunksFollowTheChangingBatchSizeWithoutSkippingOrRepeating(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "retry-chunks");
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.failRequests("_bulk", 3, 429);
            WriterRun run = WriterRun.run(params(proxy.url(), idx, "\"batchSize\":40," + COLS), docs(40)).expectSuccess();
            assertThat(run.acknowledged).hasSize(40);
            long forwarded = proxy.bulkRequests().stream().filter(r -> r.status() == 200).mapToLong(r -> r.items().size()).sum();
            assertThat(forwarded).as("each action reaches the server once").isEqualTo(40);
        }
        assertThat(node.http().count(idx)).isEqualTo(40);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void itemRejectionRetriesOnlyTheFailedItemAndHalvesTheBatch(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "retry-429");
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.failBulkItems(1, 429, "es_rejected_execution_exception", it -> "1".equals(it.id()));
            // one request in flight, so the retry is the second request
            WriterRun run = WriterRun.run(params(proxy.url(), idx, "\"batchSize\":4,\"maxBulksInFlight\":1," + COLS), docs(16))
                    .expectSuccess();
            List<FaultProxy.Seen> bulks = proxy.bulkRequests();
            assertThat(bulks.get(0).items()).extracting(FaultProxy.BulkItem::id).containsExactly("0", "1", "2", "3");
            assertThat(bulks.get(0).failedItems()).extracting(FaultProxy.BulkItem::id).containsExactly("1");
            // only the rejected item is sent again
            assertThat(bulks.get(1).items()).extracting(FaultProxy.BulkItem::id).containsExactly("1");
            // and batches built after the 429 are smaller
            assertThat(bulks.subList(2, bulks.size())).anySatisfy(b -> assertThat(b.items().size()).isLessThanOrEqualTo(2));
            assertThat(run.acknowledged).hasSize(16);
            assertThat(run.dirty).isEmpty();
            assertThat(run.retriedByReason).isEqualTo(java.util.Map.of(SinkTelemetry.RETRY_TOO_MANY_REQUESTS, 1));
            assertThat(run.requests).hasSize(bulks.size()).allMatch(r -> r.endsWith(" answered"));
        }
        assertThat(node.http().count(idx)).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void aRetriedItemIsFollowedAgainByLaterActionsOnTheSameId(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "retry-order");
        try (FaultProxy proxy = FaultProxy.start(node)) {
            // the full write of X is rejected, the later partial update of X is applied: retrying only the
            // first would leave v=1 behind; the writer must re-send both, in order
            // (the update sets an object field, so it is not coalesced into the write before it: both stay bulk items)
            proxy.failBulkItems(1, 429, "es_rejected_execution_exception", it -> "X".equals(it.id()) && it.action().equals("index"));
            ColumnState p = ColumnState.PRESENT;
            Record first = Records.op(Operation.UPSERT, new Column[] {s("X"), s("1"), s(null)}, new ColumnState[] {p, p, ColumnState.ABSENT});
            Record second = Records.op(Operation.UPDATE, new Column[] {s("X"), s("2"), s("{\"k\":1}")}, new ColumnState[] {p, p, p});
            WriterRun.run(params(proxy.url(), idx, "\"batchSize\":10," + COLS_WITH_OBJECT), List.of(first, second)).expectSuccess();
            assertThat(proxy.bulkRequests().get(1).items()).extracting(FaultProxy.BulkItem::action).containsExactly("index", "update");
        }
        assertThat(node.http().source(idx, "X").path("v").asText()).isEqualTo("2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void aRetriedFieldRemovalKeepsItsPlaceBeforeLaterChangesOfTheSameId(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "retry-coldel");
        // (the later update also sets an object field, so it is not coalesced with the removal: both stay bulk items)
        String cols = "\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"v\",\"type\":\"keyword\"},"
                + "{\"name\":\"w\",\"type\":\"keyword\"},{\"name\":\"o\",\"type\":\"object\"}]";
        ColumnState P = ColumnState.PRESENT, A = ColumnState.ABSENT, D = ColumnState.DELETED;
        Record put = Records.op(Operation.UPSERT, new Column[] {s("Y"), s("1"), s("w1"), null}, new ColumnState[] {P, P, P, A});
        Record dropV = Records.op(Operation.UPDATE, new Column[] {s("Y"), null, null, null}, new ColumnState[] {P, D, A, A});
        Record setW = Records.op(Operation.UPDATE, new Column[] {s("Y"), null, s("w2"), s("{\"k\":1}")}, new ColumnState[] {P, A, P, P});
        WriterRun.run(params(node.url(), idx, cols), List.of(put)).expectSuccess();
        try (FaultProxy proxy = FaultProxy.start(node)) {
            // the field removal is rejected once; the later update of Y was applied and must be re-sent after it
            proxy.failBulkItems(1, 429, "es_rejected_execution_exception", it -> "Y".equals(it.id()) && it.position() == 0);
            WriterRun run = WriterRun.run(params(proxy.url(), idx, "\"batchSize\":10," + cols), List.of(dropV, setW)).expectSuccess();
            assertThat(proxy.bulkRequests().get(1).items()).extracting(FaultProxy.BulkItem::action).containsExactly("update", "update");
            assertThat(run.acknowledged).containsExactlyInAnyOrder(dropV, setW);
        }
        JsonNode y = node.http().source(idx, "Y");
        assertThat(y.path("w").asText()).isEqualTo("w2");
        if (dist.supportsScripts()) {
            assertThat(y.has("v")).as("removed: " + y).isFalse();
        } else {
            assertThat(y.path("v").isNull()).as("nulled: " + y).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void exhaustedRetriesFailTheTaskWithoutAcknowledging(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "retry-giveup");
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.failRequests("_bulk", 1000, 503);
            WriterRun run = WriterRun.run(params(proxy.url(), idx, "\"trySize\":3," + COLS), docs(5));
            assertThat(run.failure).isInstanceOf(TablesyncException.class).hasMessageContaining("ESWriter-04")
                    .hasMessageContaining("after 3 attempts").hasMessageContaining("HTTP 503");
            assertThat(run.acknowledged).as("nothing durable, nothing acknowledged").isEmpty();
            assertThat(proxy.bulkRequests()).hasSize(3);
            assertThat(run.retriedByReason).as("sent again twice; the third failure gives up")
                    .isEqualTo(java.util.Map.of(SinkTelemetry.RETRY_SERVER_ERROR, 10));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void ignoreWriteErrorCountsWhatItDrops(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "retry-ignore");
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.failBulkItems(1000, 503, "unavailable_shards_exception", it -> it.id().equals("2"));
            WriterRun run = WriterRun.run(params(proxy.url(), idx, "\"trySize\":2,\"ignoreWriteError\":true," + COLS), docs(5))
                    .expectSuccess();
            assertThat(run.counter(BulkWriter.COUNTER_DROPPED)).isEqualTo(1);
            assertThat(run.acknowledged).hasSize(5);
        }
        assertThat(node.http().count(idx)).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void tooLargeRequestsAreSplit(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "retry-413");
        try (FaultProxy proxy = FaultProxy.start(node)) {
            proxy.failRequests("_bulk", 1, 413);
            WriterRun run = WriterRun.run(params(proxy.url(), idx, "\"batchSize\":100," + COLS), docs(8)).expectSuccess();
            assertThat(proxy.bulkRequests()).extracting(b -> b.items().size()).containsExactly(8, 4, 4);
            assertThat(run.acknowledged).hasSize(8);
        }
        assertThat(node.http().count(idx)).isEqualTo(8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void unreachableEndpointFailsWithAClearMessage(EsDistribution dist) throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        WriterRun run = WriterRun.run(params("http://127.0.0.1:" + dead, "unreachable", "\"retryTimes\":2," + COLS), docs(1));
        assertThat(run.failure).isInstanceOf(TablesyncException.class).hasMessageContaining("ESWriter-11")
                .hasMessageContaining("127.0.0.1:" + dead);
        assertThat(((TablesyncException) run.failure).isUserError()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void httpsAgainstAPlainHttpNodeIsATlsErrorThatIsNotRetried(EsDistribution dist) {
        EsNode node = node(dist);
        String https = node.url().replace("http://", "https://");
        long t = System.nanoTime();
        // no sleepTimeInMilliSecond override here: DataX would retry prepare 3 x 10 s
        WriterRun run = WriterRun.run("{\"endpoint\":\"" + https + "\",\"index\":\"" + index(node, "tls-mismatch") + "\"," + COLS + "}",
                List.of(Records.strings("1", "x")));
        assertThat(run.failure).isInstanceOf(TablesyncException.class).hasMessageContaining("ESWriter-11")
                .hasMessageContaining(https).hasMessageContaining("TLS error");
        assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(5_000);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void aRefusedEndpointFailsWithinAboutTenSecondsByDefault(EsDistribution dist) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t = System.nanoTime();
        WriterRun run = WriterRun.run("{\"endpoint\":\"http://127.0.0.1:" + port + "\",\"index\":\"" + index(node(dist), "refused") + "\","
                + COLS + "}", List.of(Records.strings("1", "x")));
        assertThat(run.failure).hasMessageContaining("http://127.0.0.1:" + port).hasMessageContaining("connection refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(": null"));
        assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(12_000);
    }
}
