package io.tablesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TerminalLineTest {
    private static final String CLEAR = "\r\033[2K";

    @Test
    void aLogLineClearsTheBarFirstAndTheBarIsDrawnAgainBelowIt() {
        PrintStream original = System.out;
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        System.setOut(new PrintStream(terminal, true, StandardCharsets.UTF_8));
        try {
            try (TerminalLine line = new TerminalLine()) {
                line.show("snapshot [##..] 50%");
                System.out.println("a log line");
                System.out.println("another one"); // the bar is already gone: nothing to clear
                line.show("snapshot [###.] 75%");
            }
            assertThat(System.out).as("System.out given back").isNotNull();
            System.out.print("after");
        } finally {
            System.setOut(original);
        }
        assertThat(terminal.toString(StandardCharsets.UTF_8)).isEqualTo(CLEAR + "snapshot [##..] 50%" + CLEAR + "a log line"
                + System.lineSeparator() + "another one" + System.lineSeparator() + CLEAR + "snapshot [###.] 75%" + CLEAR + "after");
    }
}
