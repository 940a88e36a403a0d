package io.tablesync.core.transformer;

import io.tablesync.core.ack.Acknowledgements;
import io.tablesync.core.element.Record;
import io.tablesync.core.spi.RecordSender;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.core.stats.TaskCounters;

/**
 * Applies a task's transformer chain between the reader and the channel, as DataX's transformer
 * exchanger does: a record a step fails on becomes a reader dirty record (with DataX's message) and
 * is not sent; a dropped record is counted as filtered; both count as transformer records the way
 * DataX counts them (a filtered record is also a "success"). A record that is not sent is never
 * registered for acknowledgement, so source checkpoints move past it.
 */
public final class TransformingRecordSender implements RecordSender {
    private final RecordSender target;
    private final TransformerChain.Task chain;
    private final TaskCounters counters;
    private final TaskPluginCollector collector;

    public TransformingRecordSender(RecordSender target, TransformerChain.Task chain, TaskCounters counters,
            TaskPluginCollector collector) {
        this.target = target;
        this.chain = chain;
        this.counters = counters;
        this.collector = collector;
    }

    @Override
    public Record createRecord() {
        return target.createRecord();
    }

    @Override
    public void sendToWriter(Record record) {
        long start = System.nanoTime();
        Record out;
        try {
            out = chain.apply(record);
        } catch (TransformerChain.StepFailure e) {
            counters.transformerFailedRecords.incrementAndGet();
            collector.collectDirtyRecord(record, "transformer_error", null, e.getMessage());
            return;
        }
        counters.transformerNanos.addAndGet(System.nanoTime() - start);
        counters.transformerSucceededRecords.incrementAndGet();
        if (out == null) {
            counters.transformerFilteredRecords.incrementAndGet();
            return;
        }
        target.sendToWriter(out);
    }

    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public void terminate() {
        target.terminate();
    }

    @Override
    public Acknowledgements acknowledgements() {
        return target.acknowledgements();
    }
}
