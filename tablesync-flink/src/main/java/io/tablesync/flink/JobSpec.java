package io.tablesync.flink;

import io.tablesync.core.config.Configuration;
import io.tablesync.core.config.SecretMasker;
import io.tablesync.core.element.ColumnCast;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.spi.ReaderPlugin;
import io.tablesync.core.spi.WriterPlugin;
import io.tablesync.core.transformer.TransformerChain;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything a Flink task needs to open the job's plugins where it runs (a TaskManager may be another
 * machine): the job's configuration as loaded and checked by the client ({@link FlinkJobPlan}), the
 * writer's per-subtask configurations (with the server shape its Job found), and the run's options.
 *
 * <p>The configuration holds the job's secrets, as a job file does; Flink ships it inside the job graph.
 * The secrets are registered with the {@link SecretMasker} of every JVM that opens the job, so no log
 * line shows them.
 */
public final class JobSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String jobName;
    private final String rootJson;
    public final String readerName;
    public final String writerName;
    private final List<String> writerTaskJson;
    private final StreamingOptions.StartAt.Kind fromKind;
    private final long fromMillis;
    private final StreamingOptions.OnTrimmed onTrimmed;
    private final boolean snapshot;
    final String dirtyRecordFile;
    final List<String> secrets;
    /** How often the split enumerator asks the source for new splits (shard splits and merges). */
    private final long discoveryIntervalMillis;

    private transient Configuration root;

    JobSpec(String jobName, Configuration root, String readerName, String writerName, List<Configuration> writerTasks,
            StreamingOptions options, Path dirtyRecordFile, List<String> secrets, long discoveryIntervalMillis) {
        this.jobName = jobName;
        this.rootJson = root.toJson();
        this.readerName = readerName;
        this.writerName = writerName;
        this.writerTaskJson = writerTasks.stream().map(Configuration::toJson).toList();
        this.fromKind = options.from() == null ? null : options.from().kind();
        this.fromMillis = options.from() == null ? -1 : options.from().millis();
        this.onTrimmed = options.onTrimmed();
        this.snapshot = options.snapshot();
        this.dirtyRecordFile = dirtyRecordFile.toString();
        this.secrets = List.copyOf(secrets);
        this.discoveryIntervalMillis = discoveryIntervalMillis;
    }

    /**
     * The job's configuration; the first call in a JVM also binds what the engine binds when it loads a
     * job (DataX's column settings, the secrets to mask).
     */
    public synchronized Configuration root() {
        if (root == null) {
            SecretMasker.register(secrets);
            root = Configuration.fromJson(rootJson);
            ColumnCast.bind(root);
        }
        return root;
    }

    public long discoveryIntervalMillis() {
        return discoveryIntervalMillis;
    }

    public StreamingOptions streamingOptions() {
        StreamingOptions.StartAt from = fromKind == null ? null : new StreamingOptions.StartAt(fromKind, fromMillis);
        return new StreamingOptions(from, onTrimmed, snapshot);
    }

    public Configuration readerParameter() {
        return parameter("reader");
    }

    public Configuration writerParameter() {
        return parameter("writer");
    }

    private Configuration parameter(String side) {
        String path = "job.content[0]." + side + ".parameter";
        Configuration p = root().getConfiguration(path);
        return p == null ? Configuration.empty().withPrefix(path) : p;
    }

    /** The writer task configuration of one sink subtask (the writer's Job made one per subtask). */
    public Configuration writerTask(int subtask) {
        return Configuration.fromJson(writerTaskJson.get(subtask % writerTaskJson.size()))
                .withPrefix("job.content[0].writer.parameter");
    }

    public ReaderPlugin readerPlugin() {
        return PluginRegistry.fromClassPath().reader(readerName);
    }

    public WriterPlugin writerPlugin() {
        return PluginRegistry.fromClassPath().writer(writerName);
    }

    /** Opens the reader's continuous side (validates, connects; creates nothing). */
    public StreamingSource openSource() {
        root();
        return readerPlugin().openStreaming(readerParameter(), streamingOptions());
    }

    public TransformerChain transformers() {
        return TransformerChain.fromJob(root());
    }
}
