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
    public Set<String> parameterKeys() {
        return StreamReaderConfig.KEYS;
    }

    @Override
    public String template() {
        return "{\"endpoint\": \"https://INSTANCE.cn-hangzhou.ots.aliyuncs.com\", \"accessId\": \"\", \"accessKey\": \"\","
                + " \"instanceName\": \"\", \"dataTable\": \"\", \"statusTable\": \"TableStoreStreamReaderStatusTable\","
                + " \"startTimestampMillis\": \"\", \"endTimestampMillis\": \"\","
                + " \"mode\": \"single_version_and_update_only\", \"column\": [{\"name\": \"pk\"}]}";
    }
}
