package io.tablesync.core.testplugins;

import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.LongColumn;
import io.tablesync.core.element.Position;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import io.tablesync.core.spi.Reader;
import io.tablesync.core.spi.ReaderPlugin;
import io.tablesync.core.spi.RecordReceiver;
import io.tablesync.core.spi.RecordSender;
import io.tablesync.core.spi.Writer;
import io.tablesync.core.spi.WriterPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Small real plugins for engine tests: "testreader" emits numbered records (optionally with
 * positions, optionally forever until stopped) and "testwriter" records what it received under a
 * sink name, rejecting as dirty the ids it is told to.
 */
public final class TestPlugins {
    /** Sinks whose reader job ran init() (to prove validation comes before any side effect). */
    public static final List<String> READER_INITS = new CopyOnWriteArrayList<>();
    /** What each testwriter sink received (by parameter "sink"). */
    public static final Map<String, List<Long>> SINKS = new ConcurrentHashMap<>();

    private TestPlugins() {
    }

    record Pos(String partition, long sequence) implements Position {
    }

    public static final class TestReaderPlugin implements ReaderPlugin {
        @Override
        public String name() {
            return "testreader";
        }

        @Override
        public Reader.Job createJob() {
            return new Reader.Job() {
                @Override
                public void init() {
                    READER_INITS.add(getPeerPluginJobConf().getString("sink", "default"));
                    long sleep = getPluginJobConf().getLong("initSleepMillis", 0);
                    if (sleep > 0) {
                        try {
                            Thread.sleep(sleep); // like a connection attempt to an unreachable endpoint
                        } catch (InterruptedException e) {
                            throw new IllegalStateException("interrupted in init", e);
                        }
                    }
                }

                @Override
                public List<Configuration> split(int adviceNumber) {
                    int tasks = getPluginJobConf().getInt("tasks", adviceNumber);
                    List<Configuration> out = new ArrayList<>();
                    for (int i = 0; i < tasks; i++) {
                        out.add(getPluginJobConf().copy().set("taskIndex", i));
                    }
                    return out;
                }
            };
        }

        @Override
        public Reader.Task createTask() {
            return new Reader.Task() {
                @Override
                public void startRead(RecordSender sender) {
                    Configuration p = getPluginJobConf();
                    long records = p.getLong("records", 10);
                    boolean forever = p.getBool("forever", false);
                    long failAt = p.getLong("failAt", -1);
                    boolean positions = p.getBool("positions", false);
                    boolean ignoreStop = p.getBool("ignoreStop", false);
                    long base = p.getLong("taskIndex", 0) * 1_000_000L;
                    for (long i = 0; forever || i < records; i++) {
                        if (isStopRequested() && !ignoreStop) {
                            break;
                        }
                        if (i == failAt) {
                            throw new IllegalStateException("reader failed on purpose at " + i);
                        }
                        Record r = sender.createRecord();
                        r.addColumn(new LongColumn(base + i));
                        r.addColumn(new StringColumn("v" + i));
                        if (positions) {
                            r.setPosition(new Pos("p" + p.getLong("taskIndex", 0), i));
                        }
                        sender.sendToWriter(r);
                    }
                }
            };
        }

        @Override
        public Set<String> parameterKeys() {
            return Set.of("records", "forever", "failAt", "positions", "tasks", "ignoreStop", "initSleepMillis");
        }
    }

    public static final class TestWriterPlugin implements WriterPlugin {
        @Override
        public String name() {
            return "testwriter";
        }

        @Override
        public Writer.Job createJob() {
            return new Writer.Job() {
                @Override
                public void validate() {
                    if (getPluginJobConf().has("invalid")) {
                        throw io.tablesync.core.TablesyncException.userError(io.tablesync.core.CommonErrorCode.CONFIG_ERROR,
                                getPluginJobConf().describe("invalid") + " is not allowed");
                    }
                }

                @Override
                public List<Configuration> split(int mandatoryNumber) {
                    int n = getPluginJobConf().getInt("splitOverride", mandatoryNumber);
                    List<Configuration> out = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        out.add(getPluginJobConf().copy());
                    }
                    return out;
                }
            };
        }

        @Override
        public Writer.Task createTask() {
            return new Writer.Task() {
                @Override
                public void startWrite(RecordReceiver receiver) {
                    Configuration p = getPluginJobConf();
                    List<Long> sink = SINKS.computeIfAbsent(p.getString("sink", "default"), k -> new CopyOnWriteArrayList<>());
                    List<String> dirty = p.getStringList("dirtyIds");
                    long delayMillis = p.getLong("delayMillis", 0);
                    String countAs = p.getString("countAs");
                    Record r;
                    while ((r = receiver.getFromReader()) != null) {
                        long id = r.getColumn(0).asLong();
                        if (countAs != null) {
                            getTaskPluginCollector().incrementCounter(countAs, 1);
                        }
                        if (dirty.contains(String.valueOf(id))) {
                            getTaskPluginCollector().collectDirtyRecord(r, "rejected id " + id + " accessKey=s3cr3tValue");
                        } else {
                            sink.add(id);
                        }
                        receiver.acknowledge(r);
                        if (delayMillis > 0) {
                            try {
                                Thread.sleep(delayMillis);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }
                }
            };
        }

        @Override
        public Set<String> parameterKeys() {
            return Set.of("sink", "dirtyIds", "delayMillis", "splitOverride", "countAs", "invalid");
        }
    }
}
