package io.tablesync.flink.source;

import io.tablesync.core.engine.DirtyRecordSink;
import io.tablesync.core.metrics.SinkTelemetry;
import io.tablesync.core.source.SplitCheckpoint;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.core.transformer.TransformerChain;
import io.tablesync.flink.DocumentKeys;
import io.tablesync.flink.FlinkTasks;
import io.tablesync.flink.JobSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/**
 * A Flink source reader over the source's split readers ({@link ShardFetcher} on Flink's fetcher thread).
 * Its checkpoint holds each split's state as of the last emitted record, plus the splits it finished that
 * the enumerator has not confirmed yet ({@link SplitCoordinator}). When a checkpoint completes, the states
 * it holds are written to the source's checkpoint store too (the status table for Tablestore, as
 * {@code sync} writes them): {@code tablesync status} shows them, and a new Flink job — or {@code sync} —
 * continues from there.
 */
final class TablesyncSourceReader
        extends SingleThreadMultiplexSourceReaderBase<Fetched, Tuple2<String, byte[]>, FlinkSplit, SplitProgress> {
    private final SourceReaderContext context;
    private final StreamingSource source;
    private final Map<String, FlinkSplit> unconfirmed = new LinkedHashMap<>();
    /** Splits this reader saw finish: a late checkpoint notification must not write an older state over the finish. */
    private final Set<String> everFinished = new HashSet<>();
    private final NavigableMap<Long, List<SplitCheckpoint>> toSave = new TreeMap<>();
    private final List<FlinkSplit> restoredFinished = new ArrayList<>();
    private boolean started;

    private TablesyncSourceReader(SourceReaderContext context, StreamingSource source, ShardFetcher fetcher,
                                  RecordEmitterImpl emitter) {
        super(() -> fetcher, emitter, context.getConfiguration(), context);
        this.context = context;
        this.source = source;
    }

    static TablesyncSourceReader create(SourceReaderContext context, JobSpec spec) {
        io.tablesync.flink.FlinkMetrics metrics = FlinkTasks.metrics(context.metricGroup());
        TaskPluginCollector collector = FlinkTasks.collector(spec, DirtyRecordSink.Side.reader, metrics, SinkTelemetry.NONE);
        StreamingSource source = spec.openSource();
        TransformerChain chain = FlinkTasks.transformers(spec);
        RecordEmitterImpl emitter = new RecordEmitterImpl(chain.isEmpty() ? null : chain.forTask(), new DocumentKeys(spec),
                collector, metrics::read);
        return new TablesyncSourceReader(context, source, new ShardFetcher(source, collector), emitter);
    }

    @Override
    public void start() {
        super.start();
        started = true;
        reportFinished(restoredFinished);
        restoredFinished.clear();
    }

    @Override
    public void addSplits(List<FlinkSplit> splits) {
        List<FlinkSplit> toRead = new ArrayList<>();
        for (FlinkSplit s : splits) {
            if (s.finished()) {
                // restored from a checkpoint taken before the enumerator confirmed the finish: report it again
                unconfirmed.put(s.id(), s);
                everFinished.add(s.id());
                if (started) {
                    reportFinished(List.of(s));
                } else {
                    restoredFinished.add(s);
                }
            } else {
                toRead.add(s);
            }
        }
        if (!toRead.isEmpty()) {
            super.addSplits(toRead);
        }
    }

    @Override
    protected void onSplitFinished(Map<String, SplitProgress> finishedSplits) {
        List<FlinkSplit> done = new ArrayList<>();
        finishedSplits.forEach((id, progress) -> {
            FlinkSplit s = progress.toSplit(true);
            unconfirmed.put(id, s);
            everFinished.add(id);
            done.add(s);
        });
        reportFinished(done);
    }

    private void reportFinished(List<FlinkSplit> done) {
        if (!done.isEmpty()) {
            context.sendSourceEventToCoordinator(new SplitEvents.Finished(done));
        }
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof SplitEvents.Confirmed c) {
            c.splitIds().forEach(unconfirmed::remove);
        } else {
            super.handleSourceEvents(event);
        }
    }

    @Override
    protected SplitProgress initializedState(FlinkSplit split) {
        return new SplitProgress(split);
    }

    @Override
    protected FlinkSplit toSplitType(String splitId, SplitProgress state) {
        return state.toSplit(false);
    }

    @Override
    public List<FlinkSplit> snapshotState(long checkpointId) {
        List<FlinkSplit> out = new ArrayList<>(super.snapshotState(checkpointId));
        out.addAll(unconfirmed.values());
        long now = System.currentTimeMillis();
        List<SplitCheckpoint> rows = new ArrayList<>(out.size());
        for (FlinkSplit s : out) {
            if (!s.finished()) { // finishes are written by the enumerator, once they are durable
                rows.add(new SplitCheckpoint(s.id(), s.state(), false, -1, now, 0));
            }
        }
        toSave.put(checkpointId, rows);
        return out;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        NavigableMap<Long, List<SplitCheckpoint>> completed = toSave.headMap(checkpointId, true);
        if (!completed.isEmpty()) {
            // the newest completed checkpoint has every split's newest durable state
            List<SplitCheckpoint> rows = new ArrayList<>(completed.lastEntry().getValue());
            completed.clear();
            rows.removeIf(r -> everFinished.contains(r.splitId()));
            if (!rows.isEmpty()) {
                source.checkpoints().save(rows);
            }
        }
        super.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            source.close();
        }
    }
}
