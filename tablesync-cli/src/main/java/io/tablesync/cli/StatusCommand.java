package io.tablesync.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.SecretMasker;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.sync.JobStatus;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {
            "Show how far behind each shard of a continuous job is (from the status table).",
            "Per shard: its state, checkpoint time,",
            "lag, records written since it was first read, and its last commit's age.",
            "Reads the job's status table and stream (creates and writes nothing), so it",
            "works whether or not `sync` runs, from any machine that reaches Tablestore.",
            "Lag: now minus the time of the shard's oldest unwritten change (0: none).",
            "Exit code: 0 healthy; 1 a shard is more than --max-lag behind or cannot be",
            "read, the job has no checkpoints yet, or an error.",
        },
        footer = {
            "",
            "Examples:",
            "  tablesync status job/ots2es.json",
            "  tablesync status job/ots2es.json --json --max-lag 30s",
        })
final class StatusCommand implements Callable<Integer> {
    @Mixin
    JobArguments job = new JobArguments();

    @Option(names = "--json", description = "Print JSON for scripts instead of the table.")
    boolean json;

    @Option(names = "--max-lag", paramLabel = "DURATION", defaultValue = "2m", converter = TimeArguments.DurationConverter.class,
            description = "A shard further behind than this is stuck: exit code 1 (default: ${DEFAULT-VALUE}).")
    Duration maxLag;

    @Override
    public Integer call() throws Exception {
        logToStandardError(job.logLevel == null);
        Map<String, String> properties = job.apply();
        JobStatus.Report report;
        try {
            report = JobStatus.inspect(new Engine.Options(job.job, properties, JobArguments.home(), job.jobIdOrZero()),
                    PluginRegistry.fromClassPath(), maxLag, System::currentTimeMillis);
        } catch (TablesyncException e) {
            System.err.println("tablesync status: " + SecretMasker.scrubRegistered(e.getMessage()));
            return 1;
        }
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.toJson()));
        } else {
            System.out.print(report.toTable());
        }
        System.out.flush();
        return report.healthy() ? 0 : 1;
    }

    /** The report is the standard output; logs (the job's warnings) go to standard error, INFO lines only on request. */
    static void logToStandardError(boolean quiet) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (quiet) {
            root.setLevel(Level.WARN);
        }
        for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof ConsoleAppender<?> console) {
                console.stop();
                console.setTarget("System.err");
                console.start();
            }
        }
    }
}
