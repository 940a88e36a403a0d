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
                  "index": "school_index",
                  "cleanup": false,
                  "batchSize": 1000,
                  "column": [
                    {"name": "uid", "type": "id"},
                    {"name": "name", "type": "text"},
                    {"name": "phone", "type": "text"}
                  ]
                }""";
    }

    @Override
    public java.util.List<String> templateNotes() {
        return java.util.List.of(
                "writer.endpoint: your Elasticsearch / OpenSearch (http://user:password@host:9200 or username/password)",
                "writer.index: the index to write; writer.column: one entry per reader column, same order",
                "  (the Tablestore primary key as type \"id\", the other columns with their Elasticsearch type)");
    }

    @Override
    public void check(io.tablesync.core.config.Configuration parameter, io.tablesync.core.check.Checklist out) {
        EsCheck.check(parameter, out);
    }

    @Override
    public io.tablesync.core.verify.IndexTarget openTarget(io.tablesync.core.config.Configuration parameter) {
        return EsIndexTarget.open(parameter);
    }

    /** The document id as the writer computes it ({@code _id} from the id columns or {@code primaryKeyInfo}). */
    @Override
    public java.util.function.Function<io.tablesync.core.element.Record, String> documentKey(
            io.tablesync.core.config.Configuration parameter) {
        return new DocumentConverter(new EsWriterConfig(parameter), true, false)::documentId;
    }
}
