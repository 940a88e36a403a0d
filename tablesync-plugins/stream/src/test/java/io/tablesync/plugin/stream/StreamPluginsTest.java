package io.tablesync.plugin.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** streamreader → streamwriter through the real engine, output captured with path/fileName. */
class StreamPluginsTest {
    @TempDir
    Path dir;

    private JobOutcome run(String columns, long count, int channels, String writerExtra) throws Exception {
        String job = "{\"job\":{\"setting\":{\"speed\":{\"channel\":" + channels + "}},\"content\":[{"
                + "\"reader\":{\"name\":\"streamreader\",\"parameter\":{\"column\":[" + columns + "],\"sliceRecordCount\":" + count + "}},"
                + "\"writer\":{\"name\":\"streamwriter\",\"parameter\":{\"path\":\"" + dir.resolve("out") + "\",\"fileName\":\"rows.txt\""
                + writerExtra + "}}}]}}";
        Path file = dir.resolve("job.json");
        Files.writeString(file, job);
        return new Engine(new Engine.Options(file.toString(), Map.of(), null, 0), PluginRegistry.fromClassPath()).run();
    }

    private List<String> rows() throws Exception {
        return Files.readAllLines(dir.resolve("out").resolve("rows.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void constantsOfEveryTypeAreWrittenWithTheDelimiter() throws Exception {
        JobOutcome o = run("{\"type\":\"long\",\"value\":\"7\"},{\"type\":\"string\",\"value\":\"héllo\"},"
                + "{\"type\":\"double\",\"value\":\"2.50\"},{\"type\":\"bool\",\"value\":\"false\"},"
                + "{\"type\":\"date\",\"value\":\"2024-02-03\",\"dateFormat\":\"yyyy-MM-dd\"},"
                + "{\"type\":\"bytes\",\"value\":\"raw\"},{\"type\":\"string\",\"value\":null}", 2, 1, ",\"fieldDelimiter\":\",\"");
        assertThat(o.exitCode()).isEqualTo(0);
        assertThat(rows()).containsExactly("7,héllo,2.50,false,2024-02-03 00:00:00,raw,null", "7,héllo,2.50,false,2024-02-03 00:00:00,raw,null");
    }

    @Test
    void everyChannelProducesSliceRecordCountRecords() throws Exception {
        JobOutcome o = run("{\"type\":\"long\",\"incr\":\"100,2\"}", 5, 3, "");
        assertThat(o.exitCode()).isEqualTo(0);
        assertThat(o.snapshot().readSucceedRecords()).isEqualTo(15);
        // each task counts on its own, as DataX's streamreader does
        assertThat(rows()).hasSize(15).filteredOn("108"::equals).hasSize(3);
    }

    @Test
    void randomValuesStayInTheirRanges() throws Exception {
        JobOutcome o = run("{\"type\":\"long\",\"random\":\"5,9\"},{\"type\":\"string\",\"random\":\"2,3\"},"
                + "{\"type\":\"double\",\"random\":\"1,2\"},{\"type\":\"bool\",\"random\":\"0,1\"}", 200, 1, "");
        assertThat(o.exitCode()).isEqualTo(0);
        for (String row : rows()) {
            String[] f = row.split("\t");
            assertThat(Long.parseLong(f[0])).isBetween(5L, 9L);
            assertThat(f[1]).matches("[a-z]{2,3}");
            assertThat(Double.parseDouble(f[2])).isBetween(1.0, 2.0);
            assertThat(f[3]).isIn("true", "false");
        }
    }

    @Test
    void configurationMistakesAreNamed() throws Exception {
        assertThat(run("{\"type\":\"long\",\"value\":\"1\",\"random\":\"1,2\"}", 1, 1, "").error())
                .hasMessageContaining("StreamReader-03").hasMessageContaining("job.content[0].reader.parameter.column[0]");
        assertThat(run("{\"type\":\"decimal\",\"value\":\"1\"}", 1, 1, "").error())
                .hasMessageContaining("job.content[0].reader.parameter.column[0].type is \"decimal\"");
        assertThat(run("{\"type\":\"long\",\"value\":\"one\"}", 1, 1, "").error())
                .hasMessageContaining("\"one\" is not a valid long");
        assertThat(run("{\"type\":\"long\",\"random\":\"9,5\"}", 1, 1, "").error())
                .hasMessageContaining("min must not exceed max");
        assertThat(run("", 1, 1, "").error()).hasMessageContaining("column must list at least one column");
    }
}
