package io.tablesync.cli;

import ch.qos.logback.classic.Level;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run a DataX job file once: read, transfer, write, print progress and the summary.",
            "Exit code: 0 success (dirty records within errorLimit), 1 failure, 143 stopped by SIGTERM/SIGINT.",
        },
        footer = {
            "",
            "Examples:",
            "  tablesync run job/stream2stream.json",
            "  tablesync run ots2es.json -Dstart_time=1510036262000 -Dend_time=1510036881000",
            "  tablesync run ots2es.json -p \"-Dstart_time=1 -Dend_time=2\"",
            "  tablesync run https://example.com/jobs/ots2es.json -Dstart_time=1 -Dend_time=2",
            "",
            "JVM options: TABLESYNC_JVM_OPTS (default -Xms1g -Xmx1g).",
            "Dirty records: all of them go to log/dirty/<job>-<time>-<pid>.jsonl",
            "(or core.dirtyRecord.path); the summary prints the path.",
        })
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Parameters(index = "0", paramLabel = "JOB", description = "Job file path or http(s):// URL.")
    String job;

    @Option(names = {"-p", "--params"}, paramLabel = "\"-Dk=v ...\"",
            description = "Placeholder values, datax.py style: -p \"-Dstart_time=1 -Dend_time=2\". Repeatable.")
    List<String> params = new ArrayList<>();

    @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "A placeholder value: -Dstart_time=1700000000000. Repeatable.")
    Map<String, String> defines = new LinkedHashMap<>();

    @Option(names = "--jobid", defaultValue = "0", description = "Job id shown in thread names (default: ${DEFAULT-VALUE}).")
    long jobId;

    @Option(names = "--loglevel", paramLabel = "LEVEL", description = "Log level: debug, info (default), warn, error.")
    String logLevel;

    @Override
    public Integer call() {
        if (logLevel != null) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(Level.toLevel(logLevel, Level.INFO));
        }
        Map<String, String> properties = placeholderValues();
        // Plugins read some settings as JVM properties (e.g. otsstreamreader's AFTER_OFFSET_TIME_MILLIS).
        properties.forEach((k, v) -> {
            if (!k.startsWith("java.") && !k.startsWith("sun.")) {
                System.setProperty(k, v);
            }
        });
        String home = System.getProperty("tablesync.home");
        Engine engine = new Engine(new Engine.Options(job, properties, home == null ? null : Path.of(home),
                jobId < 0 ? 0 : jobId), PluginRegistry.fromClassPath());
        SignalHandlers.onTerminate(engine::requestStop, engine::nothingInFlight);
        JobOutcome outcome = engine.run();
        return outcome.exitCode();
    }

    /** System properties, then -p tokens, then -D options: later sources win. */
    Map<String, String> placeholderValues() {
        Map<String, String> values = new LinkedHashMap<>();
        System.getProperties().forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
        for (String p : params) {
            for (String token : ParamTokens.split(p)) {
                if (token.startsWith("-D") && token.length() > 2) {
                    int eq = token.indexOf('=');
                    String key = eq < 0 ? token.substring(2) : token.substring(2, eq);
                    values.put(key, eq < 0 ? "" : token.substring(eq + 1));
                } else {
                    LOG.warn("ignoring \"{}\" in -p: only -Dkey=value is understood there "
                            + "(JVM options go in datax.py -j or TABLESYNC_JVM_OPTS)", token);
                }
            }
        }
        values.putAll(defines);
        return values;
    }
}
