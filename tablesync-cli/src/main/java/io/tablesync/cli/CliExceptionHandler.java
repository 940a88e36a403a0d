package io.tablesync.cli;

import io.tablesync.core.TablesyncException;
import picocli.CommandLine;

/** User mistakes end with one clear line and exit 1; only internal faults print a stack trace. */
final class CliExceptionHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (ex instanceof TablesyncException && ((TablesyncException) ex).isUserError()) {
            cmd.getErr().println("tablesync: " + ex.getMessage());
        } else {
            cmd.getErr().println("tablesync: internal error: " + ex);
            ex.printStackTrace(cmd.getErr());
        }
        return 1;
    }
}
