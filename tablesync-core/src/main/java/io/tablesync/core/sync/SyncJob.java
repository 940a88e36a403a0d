package io.tablesync.core.sync;

import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.config.ParameterChecker;
import io.tablesync.core.engine.ChannelPlanner;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.ErrorLimit;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.spi.ReaderPlugin;
import io.tablesync.core.spi.Writer;
import io.tablesync.core.spi.WriterPlugin;
import io.tablesync.core.transformer.TransformerChain;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job file loaded for {@code sync} (continuous or {@code --every}): the configuration with
 * everything that can be checked without touching a system checked — plugins, unknown keys, the
 * error limit, the transformers, the channels and the writer's parameters. Nothing is created yet.
 */
final class SyncJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncJob.class);

    final Engine.PreparedJob prepared;
    final Configuration root;
    final String readerName;
    final String writerName;
    final ReaderPlugin readerPlugin;
    final WriterPlugin writerPlugin;
    final Configuration readerParameter;
    final Configuration writerParameter;
    final ErrorLimit errorLimit;
    final TransformerChain transformers;
    final int channels;
    final Writer.Job writerJob;

    private SyncJob(Engine.PreparedJob prepared, PluginRegistry registry) {
        this.prepared = prepared;
        this.root = prepared.root();
        this.readerName = root.getNecessaryString("job.content[0].reader.name");
        this.writerName = root.getNecessaryString("job.content[0].writer.name");
        registry.requireBoth(readerName, writerName);
        this.readerPlugin = registry.reader(readerName);
        this.writerPlugin = registry.writer(writerName);
        this.readerParameter = parameter(root, "reader");
        this.writerParameter = parameter(root, "writer");
        ParameterChecker.unknownKeyWarnings(readerParameter, readerPlugin.parameterKeys()).forEach(LOG::warn);
        ParameterChecker.unknownKeyWarnings(writerParameter, writerPlugin.parameterKeys()).forEach(LOG::warn);
        this.errorLimit = ErrorLimit.from(root);
        this.transformers = TransformerChain.fromJob(root);
        this.channels = ChannelPlanner.channels(root);
        this.writerJob = writerPlugin.createJob();
        writerJob.setPluginJobConf(writerParameter);
        writerJob.setPeerPluginJobConf(readerParameter);
        writerJob.setPeerPluginName(readerName);
        writerJob.validate();
    }

    static SyncJob load(Engine.Options options, PluginRegistry registry) {
        return new SyncJob(Engine.prepare(options), registry);
    }

    /** Opens the reader's continuous side: checks its parameters and reads (creates nothing). */
    StreamingSource openSource(StreamingOptions options) {
        StreamingSource s = readerPlugin.openStreaming(readerParameter, options);
        if (s == null) {
            throw TablesyncException.userError(FrameworkErrorCode.PLUGIN_INIT_ERROR, "reader " + readerName + " cannot run"
                    + " continuously; run the job with `tablesync run` (readers that can: otsstreamreader)");
        }
        return s;
    }

    @Override
    public void close() {
        try {
            writerJob.destroy();
        } catch (RuntimeException e) {
            LOG.warn("Writer.Job destroy() failed: {}", e.toString());
        }
    }

    /** The failure that ends a run: one line for a user's mistake, the stack trace for a fault; then DataX's error block. */
    static int failed(String what, Throwable t) {
        if (t instanceof TablesyncException te && te.isUserError()) {
            LOG.error("{} failed: {}", what, t.getMessage());
        } else {
            LOG.error(what + " failed", t);
        }
        Engine.reportFailure(t);
        return 1;
    }

    /** A single daemon thread for periodic work (lease renewal, status lines). */
    static ScheduledThreadPoolExecutor timers(String name) {
        return new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static Configuration parameter(Configuration root, String side) {
        String path = "job.content[0]." + side + ".parameter";
        Configuration p = root.getConfiguration(path);
        return p == null ? Configuration.empty().withPrefix(path) : p;
    }
}
