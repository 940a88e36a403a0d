package io.tablesync.core.spi;

import io.tablesync.core.config.Configuration;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.source.StreamingSource;
import java.util.Set;

/** A reader, found by {@link #name()} through {@link java.util.ServiceLoader}. */
public interface ReaderPlugin {
    String name();

    Reader.Job createJob();

    Reader.Task createTask();

    /** Keys this reader understands (aliases included); unknown keys are warned about. Empty: no check. */
    default Set<String> parameterKeys() {
        return Set.of();
    }

    /** An example {@code parameter} object (JSON) for {@code tablesync template} / {@code datax.py -r -w}. */
    default String template() {
        return "{}";
    }

    /** Lines printed as comments above the template, saying what to change. */
    default java.util.List<String> templateNotes() {
        return java.util.List.of();
    }

    /**
     * The reader's continuous side, for {@code tablesync sync} and Flink: validates {@code parameter}
     * completely (naming every wrong key) and opens the source. Null when this reader only runs
     * bounded jobs.
     */
    default StreamingSource openStreaming(Configuration parameter, StreamingOptions options) {
        return null;
    }

    /**
     * {@code tablesync check}: validates {@code parameter} completely and probes the source without writing
     * anything (reachable, credentials, the table or index and whether the job fits it), adding one
     * item per probe to {@code out}; a probe that cannot run because an earlier one failed is left out.
     * The default adds nothing: a plugin without an external system has nothing to probe.
     */
    default void check(io.tablesync.core.config.Configuration parameter, io.tablesync.core.check.Checklist out) {
    }

    /**
     * The whole table as {@code tablesync verify} reads it (validates {@code parameter} first). Null
     * when this reader has no table to compare with.
     */
    default io.tablesync.core.verify.TableScan openScan(Configuration parameter) {
        return null;
    }
}
