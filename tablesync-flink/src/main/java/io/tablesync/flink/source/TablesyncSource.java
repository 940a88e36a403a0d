package io.tablesync.flink.source;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.flink.JobSpec;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The job's reader as a FLIP-27 source: splits, enumerator and split readers are the reader plugin's own
 * ({@link io.tablesync.core.source.StreamingSource}); it emits (document key, record bytes).
 */
public final class TablesyncSource implements Source<Tuple2<String, byte[]>, FlinkSplit, CoordinatorState> {
    private static final long serialVersionUID = 1L;

    private final JobSpec spec;
    private final boolean bounded;

    public TablesyncSource(JobSpec spec, boolean bounded) {
        this.spec = spec;
        this.bounded = bounded;
    }

    @Override
    public Boundedness getBoundedness() {
        return bounded ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<FlinkSplit, CoordinatorState> createEnumerator(SplitEnumeratorContext<FlinkSplit> context) {
        return coordinator(context, null);
    }

    @Override
    public SplitEnumerator<FlinkSplit, CoordinatorState> restoreEnumerator(SplitEnumeratorContext<FlinkSplit> context,
                                                                           CoordinatorState state) {
        return coordinator(context, state);
    }

    private SplitCoordinator coordinator(SplitEnumeratorContext<FlinkSplit> context, CoordinatorState state) {
        StreamingSource source = userErrorsFinal(spec::openSource);
        try {
            return userErrorsFinal(() -> new SplitCoordinator(context, source, state, spec.discoveryIntervalMillis()));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public SourceReader<Tuple2<String, byte[]>, FlinkSplit> createReader(SourceReaderContext context) {
        return userErrorsFinal(() -> TablesyncSourceReader.create(context, spec));
    }

    @Override
    public SimpleVersionedSerializer<FlinkSplit> getSplitSerializer() {
        return SplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<CoordinatorState> getEnumeratorCheckpointSerializer() {
        return CoordinatorState.Serializer.INSTANCE;
    }

    /** See {@link io.tablesync.flink.FlinkTasks#failure}. */
    static <T> T userErrorsFinal(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (TablesyncException e) {
            throw io.tablesync.flink.FlinkTasks.failure(e);
        }
    }
}
