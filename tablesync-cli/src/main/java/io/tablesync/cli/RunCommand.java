package io.tablesync.cli;

import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.EngineMonitor;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.metrics.HealthRules;
import io.tablesync.core.metrics.MetricsServer;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
            "  tablesync run job/ots2es.json -Dstart_time=1 -Dend_time=2 --metrics-port 9464",
            "",
            "JVM options: TABLESYNC_JVM_OPTS (default -Xms1g -Xmx1g).",
            "Dirty records: all of them go to log/dirty/<job>-<time>-<pid>.jsonl",
            "(or core.dirtyRecord.path); the summary prints the path.",
        })
final class RunCommand implements Callable<Integer> {
    @Mixin
    JobArguments job = new JobArguments();

    @Mixin
    MetricsPort metrics = new MetricsPort();

    @Override
    public Integer call() {
        Map<String, String> properties = job.apply();
        Engine engine = new Engine(new Engine.Options(job.job, properties, JobArguments.home(), job.jobIdOrZero()),
                PluginRegistry.fromClassPath());
        MetricsServer server;
        try {
            server = metrics.start((registry, sink) -> new EngineMonitor(MetricsPort.jobName(job.job), engine, registry, sink,
                    HealthRules.defaults()));
        } catch (IllegalArgumentException e) {
            System.err.println("tablesync run: " + e.getMessage());
            return 1;
        }
        SignalHandlers.onTerminate(engine::requestStop, engine::nothingInFlight);
        try {
            JobOutcome outcome = engine.run();
            return outcome.exitCode();
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }
}
