package io.tablesync.plugin.tablestore;

import io.tablesync.core.config.Configuration;
import io.tablesync.core.spi.Reader;
import io.tablesync.core.spi.ReaderPlugin;
import io.tablesync.core.verify.TableScan;
import io.tablesync.plugin.tablestore.reader.OtsReaderConfig;
import io.tablesync.plugin.tablestore.reader.OtsReaderJob;
import io.tablesync.plugin.tablestore.reader.OtsReaderTask;
import io.tablesync.plugin.tablestore.table.OtsTableScan;
import java.util.List;
import java.util.Set;

/** ServiceLoader entry point of {@code otsreader} (DataX's full-table reader). */
public final class OtsReaderPlugin implements ReaderPlugin {
    @Override
    public String name() {
        return "otsreader";
    }

    @Override
    public Reader.Job createJob() {
        return new OtsReaderJob();
    }

    @Override
    public Reader.Task createTask() {
        return new OtsReaderTask();
    }

    @Override
    public Set<String> parameterKeys() {
        return OtsReaderConfig.KEYS;
    }

    @Override
    public TableScan openScan(Configuration parameter) {
        return OtsTableScan.forOtsReader(parameter);
    }

    @Override
    public String template() {
        return """
                {
                  "endpoint": "http://127.0.0.1:8600",
                  "accessId": "tablesync-local-id",
                  "accessKey": "tablesync-local-secret",
                  "instanceName": "tablesync",
                  "table": "table_name",
                  "column": [{"name": "uid"}, {"name": "name"}, {"name": "phone"}],
                  "range": {"begin": [{"type": "INF_MIN"}], "end": [{"type": "INF_MAX"}]}
                }""";
    }

    @Override
    public List<String> templateNotes() {
        return List.of(
                "reader.endpoint, accessId, accessKey, instanceName: your Tablestore instance (these are tablestore-local's defaults)",
                "reader.column: key and attribute names in output order, or constants {\"type\": \"string\", \"value\": \"x\"}",
                "reader.range.split: optional partition-key cut points; without them the service's split points are used");
    }
}
