package io.tablesync.core.metrics;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Dirty records counted by side ("reader" / "writer") and reason, for a metric label each: reasons are
 * made label-safe ({@link Labels}) and kept to {@value #MAX_PER_SIDE} per side, the rest counted as "other".
 */
public final class DirtyReasons {
    static final int MAX_PER_SIDE = 32;

    /** A side and a reason. */
    public record Key(String side, String reason) {
    }

    private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

    public void count(String side, String reason) {
        Key key = new Key(side, Labels.of(reason));
        LongAdder a = counts.get(key);
        if (a == null) {
            long kinds = counts.keySet().stream().filter(k -> k.side().equals(side)).count();
            a = counts.computeIfAbsent(kinds < MAX_PER_SIDE ? key : new Key(side, "other"), k -> new LongAdder());
        }
        a.increment();
    }

    /** The counts so far, by side and reason. */
    public Map<Key, Long> snapshot() {
        Map<Key, Long> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** The counts of several collections added up (the engine's tasks each keep their own). */
    public static Map<Key, Long> sum(Collection<DirtyReasons> all) {
        Map<Key, Long> out = new HashMap<>();
        for (DirtyReasons r : all) {
            r.counts.forEach((k, v) -> out.merge(k, v.sum(), Long::sum));
        }
        return out;
    }
}
