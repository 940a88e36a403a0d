package io.tablesync.core.transformer;

import io.tablesync.core.element.Record;

/**
 * One step of a job's {@code transformer} list. It changes the record in place and returns it, or
 * returns null to drop the record (a filter). Throwing makes the record a reader dirty record, as
 * in DataX; later steps are then skipped.
 *
 * <p>Instances are created per task ({@link TransformerChain#forTask()}), so an implementation
 * may keep per-task state without synchronisation.
 */
public interface Transformer {
    Record evaluate(Record record);
}
