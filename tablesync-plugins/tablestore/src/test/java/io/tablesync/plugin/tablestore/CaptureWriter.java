package io.tablesync.plugin.tablestore;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.Record;
import io.tablesync.core.spi.RecordReceiver;
import io.tablesync.core.spi.Writer;
import io.tablesync.core.spi.WriterPlugin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test writer that keeps the records (with operation, column states and position) so tests can
 * check what the reader really emitted through the engine. {@code failAfter: N} makes the job fail
 * after N records were written, like a sink going down mid-window.
 */
public final class CaptureWriter implements WriterPlugin {
    static final Map<String, List<Record>> SINKS = new ConcurrentHashMap<>();

    static List<Record> take(String sink) {
        List<Record> out = SINKS.remove(sink);
        return out == null ? List.of() : new ArrayList<>(out);
    }

    @Override
    public String name() {
        return "capturewriter";
    }

    @Override
    public Writer.Job createJob() {
        return new Writer.Job() {
            @Override
            public List<Configuration> split(int n) {
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
                String sink = getPluginJobConf().getString("sink");
                long failAfter = getPluginJobConf().getLong("failAfter", -1);
                long delayMillis = getPluginJobConf().getLong("delayMillis", 0); // a slow sink, per record
                List<Record> list = SINKS.computeIfAbsent(sink, k -> Collections.synchronizedList(new ArrayList<>()));
                AtomicLong counter = FAIL_COUNTERS.computeIfAbsent(sink, k -> new AtomicLong());
                Record r;
                while ((r = receiver.getFromReader()) != null) {
                    if (failAfter >= 0 && counter.incrementAndGet() > failAfter) {
                        throw TablesyncException.userError(OtsStreamReaderErrorCode.ERROR, "capturewriter: sink went down");
                    }
                    if (delayMillis > 0) {
                        try {
                            Thread.sleep(delayMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return; // aborted: the record stays unacknowledged
                        }
                    }
                    list.add(r);
                    receiver.acknowledge(r);
                }
            }
        };
    }

    static final Map<String, AtomicLong> FAIL_COUNTERS = new ConcurrentHashMap<>();
}
