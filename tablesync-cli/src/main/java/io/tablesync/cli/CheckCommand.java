package io.tablesync.cli;

import io.tablesync.core.check.Checklist;
import io.tablesync.core.config.SecretMasker;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.PluginRegistry;
import io.tablesync.core.sync.JobCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Check job files and probe both ends before they run; creates nothing.",
            "Every parameter is checked first, then both ends, reading only —",
            "Tablestore reachable, credentials, table, stream and its retention, status table;",
            "Elasticsearch reachable, credentials, version, index, and whether its mapping takes",
            "the job's columns. Prints a checklist (✓/✗, with what to do for each ✗).",
            "Creates and writes nothing: no status table, index, mapping or checkpoint.",
            "Exit code: 0 when everything would work, 1 otherwise.",
        },
        footer = {
            "",
            "Examples:",
            "  tablesync check job/ots2es.json",
            "  tablesync check /etc/tablesync/jobs      # every *.json in the directory",
        })
final class CheckCommand implements Callable<Integer> {
    @Mixin
    JobArguments job = new JobArguments();

    @Parameters(index = "1..*", paramLabel = "JOB", description = "More job files, or directories of them (*.json).")
    List<String> more = new ArrayList<>();

    @Override
    public Integer call() {
        StatusCommand.logToStandardError(job.logLevel == null);
        List<String> jobs;
        try {
            jobs = JobFiles.expand(JobFiles.of(job.job, more));
        } catch (IllegalArgumentException e) {
            System.err.println("tablesync check: " + e.getMessage());
            return 1;
        }
        Map<String, String> properties = job.apply();
        PluginRegistry plugins = PluginRegistry.fromClassPath();
        int failed = 0;
        for (String j : jobs) {
            Checklist list = JobCheck.run(new Engine.Options(j, properties, JobArguments.home(), job.jobIdOrZero()), plugins);
            StringBuilder out = new StringBuilder();
            out.append(SecretMasker.maskUrl(j)).append('\n').append(list.render("  "));
            long problems = list.items().stream().filter(i -> !i.passed()).count();
            out.append(problems == 0 ? "  ready: sync would run this job\n"
                    : "  NOT READY: " + problems + " problem(s) to fix\n");
            // the job's secrets were registered when it was loaded: an error text that quotes one is masked
            System.out.print(SecretMasker.scrubRegistered(out.toString()));
            System.out.flush();
            if (problems > 0) {
                failed++;
            }
        }
        if (jobs.size() > 1) {
            System.out.println(failed == 0 ? "all " + jobs.size() + " jobs ready" : failed + " of " + jobs.size() + " jobs not ready");
        }
        return failed == 0 ? 0 : 1;
    }
}
