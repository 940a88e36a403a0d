package io.tablesync.cli;

import io.tablesync.cli.ots.OtsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tablesync} command. */
@Command(name = "tablesync",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Keeps Elasticsearch / OpenSearch in step with Alibaba Cloud Tablestore.",
            "Runs DataX job files unchanged (otsstreamreader -> elasticsearchwriter, streamreader, streamwriter).",
            "",
            "Examples:",
            "  tablesync run job/stream2stream.json",
            "  tablesync run job/ots2es.json -Dstart_time=T1 -Dend_time=T2",
            "  tablesync sync job/ots2es.json             # continuous, ~1 s behind",
            "  tablesync sync job/ots2es.json --every 5m  # DataX windows, no cron",
            "  tablesync sync job/ots2es.json --metrics-port 9464  # + /metrics, /health",
            "  tablesync check job/ots2es.json            # probe both ends, change nothing",
            "  tablesync status job/ots2es.json           # lag per shard; exit 1: stuck",
            "  tablesync template -r streamreader -w streamwriter",
        },
        subcommands = {RunCommand.class, SyncCommand.class, CheckCommand.class, StatusCommand.class, VerifyCommand.class, TemplateCommand.class,
            OtsCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** DataX's exit code for a wrong command line (datax.py's sys.exit(-1)). */
    static final int USAGE_EXIT_CODE = 255;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cmd = commandLine();
        return cmd.execute(args);
    }

    private static void setUsageExitCode(CommandLine cmd) {
        cmd.getCommandSpec().exitCodeOnInvalidInput(USAGE_EXIT_CODE);
        cmd.getSubcommands().values().forEach(Main::setUsageExitCode);
    }

    static CommandLine commandLine() {
        // picocli looks for Groovy closures in annotations; with Groovy on the class path (dx_groovy) that initialises
        // the Groovy runtime in every process: about 10 MB of resident memory (BENCHMARKS.md, memory). We use none.
        if (System.getProperty("picocli.disable.closures") == null) {
            System.setProperty("picocli.disable.closures", "true");
        }
        CommandLine cmd = new CommandLine(new Main());
        cmd.setExecutionExceptionHandler(new CliExceptionHandler());
        // -p "-Dk=v": the value of -p looks like the -D option; take it as a value, as datax.py users expect.
        cmd.setAllowOptionsAsOptionParameters(true);
        OptionalCommands.register(cmd);
        setUsageExitCode(cmd);
        return cmd;
    }
}
