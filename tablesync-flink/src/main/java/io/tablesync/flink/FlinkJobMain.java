package io.tablesync.flink;

import picocli.CommandLine;

/**
 * The job jar's entry point: {@code flink run tablesync-flink-job.jar --job job.json [options]} builds the
 * job on the client (checks, status table, index) and submits it to the cluster that {@code flink run}
 * talks to. Options are those of {@code tablesync flink}.
 */
public final class FlinkJobMain {
    private FlinkJobMain() {
    }

    public static void main(String[] args) {
        String[] rest = jobOptionAsParameter(args);
        FlinkCommand command = new FlinkCommand();
        command.onCluster = true;
        int code = new CommandLine(command).execute(rest);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** {@code --job FILE} (what Flink users expect) is the command's JOB parameter. */
    static String[] jobOptionAsParameter(String[] args) {
        java.util.List<String> out = new java.util.ArrayList<>();
        String job = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--job") && i + 1 < args.length) {
                job = args[++i];
            } else if (args[i].startsWith("--job=")) {
                job = args[i].substring("--job=".length());
            } else {
                out.add(args[i]);
            }
        }
        if (job != null) {
            out.add(0, job);
        }
        return out.toArray(new String[0]);
    }
}
