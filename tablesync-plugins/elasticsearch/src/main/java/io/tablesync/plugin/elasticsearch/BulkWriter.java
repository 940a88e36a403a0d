package io.tablesync.plugin.elasticsearch;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.metrics.SinkTelemetry;
import io.tablesync.core.net.NetworkErrors;
import io.tablesync.core.spi.RecordReceiver;
import io.tablesync.core.spi.TaskPluginCollector;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.http.HttpEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Cancellable;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's bulk pipeline. Actions are serialised into the current batch as they arrive, changes of
 * one document inside a batch are coalesced ({@link PendingBatch}); a full batch ({@code batchSize}
 * records, {@code batchByteSize} bytes) or an explicit flush sends it. Up to {@code maxBulksInFlight}
 * requests travel at once, but only requests whose document ids are disjoint: an action on an id that
 * a request in flight writes is kept back for the next request, which is sent only once that request
 * is completely done, retries included, so two actions on one id are never reordered (DESIGN.md, the
 * allowed exception to one bulk in flight).
 * Requests complete (are parsed, retried, acknowledged) one at a time, oldest first; an acknowledgement
 * may thus pass an earlier record of another document, which the reader side's AckTracker allows for.
 *
 * <p>Outcomes (research peers.md §4a item 7):
 * <ul>
 *   <li>success, or 404 for a delete, or a version conflict of an externally versioned write
 *       (the document already has that or a newer version): done, acknowledged;</li>
 *   <li>IO error, 429, 5xx (whole request or item), 409 on update: retried with exponential
 *       backoff + jitter, only the failed items, plus every later item of the batch on the same id
 *       (it was applied before the earlier one it now has to follow); 429 also halves the batch
 *       size, which then grows back additively;</li>
 *   <li>413 (request too large): the request is split in halves; a single document that is too
 *       large is a dirty record;</li>
 *   <li>any other item error (mapping errors ...): a dirty record for exactly that record, with the
 *       server's reason (or the task fails when {@code ignoreParseError} is false);</li>
 *   <li>401/403 or another whole-request 4xx: the task fails with the server's answer.</li>
 * </ul>
 * Retries exhausted: the task fails (records stay unacknowledged, so a restart replays them), or
 * with {@code ignoreWriteError} the records are counted in the summary and acknowledged.
 */
final class BulkWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);
    static final String COUNTER_DROPPED = "elasticsearchwriter records dropped by ignoreWriteError";
    static final String COUNTER_STALE = "elasticsearchwriter writes skipped as older than the document's version";
    static final String COUNTER_RETRIED = "elasticsearchwriter bulk items retried";
    static final String COUNTER_COALESCED = "elasticsearchwriter records coalesced into a later change of their document";

    private static final int IO_FAILURE = -1;
    private static final ItemResult OK = new ItemResult(200, null, null);
    /** The parts of a bulk response {@link BulkResponseParser} reads. */
    static final String RESPONSE_FIELDS = "errors,items.*.status,items.*.error";

    private final RestClient client;
    private final EsWriterConfig cfg;
    private final String bulkPath;
    private final RecordReceiver receiver;
    private final TaskPluginCollector collector;
    private final RetryPolicy retry;

    private final PendingBatch batch = new PendingBatch();
    private int limit; // current batch size; 429 halves it
    private String failingWith; // the kind of failure last warned about, null while requests succeed
    private long failingSinceNanos;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

    private record InFlight(List<EsAction> actions, byte[] body, Set<String> ids, CompletableFuture<Object> result) {
    }

    /** The outcome of one item in one attempt. */
    private record ItemResult(int status, String errorType, String reason) {
    }

    BulkWriter(RestClient client, EsWriterConfig cfg, String bulkPath, RecordReceiver receiver, TaskPluginCollector collector) {
        this.client = client;
        this.cfg = cfg;
        this.bulkPath = bulkPath;
        this.receiver = receiver;
        this.collector = collector;
        this.retry = new RetryPolicy(cfg.trySize, cfg.retryInitialIntervalMs, cfg.tryIntervalMs);
        this.limit = cfg.batchSize;
    }

    boolean hasBuffered() {
        return !batch.isEmpty();
    }


    /** A request is in flight and its answer has not arrived yet. */
    boolean awaitingAnswer() {
        for (InFlight f : inFlight) {
            if (!f.result().isDone()) {
                return true;
            }
        }
        return false;
    }

    /** Adds an action to the current batch; sends the batch when it is full. */
    void add(EsAction a) {
        batch.add(a);
        if (batch.records() >= limit || batch.bytesWritten() >= cfg.batchByteSize) {
            flush();
        }
    }

    /**
     * Sends the current batch, once the number of requests in flight allows (one while the server answers
     * 429). Actions on a document that a request in flight writes are kept back for the next batch (their
     * later changes coalesce into them or follow them), so no two requests in flight share an id; when every
     * action must wait, the oldest request in flight is completed first.
     */
    void flush() {
        while (!batch.isEmpty()) {
            int allowed = limit < cfg.batchSize ? 1 : cfg.maxBulksInFlight;
            while (inFlight.size() >= allowed) {
                completeOldest();
            }
            PendingBatch.Taken t = batch.take(this::writtenInFlight);
            if (t.actions().isEmpty()) {
                completeOldest();
                continue;
            }
            if (t.records() > t.actions().size()) {
                collector.incrementCounter(COUNTER_COALESCED, t.records() - t.actions().size());
            }
            inFlight.add(new InFlight(t.actions(), t.body(), t.ids(), sendAsync(t.body(), t.actions().size())));
            return;
        }
    }

    private boolean writtenInFlight(String id) {
        for (InFlight f : inFlight) {
            if (f.ids().contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** Completes every request in flight: parses, retries, acknowledges. */
    void awaitInFlight() {
        while (!inFlight.isEmpty()) {
            completeOldest();
        }
    }

    private void completeOldest() {
        InFlight f = inFlight.peekFirst();
        Object outcome;
        try {
            outcome = f.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TablesyncException.userError(EsWriterErrorCode.ES_INDEX_INSERT, "interrupted while waiting for a bulk response", e);
        } catch (ExecutionException e) {
            outcome = e.getCause();
        }
        try {
            complete(f.actions(), f.body(), outcome);
        } finally {
            // removed only now: while its retries run, no request with one of its ids may be sent
            inFlight.remove(f);
        }
    }

    /** Sends everything and waits for it. */
    void finish() {
        while (!batch.isEmpty()) {
            flush();
        }
        awaitInFlight();
    }

    // ---------------------------------------------------------------------------------------------

    private void complete(List<EsAction> actions, byte[] body, Object firstOutcome) {
        List<EsAction> pending = actions;
        List<ItemResult> results = itemResults(pending, body, firstOutcome);
        int attempts = 1;
        while (true) {
            Map<String, Integer> reasons = new HashMap<>();
            List<EsAction> again = classify(pending, results, reasons);
            if (again.isEmpty()) {
                loggedRecovery();
                return;
            }
            if (reasons.isEmpty()) {
                // only coalesced documents the server rejected: their records are sent one by one at once, so
                // each gets its own answer (a dirty record is exactly the record the server refuses)
                pending = again;
                results = sendChunked(pending);
                continue;
            }
            if (!retry.canRetry(attempts)) {
                giveUp(again, results, pending);
                return;
            }
            collector.incrementCounter(COUNTER_RETRIED, again.size());
            reasons.forEach(collector.telemetry()::retried);
            long delay = retry.delayMs(attempts);
            logRetry(attempts, again.size(), pending, results, delay);
            sleep(delay);
            attempts++;
            pending = again;
            results = sendChunked(pending);
        }
    }

    /**
     * One warning per kind of failure (an outage of many minutes is not a warning per attempt): the
     * first attempt that fails with a new kind (HTTP 429, HTTP 503, an I/O error …) is logged with its
     * detail, the following ones of the same kind at debug level, and the first success after them once.
     */
    private void logRetry(int attempt, int failed, List<EsAction> pending, List<ItemResult> results, long delay) {
        String kind = failureKind(results);
        if (!kind.equals(failingWith)) {
            LOG.warn("bulk attempt {}/{}: {} of {} items must be retried ({}); next attempt in {} ms (further attempts failing"
                    + " the same way are logged at debug level)", attempt, retry.maxAttempts(), failed, pending.size(),
                    describeFirstFailure(pending, results), delay);
            failingWith = kind;
            failingSinceNanos = failingSinceNanos == 0 ? System.nanoTime() : failingSinceNanos;
        } else {
            LOG.debug("bulk attempt {}/{}: {} of {} items must be retried ({}); next attempt in {} ms", attempt,
                    retry.maxAttempts(), failed, pending.size(), describeFirstFailure(pending, results), delay);
        }
    }

    private void loggedRecovery() {
        if (failingWith != null) {
            LOG.info("bulk requests succeed again ({} s after the first failure; last failure: {})",
                    (System.nanoTime() - failingSinceNanos) / 1_000_000_000, failingWith);
            failingWith = null;
            failingSinceNanos = 0;
        }
    }

    private static String failureKind(List<ItemResult> results) {
        if (results == null) {
            return "none";
        }
        for (ItemResult r : results) {
            if (r.status() / 100 != 2) {
                return (r.status() == IO_FAILURE ? "I/O error" : "HTTP " + r.status()) + " " + r.errorType();
            }
        }
        return "none";
    }

    /** Sends actions synchronously in chunks of the current limit (and halves on 413); one result per action. */
    private List<ItemResult> sendChunked(List<EsAction> actions) {
        List<ItemResult> out = new ArrayList<>(actions.size());
        // Advance by the chunk just sent: its answer may change the limit (429 halves it, a success grows it back).
        for (int from = 0; from < actions.size(); ) {
            List<EsAction> chunk = actions.subList(from, Math.min(actions.size(), from + Math.max(1, limit)));
            from += chunk.size();
            byte[] body = BulkRequestBuilder.build(chunk);
            Object outcome;
            try {
                outcome = sendAsync(body, chunk.size()).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TablesyncException.userError(EsWriterErrorCode.ES_INDEX_INSERT, "interrupted while retrying a bulk request", e);
            } catch (ExecutionException e) {
                outcome = e.getCause();
            }
            List<ItemResult> r = itemResults(chunk, body, outcome);
            out.addAll(r == null ? same(chunk, OK) : r);
        }
        return out;
    }

    /** Turns one request's outcome (a Response or an exception) into one result per action. */
    private List<ItemResult> itemResults(List<EsAction> actions, byte[] body, Object outcome) {
        if (outcome instanceof Response resp) {
            int status = resp.getStatusLine().getStatusCode();
            if (status / 100 == 2) {
                return parseItems(actions, resp.getEntity());
            }
            return requestFailure(actions, status, entityText(resp.getEntity()));
        }
        if (outcome instanceof ResponseException re) {
            Response resp = re.getResponse();
            return requestFailure(actions, resp.getStatusLine().getStatusCode(), entityText(resp.getEntity()));
        }
        Throwable t = (Throwable) outcome;
        if (NetworkErrors.isPermanent(t)) {
            // a TLS or protocol mismatch does not heal: 30 attempts a minute apart would only hide it
            throw TablesyncException.userError(EsWriterErrorCode.ES_CONNECTION, "POST " + bulkPath + " to " + cfg.endpoints
                    + " failed: " + NetworkErrors.describe(t), t);
        }
        if (t instanceof IOException || t.getCause() instanceof IOException) {
            return same(actions, new ItemResult(IO_FAILURE, "io_exception", String.valueOf(t)));
        }
        throw TablesyncException.internal(EsWriterErrorCode.ES_INDEX_INSERT, "bulk request to " + cfg.endpoints + " failed", t);
    }

    private List<ItemResult> requestFailure(List<EsAction> actions, int status, String body) {
        if (status == 401 || status == 403) {
            throw new EsRequests(client, String.valueOf(cfg.endpoints)).authError(status, "POST " + bulkPath, body);
        }
        if (status == 413) {
            if (actions.size() == 1) {
                return List.of(new ItemResult(413, "request_too_large", "the document alone is larger than the server accepts "
                        + "(http.max_content_length)"));
            }
            // split and send both halves; results keep the order
            int mid = actions.size() / 2;
            List<ItemResult> out = new ArrayList<>(sendChunked(actions.subList(0, mid)));
            out.addAll(sendChunked(actions.subList(mid, actions.size())));
            return out;
        }
        if (status == 429) {
            halve();
        }
        if (status == 429 || status / 100 == 5) {
            return same(actions, new ItemResult(status, "http_" + status, EsRequests.abbreviate(body)));
        }
        throw TablesyncException.userError(EsWriterErrorCode.ES_INDEX_INSERT, "POST " + bulkPath + " answered HTTP " + status + ": "
                + EsRequests.abbreviate(body));
    }

    private List<ItemResult> parseItems(List<EsAction> actions, HttpEntity entity) {
        BulkResponseParser.Result r;
        try (InputStream in = entity.getContent()) {
            r = BulkResponseParser.parse(in, actions.size());
        } catch (IOException e) {
            return same(actions, new ItemResult(IO_FAILURE, "io_exception", "unreadable bulk response: " + e.getMessage()));
        }
        if (r.allOk()) {
            recover();
            return null; // all succeeded
        }
        List<ItemResult> out = new ArrayList<>(actions.size());
        boolean rejected = false;
        for (int i = 0; i < actions.size(); i++) {
            out.add(new ItemResult(r.status()[i], r.errorType()[i], r.reason()[i]));
            rejected |= r.status()[i] == 429;
        }
        if (rejected) {
            halve();
        } else {
            recover();
        }
        return out;
    }

    /**
     * Acknowledges what is done, makes dirty records of what cannot be written, and returns what to
     * retry (in the original order), counting in {@code reasons} why each is retried.
     */
    private List<EsAction> classify(List<EsAction> actions, List<ItemResult> results, Map<String, Integer> reasons) {
        if (results == null) {
            actions.forEach(this::acknowledge);
            return List.of();
        }
        boolean[] retryIt = new boolean[actions.size()];
        boolean[] split = new boolean[actions.size()];
        Set<String> retriedIds = new HashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            EsAction a = actions.get(i);
            ItemResult res = results.get(i);
            if (a.id != null && retriedIds.contains(a.id) && res.status() / 100 == 2) {
                retryIt[i] = true; // applied before an earlier action on the same id that failed: must follow it again
                reasons.merge(RETRY_ORDERING, 1, Integer::sum);
                continue;
            }
            Kind k = kind(a, res);
            if (k == Kind.DIRTY && a.parts != null) {
                split[i] = true; // which of its records the server refuses is found by sending them one by one
                if (a.id != null) {
                    retriedIds.add(a.id);
                }
                continue;
            }
            switch (k) {
                case OK -> acknowledge(a);
                case STALE -> {
                    collector.incrementCounter(COUNTER_STALE, 1);
                    acknowledge(a);
                }
                case RETRY -> {
                    retryIt[i] = true;
                    reasons.merge(retryReason(res), 1, Integer::sum);
                    if (a.id != null) {
                        retriedIds.add(a.id);
                    }
                }
                case DIRTY -> dirty(a, res);
            }
        }
        List<EsAction> again = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            if (split[i]) {
                again.addAll(actions.get(i).parts);
            } else if (retryIt[i]) {
                again.add(actions.get(i));
            }
        }
        return again;
    }

    private void acknowledge(EsAction a) {
        if (a.parts == null) {
            receiver.acknowledge(a.record);
        } else {
            a.parts.forEach(p -> receiver.acknowledge(p.record));
        }
    }

    private enum Kind { OK, STALE, RETRY, DIRTY }

    /** A document applied after an earlier action on its id that failed: sent again to follow it. */
    static final String RETRY_ORDERING = "follows_failed_item";

    private static String retryReason(ItemResult r) {
        int s = r.status();
        if (s == IO_FAILURE) {
            return SinkTelemetry.RETRY_IO_ERROR;
        }
        if (s == 429) {
            return SinkTelemetry.RETRY_TOO_MANY_REQUESTS;
        }
        return s == 409 ? SinkTelemetry.RETRY_VERSION_CONFLICT : SinkTelemetry.RETRY_SERVER_ERROR;
    }

    private Kind kind(EsAction a, ItemResult r) {
        int s = r.status();
        if (s / 100 == 2) {
            return Kind.OK;
        }
        if (s == 404 && a.kind == EsAction.Kind.DELETE && r.errorType() == null) {
            return Kind.OK; // deleting what is not there: the goal is reached
        }
        if (s == 409 && a.version != null) {
            return Kind.STALE; // external version: the document already holds this or a newer change
        }
        if (s == IO_FAILURE || s == 429 || s / 100 == 5 || (s == 409 && a.kind == EsAction.Kind.UPDATE)) {
            return Kind.RETRY;
        }
        return Kind.DIRTY;
    }

    private void dirty(EsAction a, ItemResult r) {
        String msg = "status:[" + r.status() + "], error: " + r.errorType() + ": " + r.reason() + " (" + a.kind.name().toLowerCase()
                + (a.id != null ? " _id=" + a.id : "") + ")";
        if (!cfg.ignoreParseError) {
            throw TablesyncException.userError(EsWriterErrorCode.ES_INDEX_INSERT, "Elasticsearch rejected a document and ignoreParseError is "
                    + "false: " + msg);
        }
        collector.collectDirtyRecord(a.record, r.errorType() != null ? r.errorType() : "http_" + r.status(), null, msg);
        receiver.acknowledge(a.record); // never a coalesced action: those are split first
    }

    private void giveUp(List<EsAction> failed, List<ItemResult> results, List<EsAction> pending) {
        String what = describeFirstFailure(pending, results);
        if (cfg.ignoreWriteError) {
            int records = failed.stream().mapToInt(EsAction::recordCount).sum();
            LOG.warn("Retry [{}] write failed, ignore the error, continue to write! {} records dropped (last error: {}); "
                    + "they are counted in the summary", retry.maxAttempts(), records, what);
            collector.incrementCounter(COUNTER_DROPPED, records);
            failed.forEach(this::acknowledge);
            return;
        }
        // Only failures that can heal (I/O, 429, 5xx, update conflicts) are retried, so this one can heal too.
        throw TablesyncException.transientError(EsWriterErrorCode.ES_INDEX_INSERT, failed.size() + " documents still failed after "
                + retry.maxAttempts() + " attempts (trySize): " + what, null);
    }

    private static String describeFirstFailure(List<EsAction> actions, List<ItemResult> results) {
        if (results == null) {
            return "none";
        }
        for (int i = 0; i < results.size(); i++) {
            ItemResult r = results.get(i);
            if (r.status() / 100 != 2) {
                EsAction a = actions.get(i);
                return (r.status() == IO_FAILURE ? "I/O error" : "HTTP " + r.status()) + " " + r.errorType() + ": " + r.reason()
                        + (a.id != null ? " (_id=" + a.id + ")" : "");
            }
        }
        return "none";
    }

    private void halve() {
        int before = limit;
        limit = Math.max(1, limit / 2);
        if (limit != before) {
            LOG.warn("Elasticsearch is rejecting requests (429): batch size lowered from {} to {}", before, limit);
        }
    }

    /** Additive recovery after 429s: a tenth of batchSize per successful request. */
    private void recover() {
        if (limit < cfg.batchSize) {
            limit = Math.min(cfg.batchSize, limit + Math.max(1, cfg.batchSize / 10));
        }
    }

    /** Sends one bulk request; its latency and size, or why it got no answer, go to the task's telemetry. */
    private CompletableFuture<Object> sendAsync(byte[] body, int actionCount) {
        receiver.checkWritable();
        SinkTelemetry telemetry = collector.telemetry();
        long started = System.nanoTime();
        Request req = new Request("POST", bulkPath);
        if (!cfg.urlParams.containsKey("filter_path")) {
            // only what the response parser reads: the server builds, and the client receives, a tenth of the answer
            req.addParameter("filter_path", RESPONSE_FIELDS);
        }
        for (Map.Entry<String, String> p : cfg.urlParams.entrySet()) {
            req.addParameter(p.getKey(), p.getValue());
        }
        req.setEntity(BulkEntity.of(body, cfg.compression));
        CompletableFuture<Object> f = new CompletableFuture<>();
        Cancellable ignored = client.performRequestAsync(req, new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                telemetry.request(System.nanoTime() - started, actionCount, body.length, null);
                f.complete(response);
            }

            @Override
            public void onFailure(Exception exception) {
                // an HTTP error status is an answer; only a request that got none means the sink is unreachable
                telemetry.request(System.nanoTime() - started, actionCount, body.length,
                        exception instanceof ResponseException ? null : NetworkErrors.describe(exception));
                f.complete(exception);
            }
        });
        return f;
    }

    private static List<ItemResult> same(List<EsAction> actions, ItemResult r) {
        List<ItemResult> out = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
            out.add(r);
        }
        return out;
    }

    private static String entityText(HttpEntity e) {
        try {
            return e == null ? "" : EntityUtils.toString(e);
        } catch (IOException ex) {
            return "<unreadable body: " + ex.getMessage() + ">";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TablesyncException.userError(EsWriterErrorCode.ES_INDEX_INSERT, "interrupted while waiting to retry a bulk request", e);
        }
    }
}
