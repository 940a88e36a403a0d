package io.tablesync.core.sync;

import io.tablesync.core.element.Operation;
import io.tablesync.core.source.SplitStatus;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The line a continuous run logs every status interval: records in and out by operation with their
 * rates, dirty records, splits by state, and each reading split's lag and checkpoint age.
 */
final class StatusLine {
    private static final Logger LOG = LoggerFactory.getLogger(StatusLine.class);
    private static final int SPLITS_SHOWN = 8;

    private final SyncMetrics metrics;
    private final LongSupplier clock;
    private long lastRead;
    private long lastWritten;
    private long lastMillis;

    StatusLine(SyncMetrics metrics, LongSupplier clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.lastMillis = clock.getAsLong();
    }

    void log() {
        LOG.info(render());
    }

    String render() {
        long now = clock.getAsLong();
        double secs = Math.max(0.001, (now - lastMillis) / 1000.0);
        long read = metrics.records(SyncMetrics.Stage.READ);
        long written = 0;
        for (Operation op : Operation.values()) {
            written += metrics.written(op);
        }
        String line = String.format(Locale.ROOT, "sync: read %d (%s) %.1f/s | written %d (%s) %.1f/s | dirty %d | %s%s",
                read, byOperation(SyncMetrics.Stage.READ), (read - lastRead) / secs,
                written, writtenByOperation(), (written - lastWritten) / secs,
                metrics.records(SyncMetrics.Stage.DIRTY), splitStates(), lags(now));
        lastRead = read;
        lastWritten = written;
        lastMillis = now;
        return line;
    }

    private String byOperation(SyncMetrics.Stage stage) {
        return "upsert " + metrics.records(stage, Operation.UPSERT) + ", update " + metrics.records(stage, Operation.UPDATE)
                + ", delete " + metrics.records(stage, Operation.DELETE);
    }

    private String writtenByOperation() {
        return "upsert " + metrics.written(Operation.UPSERT) + ", update " + metrics.written(Operation.UPDATE)
                + ", delete " + metrics.written(Operation.DELETE);
    }

    private String splitStates() {
        Map<SplitStatus, Integer> n = new EnumMap<>(SplitStatus.class);
        metrics.splits().values().forEach(s -> n.merge(s.status(), 1, Integer::sum));
        return "splits: " + n.getOrDefault(SplitStatus.READING, 0) + " reading, "
                + n.getOrDefault(SplitStatus.FINISHED, 0) + " finished, "
                + (n.getOrDefault(SplitStatus.WAITING_FOR_PARENTS, 0) + n.getOrDefault(SplitStatus.READY, 0)) + " waiting";
    }

    private String lags(long now) {
        List<SplitProgress> reading = metrics.splits().values().stream()
                .filter(s -> s.status() == SplitStatus.READING)
                .sorted(Comparator.comparingLong((SplitProgress s) -> s.lagMillis(now)).reversed())
                .toList();
        if (reading.isEmpty()) {
            return "";
        }
        String shown = reading.stream().limit(SPLITS_SHOWN)
                .map(s -> String.format(Locale.ROOT, "%s lag %.1f s ckpt %.1f s", s.id(), s.lagMillis(now) / 1000.0,
                        s.checkpointAgeMillis(now) / 1000.0))
                .collect(Collectors.joining(", "));
        return " | " + shown + (reading.size() > SPLITS_SHOWN ? ", … (" + (reading.size() - SPLITS_SHOWN) + " more)" : "");
    }
}
