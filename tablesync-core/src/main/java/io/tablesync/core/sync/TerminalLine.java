package io.tablesync.core.sync;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A status line kept at the bottom of a terminal (the copy's progress bar). Everything else written to
 * {@code System.out} while it is shown — log lines — first clears it, so a log line never runs into the bar; the
 * next {@link #show} draws it again below.
 */
final class TerminalLine implements AutoCloseable {
    private static final String CLEAR = "\r\033[2K";

    private final PrintStream terminal;
    private boolean shown;

    TerminalLine() {
        this.terminal = System.out;
        System.setOut(new PrintStream(new Clearing(), true, StandardCharsets.UTF_8));
    }

    /** Whether this process writes to a terminal (both ends interactive): where a bar makes sense. */
    static boolean available() {
        return System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** The terminal's width, from $COLUMNS when the shell exports it, else 100. */
    static int width() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").trim()));
        } catch (NumberFormatException e) {
            return 100;
        }
    }

    synchronized void show(String text) {
        terminal.print(CLEAR + text);
        terminal.flush();
        shown = true;
    }

    private synchronized void clear() {
        if (shown) {
            terminal.print(CLEAR);
            shown = false;
        }
    }

    /** Clears the line and gives {@code System.out} back. */
    @Override
    public synchronized void close() {
        clear();
        terminal.flush();
        System.setOut(terminal);
    }

    private final class Clearing extends OutputStream {
        @Override
        public void write(int b) {
            synchronized (TerminalLine.this) {
                clear();
                terminal.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (TerminalLine.this) {
                clear();
                terminal.write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            terminal.flush();
        }
    }
}
