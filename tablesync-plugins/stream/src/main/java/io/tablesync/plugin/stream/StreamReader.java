package io.tablesync.plugin.stream;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.Record;
import io.tablesync.core.spi.Reader;
import io.tablesync.core.spi.RecordSender;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** DataX's streamreader: every task emits {@code sliceRecordCount} generated records. */
public final class StreamReader {
    private StreamReader() {
    }

    public static final class Job extends Reader.Job {
        @Override
        public void init() {
            Configuration p = getPluginJobConf();
            long count = sliceRecordCount(p);
            if (count < 0) {
                throw TablesyncException.userError(StreamErrorCode.ILLEGAL_VALUE,
                        p.describe("sliceRecordCount") + " must be >= 0, but is " + count);
            }
            List<Configuration> columns = p.getListConfiguration("column");
            if (columns.isEmpty()) {
                throw TablesyncException.userError(StreamErrorCode.REQUIRED_VALUE,
                        p.describe("column") + " must list at least one column");
            }
            columns.forEach(ColumnGenerator::from); // validate every column now, not in each task
        }

        @Override
        public List<Configuration> split(int adviceNumber) {
            List<Configuration> out = new ArrayList<>(adviceNumber);
            for (int i = 0; i < adviceNumber; i++) {
                out.add(getPluginJobConf().copy());
            }
            return out;
        }
    }

    static long sliceRecordCount(Configuration p) {
        Long count = p.getLong("sliceRecordCount");
        if (count == null) {
            throw TablesyncException.userError(StreamErrorCode.REQUIRED_VALUE,
                    "missing required key " + p.describe("sliceRecordCount"));
        }
        return count;
    }

    public static final class Task extends Reader.Task {
        private List<ColumnGenerator> generators;
        private long count;

        @Override
        public void init() {
            Configuration p = getPluginJobConf();
            count = sliceRecordCount(p);
            generators = new ArrayList<>();
            p.getListConfiguration("column").forEach(c -> generators.add(ColumnGenerator.from(c)));
        }

        @Override
        public void startRead(RecordSender sender) {
            SplittableRandom random = new SplittableRandom();
            ColumnGenerator[] gens = generators.toArray(new ColumnGenerator[0]);
            for (long i = 0; i < count; i++) {
                if ((i & 1023) == 0 && isStopRequested()) {
                    break;
                }
                Record r = new DefaultRecord(gens.length);
                for (ColumnGenerator g : gens) {
                    r.addColumn(g.next(random));
                }
                sender.sendToWriter(r);
            }
            sender.flush();
        }
    }
}
