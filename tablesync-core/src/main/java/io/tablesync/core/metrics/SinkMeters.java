package io.tablesync.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The writer's telemetry as Micrometer meters: {@code tablesync_bulk_request_seconds} (a histogram
 * with fixed buckets from 5 ms to 60 s), documents and bytes per request, and
 * {@code tablesync_retries_total{reason}}; it also keeps whether the sink answered its last request.
 */
public final class SinkMeters implements SinkTelemetry {
    /** Bucket bounds: a few around the usual bulk latencies, up to the slowest a retry loop tolerates. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
    };
    private static final String[] KNOWN_REASONS = {
        RETRY_TOO_MANY_REQUESTS, RETRY_SERVER_ERROR, RETRY_IO_ERROR, RETRY_VERSION_CONFLICT,
    };

    private final MeterRegistry registry;
    private final LongSupplier clock;
    private final Timer requests;
    private final DistributionSummary actions;
    private final DistributionSummary bytes;
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final EndpointState sink = new EndpointState();
    private final Tags tags;

    public SinkMeters(MeterRegistry registry, LongSupplier clock) {
        this(registry, clock, Tags.empty());
    }

    /** @param tags added to every meter, e.g. {@code job} when one process runs several jobs */
    public SinkMeters(MeterRegistry registry, LongSupplier clock, Tags tags) {
        this.registry = registry;
        this.clock = clock;
        this.tags = tags;
        this.requests = Timer.builder("tablesync.bulk.request")
                .description("Bulk requests to the sink that got an answer, from sending to the complete answer")
                .serviceLevelObjectives(BUCKETS)
                .tags(tags)
                .register(registry);
        this.actions = DistributionSummary.builder("tablesync.bulk.documents")
                .description("Documents per bulk request (the batch size in effect; halved after HTTP 429)")
                .tags(tags)
                .register(registry);
        this.bytes = DistributionSummary.builder("tablesync.bulk.request.size").baseUnit("bytes")
                .description("Body size of bulk requests")
                .tags(tags)
                .register(registry);
        for (String reason : KNOWN_REASONS) {
            retryCounter(reason);
        }
    }

    @Override
    public void request(long nanos, int actionCount, long byteCount, String failure) {
        long now = clock.getAsLong();
        if (failure == null) {
            requests.record(nanos, TimeUnit.NANOSECONDS);
            actions.record(actionCount);
            bytes.record(byteCount);
            sink.ok(now);
        } else {
            sink.failed(now, failure);
        }
    }

    @Override
    public void retried(String reason, int items) {
        retryCounter(reason).increment(items);
    }

    /** Whether the sink answered its last request. */
    public EndpointState sink() {
        return sink;
    }

    private Counter retryCounter(String reason) {
        return retries.computeIfAbsent(Labels.of(reason), r -> Counter.builder("tablesync.retries").tags(tags).tag("reason", r)
                .description("Documents sent again, by why the previous attempt failed").register(registry));
    }
}
