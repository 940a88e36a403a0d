package io.tablesync.tablestore.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code tablestore-local} command in a child JVM, as a user starts it. */
final class LocalCommand {

    private static final Pattern READY =
            Pattern.compile("tablestore-local listening on http://127\\.0\\.0\\.1:(\\d+) instance (\\S+)");

    private LocalCommand() {
    }

    /** Starts the command with these options; its output and errors are on its input stream. */
    static Process launch(String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), TablestoreLocalCommand.class.getName()));
        cmd.addAll(List.of(options));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Waits for the ready line and returns the port it names. */
    static int awaitReady(Process p, String instance) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            Matcher m = READY.matcher(line);
            if (m.matches()) {
                assertThat(m.group(2)).isEqualTo(instance);
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("child exited without the ready line");
    }
}
