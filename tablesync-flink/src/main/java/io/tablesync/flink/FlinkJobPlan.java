package io.tablesync.flink;

import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.config.ParameterChecker;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.ErrorLimit;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.spi.ReaderPlugin;
import io.tablesync.core.spi.Writer;
import io.tablesync.core.spi.WriterPlugin;
import io.tablesync.core.transformer.TransformerChain;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of a Flink run, before anything is submitted: loads the job file as every runner does
 * ({@link Engine#prepare}), checks both plugins' parameters, the error limit and the transformers, opens
 * the source (checks only), then creates what the job needs — the source's state (status table, the
 * snapshot's ranges and recorded positions with {@code --snapshot}) and the index — exactly as
 * {@code sync} does, and hands the writer's per-subtask configurations to the {@link JobSpec}.
 */
public final class FlinkJobPlan {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkJobPlan.class);

    private FlinkJobPlan() {
    }

    public static JobSpec prepare(Engine.Options engineOptions, StreamingOptions streaming, int parallelism,
                                  long discoveryIntervalMillis) {
        Engine.PreparedJob prepared = Engine.prepare(engineOptions);
        Configuration root = prepared.root();
        PluginRegistry registry = PluginRegistry.fromClassPath();
        String readerName = root.getNecessaryString("job.content[0].reader.name");
        String writerName = root.getNecessaryString("job.content[0].writer.name");
        registry.requireBoth(readerName, writerName);
        ReaderPlugin reader = registry.reader(readerName);
        WriterPlugin writer = registry.writer(writerName);
        Configuration readerParameter = parameter(root, "reader");
        Configuration writerParameter = parameter(root, "writer");
        ParameterChecker.unknownKeyWarnings(readerParameter, reader.parameterKeys()).forEach(LOG::warn);
        ParameterChecker.unknownKeyWarnings(writerParameter, writer.parameterKeys()).forEach(LOG::warn);
        ErrorLimit.from(root);
        TransformerChain.fromJob(root);
        if (writer.documentKey(writerParameter) == null) {
            throw TablesyncException.userError(FrameworkErrorCode.PLUGIN_INIT_ERROR, "writer " + writerName
                    + " cannot say which document a record changes, so its records cannot be spread over Flink subtasks"
                    + " in order; run the job with `tablesync sync`");
        }
        Writer.Job writerJob = writer.createJob();
        writerJob.setPluginJobConf(writerParameter);
        writerJob.setPeerPluginJobConf(readerParameter);
        writerJob.setPeerPluginName(readerName);
        writerJob.validate();
        try {
            StreamingSource source = reader.openStreaming(readerParameter, streaming);
            if (source == null) {
                throw TablesyncException.userError(FrameworkErrorCode.PLUGIN_INIT_ERROR, "reader " + readerName
                        + " cannot run continuously; run the job with `tablesync run` (readers that can: otsstreamreader)");
            }
            List<Configuration> writerTasks;
            try (source) {
                LOG.info("source: {}", source.describe());
                // Both sides' parameters are checked: now the source's state and the index may be created.
                source.prepare();
                writerJob.init();
                writerJob.prepare();
                writerTasks = writerJob.split(parallelism);
            }
            String name = "tablesync " + Path.of(engineOptions.jobLocation()).getFileName();
            return new JobSpec(name, root, readerName, writerName, writerTasks, streaming,
                    prepared.context().dirtyRecordFile(), prepared.context().secrets(), discoveryIntervalMillis);
        } finally {
            try {
                writerJob.destroy();
            } catch (RuntimeException e) {
                LOG.warn("Writer.Job destroy() failed: {}", e.toString());
            }
        }
    }

    private static Configuration parameter(Configuration root, String side) {
        String path = "job.content[0]." + side + ".parameter";
        Configuration p = root.getConfiguration(path);
        return p == null ? Configuration.empty().withPrefix(path) : p;
    }
}
