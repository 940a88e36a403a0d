package io.tablesync.cli;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.SecretMasker;
import picocli.CommandLine;

/** User mistakes end with one clear line and exit 1; only internal faults print a stack trace. */
final class CliExceptionHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof TablesyncException && ((TablesyncException) ex).isUserError()) {
            cmd.getErr().println("tablesync: " + SecretMasker.scrubRegistered(ex.getMessage()));
        } else {
            java.io.StringWriter trace = new java.io.StringWriter();
            ex.printStackTrace(new java.io.PrintWriter(trace));
            cmd.getErr().println("tablesync: internal error: " + SecretMasker.scrubRegistered(trace.toString()));
        }
        return 1;
    }
}
