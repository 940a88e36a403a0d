package io.tablesync.flink.source;

import io.tablesync.core.element.Record;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.core.transformer.TransformerChain;
import io.tablesync.flink.DocumentKeys;
import io.tablesync.flink.RecordCodec;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a fetched record as (document key, record bytes) after the job's transformers, and moves its
 * split's state to the record's position — in the task thread, so a checkpoint's split state covers exactly
 * the records emitted before its barrier. A record a transformer fails on is a reader dirty record, one it
 * filters is dropped; either way the position moves, as in {@code sync}.
 */
final class RecordEmitterImpl implements RecordEmitter<Fetched, Tuple2<String, byte[]>, SplitProgress> {
    /** Counts what the source read; implemented by the reader's metrics. */
    interface ReadCounter {
        void read(Record r);
    }

    private final TransformerChain.Task transformers;
    private final DocumentKeys keys;
    private final TaskPluginCollector collector;
    private final ReadCounter counter;

    RecordEmitterImpl(TransformerChain.Task transformers, DocumentKeys keys, TaskPluginCollector collector, ReadCounter counter) {
        this.transformers = transformers;
        this.keys = keys;
        this.collector = collector;
        this.counter = counter;
    }

    @Override
    public void emitRecord(Fetched f, SourceOutput<Tuple2<String, byte[]>> output, SplitProgress state) {
        Record r = f.record();
        if (r != null) {
            counter.read(r);
            Record out = transform(r);
            if (out != null) {
                byte[] bytes = RecordCodec.encode(out);
                output.collect(Tuple2.of(keys.key(out, bytes), bytes));
            }
        }
        state.advance(f.position(), r != null);
    }

    private Record transform(Record r) {
        if (transformers == null) {
            return r;
        }
        try {
            return transformers.apply(r);
        } catch (TransformerChain.StepFailure e) {
            collector.collectDirtyRecord(r, "transformer_error", null, e.getMessage());
            return null;
        }
    }
}
