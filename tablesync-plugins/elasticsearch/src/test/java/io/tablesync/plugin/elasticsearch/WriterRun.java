package io.tablesync.plugin.elasticsearch;

import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.Record;
import io.tablesync.core.metrics.SinkTelemetry;
import io.tablesync.core.spi.RecordReceiver;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.core.spi.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Drives the writer through its SPI lifecycle exactly as the engine does (Job init/prepare/split,
 * Task init/prepare/startWrite/post/destroy, Job post/destroy) with records from a list, and
 * records what the writer reported: dirty records (with messages), counters, acknowledgements.
 * The Elasticsearch side is always a real node.
 */
final class WriterRun {
    final List<Record> acknowledged = Collections.synchronizedList(new ArrayList<>());
    final Map<Record, String> dirty = Collections.synchronizedMap(new IdentityHashMap<>());
    final Map<String, Long> counters = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The reasons dirty records were given for the metrics. */
    final Map<Record, String> dirtyReasons = Collections.synchronizedMap(new IdentityHashMap<>());
    /** What the writer reported to its telemetry: documents retried by reason, and each request with its outcome. */
    final Map<String, Integer> retriedByReason = Collections.synchronizedMap(new LinkedHashMap<>());
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    Throwable failure;

    /** Runs a whole job with one task over {@code records}; never throws, see {@link #failure}. */
    static WriterRun run(String parameterJson, List<Record> records) {
        return run(parameterJson, records, Duration.ZERO);
    }

    /** Like {@link #run(String, List)}, pausing {@code gap} between records (to exercise time-based flushing). */
    static WriterRun run(String parameterJson, List<Record> records, Duration gap) {
        WriterRun run = new WriterRun();
        ElasticsearchWriterPlugin plugin = new ElasticsearchWriterPlugin();
        Writer.Job job = plugin.createJob();
        Writer.Task task = null;
        try {
            job.setPluginJobConf(Configuration.fromJson(parameterJson).withPrefix("job.content[0].writer.parameter"));
            job.init();
            job.prepare();
            List<Configuration> confs = job.split(1);
            task = plugin.createTask();
            task.setPluginJobConf(confs.get(0));
            task.bindTask(0, run.collector(), () -> false);
            task.init();
            task.prepare();
            task.startWrite(run.receiver(records, gap));
            task.post();
            job.post();
        } catch (Throwable t) {
            run.failure = t;
        } finally {
            if (task != null) {
                task.destroy();
            }
            job.destroy();
        }
        return run;
    }

    WriterRun expectSuccess() {
        if (failure != null) {
            throw new AssertionError("writer failed: " + failure, failure);
        }
        return this;
    }

    long counter(String label) {
        return counters.getOrDefault(label, 0L);
    }

    private TaskPluginCollector collector() {
        return new TaskPluginCollector() {
            @Override
            public void collectDirtyRecord(Record record, Throwable cause, String message) {
                dirty.put(record, message != null ? message : String.valueOf(cause));
            }

            @Override
            public void collectDirtyRecord(Record record, String reason, Throwable cause, String message) {
                dirtyReasons.put(record, reason);
                collectDirtyRecord(record, cause, message);
            }

            @Override
            public SinkTelemetry telemetry() {
                return new SinkTelemetry() {
                    @Override
                    public void request(long nanos, int actions, long bytes, String failure) {
                        requests.add(actions + (failure == null ? " answered" : " failed: " + failure));
                    }

                    @Override
                    public void retried(String reason, int items) {
                        retriedByReason.merge(reason, items, Integer::sum);
                    }
                };
            }

            @Override
            public void incrementCounter(String label, long delta) {
                counters.merge(label, delta, Long::sum);
            }
        };
    }

    private RecordReceiver receiver(List<Record> records, Duration gap) {
        BlockingQueue<Record> queue = new LinkedBlockingQueue<>();
        Thread feeder = null;
        if (gap.isZero()) {
            queue.addAll(records);
        } else {
            feeder = new Thread(() -> {
                for (Record r : records) {
                    queue.add(r);
                    try {
                        Thread.sleep(gap.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            feeder.setDaemon(true);
            feeder.start();
        }
        Thread f = feeder;
        return new RecordReceiver() {
            @Override
            public Record getFromReader() {
                while (true) {
                    Record r = poll(Duration.ofSeconds(1));
                    if (r != null || isEnded()) {
                        return r;
                    }
                }
            }

            @Override
            public Record poll(Duration timeout) {
                try {
                    return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }

            @Override
            public boolean isEnded() {
                return queue.isEmpty() && (f == null || !f.isAlive());
            }

            @Override
            public void acknowledge(Record record) {
                acknowledged.add(record);
            }
        };
    }
}
