package io.tablesync.plugin.elasticsearch;

import io.tablesync.core.spi.Writer;
import io.tablesync.core.spi.WriterPlugin;
import java.util.Set;

/** Registers {@code elasticsearchwriter} with the engine (META-INF/services). */
public final class ElasticsearchWriterPlugin implements WriterPlugin {
    @Override
    public String name() {
        return "elasticsearchwriter";
    }

    @Override
    public Writer.Job createJob() {
        return new ElasticsearchWriter.Job();
    }

    @Override
    public Writer.Task createTask() {
        return new ElasticsearchWriter.Task();
    }

    @Override
    public Set<String> parameterKeys() {
        return EsWriterConfig.KEYS;
    }

    @Override
    public String template() {
        return """
                {
                  "endpoint": "http://127.0.0.1:9200",
                  "username": "",
                  "password": "",
                  "index": "my_index",
                  "type": "_doc",
                  "cleanup": false,
                  "batchSize": 1000,
                  "column": [
                    {"name": "pk", "type": "id"},
                    {"name": "title", "type": "text"},
                    {"name": "count", "type": "long"}
                  ]
                }""";
    }
}
