package io.tablesync.core.metrics;

import java.time.Duration;

/**
 * When {@code /health} turns red.
 *
 * @param stall       a shard that is behind and had nothing acknowledged for this long is stuck; an end
 *                    (source, sink) that failed every request for this long is down
 * @param minHeadroom the oldest change not yet written must be this far from being trimmed by the
 *                    source's retention
 */
public record HealthRules(Duration stall, Duration minHeadroom) {
    public static HealthRules defaults() {
        return new HealthRules(Duration.ofMinutes(2), Duration.ofHours(6));
    }
}
