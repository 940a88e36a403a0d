package io.tablesync.core.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** {@code tablesync_dirty_records_total{side, reason}}: one counter per reason, registered when it first occurs. */
public final class DirtyReasonMeters {
    private final Supplier<Map<DirtyReasons.Key, Long>> counts;
    private final MeterRegistry registry;
    private final Set<DirtyReasons.Key> registered = ConcurrentHashMap.newKeySet();
    private final Tags tags;

    /** @param counts the counts now, by side and reason (read at each scrape) */
    public DirtyReasonMeters(Supplier<Map<DirtyReasons.Key, Long>> counts, MeterRegistry registry) {
        this(counts, registry, Tags.empty());
    }

    /** @param tags added to every counter, e.g. {@code job} when one process runs several jobs */
    public DirtyReasonMeters(Supplier<Map<DirtyReasons.Key, Long>> counts, MeterRegistry registry, Tags tags) {
        this.counts = counts;
        this.registry = registry;
        this.tags = tags;
    }

    /** Registers the reasons that appeared since the last call. */
    public void refresh() {
        for (DirtyReasons.Key key : counts.get().keySet()) {
            if (registered.add(key)) {
                FunctionCounter.builder("tablesync.dirty.records", this, m -> m.counts.get().getOrDefault(key, 0L))
                        .tags(tags).tag("side", key.side()).tag("reason", key.reason())
                        .description("Dirty records by side (reader, writer) and reason").register(registry);
            }
        }
    }
}
