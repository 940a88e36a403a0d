package io.tablesync.plugin.tablestore;

import io.tablesync.core.config.Configuration;
import io.tablesync.core.source.StreamingOptions;
import io.tablesync.core.source.StreamingSource;
import io.tablesync.core.spi.Reader;
import io.tablesync.core.spi.ReaderPlugin;
import io.tablesync.plugin.tablestore.source.OtsStreamingSource;
import io.tablesync.plugin.tablestore.stream.OtsStreamReaderJob;
import io.tablesync.plugin.tablestore.stream.OtsStreamReaderTask;
import io.tablesync.plugin.tablestore.stream.StreamReaderConfig;
import java.util.Set;

/** ServiceLoader entry point of {@code otsstreamreader}. */
public final class OtsStreamReaderPlugin implements ReaderPlugin {
    @Override
    public String name() {
        return "otsstreamreader";
    }

    @Override
    public Reader.Job createJob() {
        return new OtsStreamReaderJob();
    }

    @Override
    public Reader.Task createTask() {
        return new OtsStreamReaderTask();
    }

    @Override
    public StreamingSource openStreaming(Configuration parameter, StreamingOptions options) {
        return OtsStreamingSource.open(parameter, options);
    }

    @Override
    public void check(Configuration parameter, io.tablesync.core.check.Checklist out) {
        io.tablesync.plugin.tablestore.source.OtsCheck.check(parameter, out);
    }

    @Override
    public io.tablesync.core.verify.TableScan openScan(Configuration parameter) {
        return io.tablesync.plugin.tablestore.table.OtsTableScan.forStreamReader(parameter);
    }

    @Override
    public Set<String> parameterKeys() {
        return StreamReaderConfig.KEYS;
    }

    @Override
    public String template() {
        // The guide's job (README): table_name with primary key uid, attributes name and phone, on tablestore-local's
        // defaults. Edit endpoint/credentials/instanceName/dataTable/column for a real instance.
        return """
                {
                  "endpoint": "http://127.0.0.1:8600",
                  "accessId": "tablesync-local-id",
                  "accessKey": "tablesync-local-secret",
                  "instanceName": "tablesync",
                  "dataTable": "table_name",
                  "statusTable": "TableStoreStreamReaderStatusTable",
                  "startTimestampMillis": "${start_time}",
                  "endTimestampMillis": "${end_time}",
                  "mode": "single_version_and_update_only",
                  "column": [{"name": "uid"}, {"name": "name"}, {"name": "phone"}],
                  "isExportSequenceInfo": false
                }""";
    }

    @Override
    public java.util.List<String> templateNotes() {
        return java.util.List.of(
                "reader.endpoint, accessId, accessKey, instanceName: your Tablestore instance (these are tablestore-local's defaults)",
                "reader.dataTable: a table with Stream enabled; reader.column: its primary key and the attributes to sync",
                "run a window: bin/tablesync run JOB.json -Dstart_time=<epoch ms> -Dend_time=<epoch ms>");
    }
}
