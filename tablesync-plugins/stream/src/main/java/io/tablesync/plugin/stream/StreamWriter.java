package io.tablesync.plugin.stream;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.Record;
import io.tablesync.core.spi.RecordReceiver;
import io.tablesync.core.spi.Writer;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DataX's streamwriter: prints records (fields joined by {@code fieldDelimiter}) to stdout, or to
 * {@code path}/{@code fileName}, or just consumes them with {@code print: false}.
 */
public final class StreamWriter {
    private StreamWriter() {
    }

    public static final class Job extends Writer.Job {
        @Override
        public void init() {
            Configuration p = getPluginJobConf();
            String path = p.getString("path");
            if (path != null) {
                if (p.getString("fileName") == null) {
                    throw TablesyncException.userError(StreamErrorCode.REQUIRED_VALUE,
                            p.describe("fileName") + " is required when path is set");
                }
                try {
                    Files.createDirectories(Path.of(path));
                } catch (IOException e) {
                    throw TablesyncException.userError(StreamErrorCode.WRITER_IO_ERROR,
                            "cannot create " + p.describe("path") + " " + path + ": " + e.getMessage());
                }
            }
            charset(p);
        }

        @Override
        public void prepare() {
            Configuration p = getPluginJobConf();
            String path = p.getString("path");
            if (path != null) {
                try {
                    Files.deleteIfExists(Path.of(path, p.getString("fileName")));
                } catch (IOException e) {
                    throw TablesyncException.userError(StreamErrorCode.WRITER_IO_ERROR,
                            "cannot replace " + Path.of(path, p.getString("fileName")) + ": " + e.getMessage());
                }
            }
        }

        @Override
        public List<Configuration> split(int mandatoryNumber) {
            List<Configuration> out = new ArrayList<>(mandatoryNumber);
            for (int i = 0; i < mandatoryNumber; i++) {
                out.add(getPluginJobConf().copy());
            }
            return out;
        }
    }

    static Charset charset(Configuration p) {
        String name = p.getString("encoding", "UTF-8");
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            throw TablesyncException.userError(StreamErrorCode.ILLEGAL_VALUE,
                    p.describe("encoding") + " \"" + name + "\" is not a known character set");
        }
    }

    public static final class Task extends Writer.Task {
        private static final Object STDOUT_LOCK = new Object();

        @Override
        public void startWrite(RecordReceiver receiver) {
            Configuration p = getPluginJobConf();
            boolean print = p.getBool("print", true);
            String delimiter = p.getString("fieldDelimiter", "\t");
            long sleepEvery = p.getLong("recordNumBeforeSleep", 0);
            long sleepMillis = p.getLong("sleepTime", 0);
            String path = p.getString("path");
            try (java.io.Writer out = open(p, path)) {
                long n = 0;
                Record r;
                StringBuilder line = new StringBuilder(128);
                while ((r = receiver.getFromReader()) != null) {
                    if (out != null && (print || path != null)) {
                        format(r, delimiter, line);
                        if (path != null) {
                            out.write(line.toString());
                        } else {
                            synchronized (STDOUT_LOCK) {
                                out.write(line.toString());
                                out.flush();
                            }
                        }
                    }
                    receiver.acknowledge(r);
                    n++;
                    if (sleepEvery > 0 && sleepMillis > 0 && n % sleepEvery == 0) {
                        Thread.sleep(sleepMillis);
                    }
                }
            } catch (IOException e) {
                throw TablesyncException.userError(StreamErrorCode.WRITER_IO_ERROR, "streamwriter cannot write: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private static java.io.Writer open(Configuration p, String path) throws IOException {
            Charset cs = charset(p);
            if (path != null) {
                Path file = Path.of(path, p.getString("fileName"));
                // Tasks append to one file, as DataX's writer tasks do.
                return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(file.toFile(), true), cs));
            }
            if (!p.getBool("print", true)) {
                return null;
            }
            return new OutputStreamWriter(new NonClosingStream(System.out), cs);
        }

        static void format(Record r, String delimiter, StringBuilder line) {
            line.setLength(0);
            for (int i = 0; i < r.getColumnNumber(); i++) {
                if (i > 0) {
                    line.append(delimiter);
                }
                Column c = r.getColumn(i);
                line.append(c == null ? null : c.asString());
            }
            line.append('\n');
        }
    }

    /** Lets a task close its writer without closing the process's stdout. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
