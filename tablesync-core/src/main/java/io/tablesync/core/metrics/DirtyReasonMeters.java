package io.tablesync.core.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** {@code tablesync_dirty_records_total{side, reason}}: one counter per reason, registered when it first occurs. */
public final class DirtyReasonMeters {
    private final Supplier<Map<DirtyReasons.Key, Long>> counts;
    private final MeterRegistry registry;
    private final Set<DirtyReasons.Key> registered = ConcurrentHashMap.newKeySet();

    /** @param counts the counts now, by side and reason (read at each scrape) */
    public DirtyReasonMeters(Supplier<Map<DirtyReasons.Key, Long>> counts, MeterRegistry registry) {
        this.counts = counts;
        this.registry = registry;
    }

    /** Registers the reasons that appeared since the last call. */
    public void refresh() {
        for (DirtyReasons.Key key : counts.get().keySet()) {
            if (registered.add(key)) {
                FunctionCounter.builder("tablesync.dirty.records", this, m -> m.counts.get().getOrDefault(key, 0L))
                        .tag("side", key.side()).tag("reason", key.reason())
                        .description("Dirty records by side (reader, writer) and reason").register(registry);
            }
        }
    }
}
