package io.tablesync.core.transformer;

import io.tablesync.core.element.Record;

/**
 * What a {@code dx_groovy} script becomes: its {@code code} is the body of {@link #evaluate}, with
 * the record bound as {@code record}, exactly as in DataX, so DataX scripts run unchanged.
 * Public because the compiled script class extends it.
 */
public abstract class GroovyRule {
    /** The script: returns the (changed) record, or null to drop it. {@code paras} is always empty, as in DataX. */
    public abstract Record evaluate(Record record, Object... paras);
}
