package io.tablesync.plugin.stream;

import io.tablesync.core.spi.Reader;
import io.tablesync.core.spi.ReaderPlugin;
import io.tablesync.core.spi.Writer;
import io.tablesync.core.spi.WriterPlugin;
import java.util.Set;

/** ServiceLoader entry points for streamreader and streamwriter. */
public final class StreamPlugins {
    private StreamPlugins() {
    }

    public static final class ReaderProvider implements ReaderPlugin {
        @Override
        public String name() {
            return "streamreader";
        }

        @Override
        public Reader.Job createJob() {
            return new StreamReader.Job();
        }

        @Override
        public Reader.Task createTask() {
            return new StreamReader.Task();
        }

        @Override
        public Set<String> parameterKeys() {
            return Set.of("column", "sliceRecordCount");
        }

        @Override
        public String template() {
            return "{\"column\": [{\"type\": \"long\", \"value\": \"10\"}, {\"type\": \"string\", \"value\": \"hello\"}],"
                    + " \"sliceRecordCount\": 10}";
        }
    }

    public static final class WriterProvider implements WriterPlugin {
        @Override
        public String name() {
            return "streamwriter";
        }

        @Override
        public Writer.Job createJob() {
            return new StreamWriter.Job();
        }

        @Override
        public Writer.Task createTask() {
            return new StreamWriter.Task();
        }

        @Override
        public Set<String> parameterKeys() {
            return Set.of("print", "encoding", "fieldDelimiter", "path", "fileName", "recordNumBeforeSleep", "sleepTime");
        }

        @Override
        public String template() {
            return "{\"print\": true, \"encoding\": \"UTF-8\"}";
        }
    }
}
