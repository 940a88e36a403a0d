package io.tablesync.core.spi;

import java.util.Set;

/** A writer, found by {@link #name()} through {@link java.util.ServiceLoader}. */
public interface WriterPlugin {
    String name();

    Writer.Job createJob();

    Writer.Task createTask();

    /** Keys this writer understands (aliases included); unknown keys are warned about. Empty: no check. */
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
     * {@code tablesync check}: validates {@code parameter} completely and probes the sink without writing
     * anything (reachable, credentials, the table or index and whether the job fits it), adding one
     * item per probe to {@code out}; a probe that cannot run because an earlier one failed is left out.
     * The default adds nothing: a plugin without an external system has nothing to probe.
     */
    default void check(io.tablesync.core.config.Configuration parameter, io.tablesync.core.check.Checklist out) {
    }

    /**
     * The sink as {@code tablesync verify} reads and repairs it (validates {@code parameter} first).
     * Null when this writer's sink cannot be read back.
     */
    default io.tablesync.core.verify.IndexTarget openTarget(io.tablesync.core.config.Configuration parameter) {
        return null;
    }

    /**
     * Which sink document a record changes (e.g. its Elasticsearch {@code _id}), for runners that spread
     * records over several writers: Flink keys the stream by it, so records with equal keys reach one
     * writer, in order. Validates {@code parameter}. The function returns null for a record that names no
     * document (e.g. an insert with a generated id); null instead of a function: the writer cannot say.
     */
    default java.util.function.Function<io.tablesync.core.element.Record, String> documentKey(
            io.tablesync.core.config.Configuration parameter) {
        return null;
    }
}
