package io.tablesync.cli;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The job file and its placeholder values, as {@code run}, {@code sync} and {@code flink} take them (datax.py's way). */
public final class JobArguments {
    private static final Logger LOG = LoggerFactory.getLogger(JobArguments.class);

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

    /** Applies --loglevel, and makes the placeholder values JVM properties too (plugins read some settings there). */
    public Map<String, String> apply() {
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
        return properties;
    }

    /** The job file path or URL. */
    public String job() {
        return job;
    }

    public long jobIdOrZero() {
        return jobId < 0 ? 0 : jobId;
    }

    public static Path home() {
        String home = System.getProperty("tablesync.home");
        return home == null ? null : Path.of(home);
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
