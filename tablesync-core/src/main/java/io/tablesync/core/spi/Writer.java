package io.tablesync.core.spi;

import io.tablesync.core.config.Configuration;
import java.util.List;

/** Writer plugin halves, in DataX's shape. */
public final class Writer {
    private Writer() {
    }

    public abstract static class Job extends AbstractJobPlugin {
        /** Must return exactly {@code mandatoryNumber} task configurations, one per reader task. */
        public abstract List<Configuration> split(int mandatoryNumber);
    }

    public abstract static class Task extends AbstractTaskPlugin {
        /**
         * Writes every record from the receiver until it returns null, calling
         * {@link RecordReceiver#acknowledge(io.tablesync.core.element.Record)} for each record once it
         * is durable in the sink or recorded as dirty.
         */
        public abstract void startWrite(RecordReceiver receiver);
    }
}
