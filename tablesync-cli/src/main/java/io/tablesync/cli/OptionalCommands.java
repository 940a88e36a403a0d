package io.tablesync.cli;

import picocli.CommandLine;

/**
 * Subcommands that live in other modules (tablestore-local, tablesync-flink) and are added when their classes are on
 * the class path, so the CLI does not need them at compile time.
 */
final class OptionalCommands {
    private static final String[][] COMMANDS = {
        {"tablestore-local", "io.tablesync.tablestore.local.TablestoreLocalCommand"},
        // on the class path only when bin/tablesync runs `flink` (lib/flink/ holds Flink's own jars)
        {"flink", "io.tablesync.flink.FlinkCommand"},
    };

    private OptionalCommands() {
    }

    static void register(CommandLine cmd) {
        for (String[] c : COMMANDS) {
            try {
                Object command = Class.forName(c[1]).getDeclaredConstructor().newInstance();
                cmd.addSubcommand(c[0], command);
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                // module (or a library it needs) not on the class path: the subcommand is simply absent
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create subcommand " + c[0], e);
            }
        }
    }
}
