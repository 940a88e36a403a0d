package io.tablesync.core.sync;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.check.Checklist;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;

/**
 * {@code tablesync check JOB}: the job file checked exactly as {@code sync} loads it (plugins,
 * unknown keys, error limit, transformers, channels, the writer's parameters), then each plugin
 * probes its end — reachable, credentials, table / index — reading only. Nothing is created or
 * written: no status table, no index, no mapping, no checkpoint.
 */
public final class JobCheck {
    private JobCheck() {
    }

    public static Checklist run(Engine.Options options, PluginRegistry registry) {
        Checklist list = new Checklist();
        SyncJob job;
        try {
            job = SyncJob.load(options, registry);
        } catch (TablesyncException e) {
            list.fail("job file", e.detail(), "correct the file at the key the message names, then run check again");
            return list;
        }
        try (job) {
            list.pass("job file", "valid: " + job.readerName + " -> " + job.writerName + ", " + job.channels + " channel(s)");
            job.readerPlugin.check(job.readerParameter, list);
            job.writerPlugin.check(job.writerParameter, list);
        }
        return list;
    }
}
