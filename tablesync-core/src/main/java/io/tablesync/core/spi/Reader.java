package io.tablesync.core.spi;

import io.tablesync.core.config.Configuration;
import java.util.List;

/** Reader plugin halves, in DataX's shape. */
public final class Reader {
    private Reader() {
    }

    public abstract static class Job extends AbstractJobPlugin {
        /**
         * Cuts the work into task configurations. {@code adviceNumber} is the channel count; the
         * reader decides how many tasks really exist (at least one).
         */
        public abstract List<Configuration> split(int adviceNumber);
    }

    public abstract static class Task extends AbstractTaskPlugin {
        /** Reads and sends records until done (or until {@link #isStopRequested()}). */
        public abstract void startRead(RecordSender sender);
    }
}
