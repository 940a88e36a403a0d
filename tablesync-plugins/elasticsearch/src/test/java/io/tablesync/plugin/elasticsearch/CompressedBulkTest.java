package io.tablesync.plugin.elasticsearch;

import static io.tablesync.plugin.elasticsearch.EsTestSupport.index;
import static io.tablesync.plugin.elasticsearch.EsTestSupport.node;
import static io.tablesync.plugin.elasticsearch.EsTestSupport.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.element.Record;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.http.HttpEntity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bulk bodies gzip-compressed by the writer itself ({@code compression}, DataX's default) and answers cut
 * down to what the parser reads ({@code filter_path}): every server accepts the bodies, and item errors still
 * reach the right record through the filtered answer.
 */
class CompressedBulkTest {
    static List<EsDistribution> distributions() {
        return EsTestSupport.distributions();
    }

    @Test
    void aCompressedEntityIsGzipOfTheBodyAndSaysSo() throws IOException {
        byte[] body = "{\"index\":{\"_id\":\"1\"}}\n{\"name\":\"a\"}\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        HttpEntity e = BulkEntity.of(body, true);
        assertThat(e.getContentEncoding().getValue()).isEqualTo("gzip");
        assertThat(e.getContentLength()).isLessThan(body.length / 10);
        try (GZIPInputStream in = new GZIPInputStream(e.getContent())) {
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
        HttpEntity plain = BulkEntity.of(body, false);
        assertThat(plain.getContentEncoding()).isNull();
        assertThat(new ByteArrayInputStream(body).readAllBytes()).isEqualTo(plain.getContent().readAllBytes());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void compressedBulksAreIndexedAndItemErrorsStillNameTheirRecord(EsDistribution dist) {
        EsNode node = node(dist);
        String idx = index(node, "compressed");
        String cols = "\"column\":[{\"name\":\"id\",\"type\":\"id\"},{\"name\":\"n\",\"type\":\"long\"},"
                + "{\"name\":\"loc\",\"type\":\"geo_point\"}]";
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            records.add(Records.strings("k" + i, Integer.toString(i), "1,2"));
        }
        Record bad = Records.strings("bad", "1", "nowhere"); // passes conversion, the server's geo_point parser rejects it
        records.add(137, bad);
        WriterRun run = WriterRun.run(params(node.url(), idx, "\"batchSize\":100," + cols)
                .replace("\"compression\":false,", "\"compression\":true,"), records).expectSuccess();
        assertThat(run.dirty).containsOnlyKeys(bad);
        assertThat(run.dirty.get(bad)).contains("status:[400]").contains("_id=bad");
        assertThat(run.dirtyReasons.get(bad)).as("the server's error type, through the filtered answer")
                .matches("[a-z_]+_parsing_exception");
        assertThat(run.acknowledged).hasSize(records.size());
        node.http().refresh(idx);
        assertThat(node.http().count(idx)).isEqualTo(250);
        assertThat(node.http().source(idx, "k249").path("n").asLong()).isEqualTo(249);
    }
}
