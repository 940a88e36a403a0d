package io.tablesync.cli;

import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.verify.Verifier;
import io.tablesync.core.verify.VerifyRunner;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Prove the index equals the table, field by field; --repair fixes what differs.",
            "Compares the job's table with its index, document by document and field by field, as the",
            "job's writer converts the rows; print the counts of missing, extra and different documents",
            "with the first examples. Works while `sync` runs: a difference on a row that changed is",
            "checked again once the sync had time to apply it.",
            "Exit code: 0 equal (or everything repaired with --repair), 1 different or failure.",
        },
        footer = {"", "Examples:", "  tablesync verify job/ots2es.json", "  tablesync verify job/ots2es.json --repair",
            "  tablesync verify job/ots2es.json --sample 1000"})
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    JobArguments job = new JobArguments();

    @Option(names = "--repair", description = "Rewrite differing and missing documents from the table, delete extra ones.")
    boolean repair;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "0",
            description = "Check N random rows and N random documents instead of everything (a quick answer on huge tables).")
    int sample;

    @Option(names = "--settle", paramLabel = "DURATION", defaultValue = "3s", converter = TimeArguments.DurationConverter.class,
            description = "A difference is checked again this long after it was seen (longer than a running sync's lag;"
                    + " default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--threads", defaultValue = "4", description = "Key ranges read at the same time (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--examples", defaultValue = "10", description = "How many differences to show (default: ${DEFAULT-VALUE}).")
    int examples;

    @Override
    public Integer call() {
        if (sample < 0 || threads < 1 || examples < 0) {
            System.err.println("tablesync verify: --sample and --examples must be 0 or more, --threads at least 1");
            return Main.USAGE_EXIT_CODE;
        }
        Map<String, String> properties = job.apply();
        Engine.Options engineOptions = new Engine.Options(job.job, properties, JobArguments.home(), job.jobIdOrZero());
        return new VerifyRunner(engineOptions, new Verifier.Options(repair, sample, settle, threads, examples),
                PluginRegistry.fromClassPath(), System.out).run();
    }
}
