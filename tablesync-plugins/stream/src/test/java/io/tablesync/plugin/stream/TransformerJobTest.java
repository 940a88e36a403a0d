package io.tablesync.plugin.stream;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A DataX job with all six built-in transformers, streamreader → streamwriter, through the real
 * engine. The expected values follow DataX's transformer sources and its manual's own examples
 * (dx_substr(1,"2","5") of "dataxTest" is "taxTe", dx_pad(1,"l","4","A") of "xyz" is "Axyz",
 * dx_replace(1,"2","4","****") of "dataxTest" is "da****est", dx_digest(1,"md5","toUpperCase") of
 * "xyzzzzz" is 9CDFFC4FA4E45A99DB8BBCD762ACFFA2), as do the progress segment and summary lines.
 */
class TransformerJobTest {
    @TempDir
    Path dir;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void captureLogs() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    private JobOutcome run(String columns, long count, String transformers, String setting) throws Exception {
        String job = "{\"job\":{\"setting\":{\"speed\":{\"channel\":1}" + setting + "},\"content\":[{"
                + "\"reader\":{\"name\":\"streamreader\",\"parameter\":{\"column\":[" + columns + "],\"sliceRecordCount\":" + count + "}},"
                + "\"writer\":{\"name\":\"streamwriter\",\"parameter\":{\"path\":\"" + dir.resolve("out") + "\",\"fileName\":\"rows.txt\"}},"
                + "\"transformer\":" + transformers + "}]},"
                + "\"core\":{\"dirtyRecord\":{\"path\":\"" + dir.resolve("dirty.jsonl") + "\"}}}";
        Path file = dir.resolve("job.json");
        Files.writeString(file, job);
        return new Engine(new Engine.Options(file.toString(), Map.of(), null, 0), PluginRegistry.fromClassPath()).run();
    }

    private List<String> rows() throws Exception {
        return Files.readAllLines(dir.resolve("out").resolve("rows.txt"), StandardCharsets.UTF_8);
    }

    private static final String COLUMNS = "{\"type\":\"string\",\"value\":\"dataxTest\"},{\"type\":\"string\",\"value\":\"xyz\"},"
            + "{\"type\":\"string\",\"value\":\"dataxTest\"},{\"type\":\"string\",\"value\":\"xyzzzzz\"},"
            + "{\"type\":\"long\",\"incr\":\"1,1\"},{\"type\":\"date\",\"value\":\"2024-01-01 00:00:00\"},"
            + "{\"type\":\"string\",\"value\":null}";

    private static final String ALL_SIX = "["
            + "{\"name\":\"dx_substr\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"2\",\"5\"]}},"
            + "{\"name\":\"dx_pad\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"l\",\"4\",\"A\"]}},"
            + "{\"name\":\"dx_replace\",\"parameter\":{\"columnIndex\":2,\"paras\":[\"2\",\"4\",\"****\"]}},"
            + "{\"name\":\"dx_digest\",\"parameter\":{\"columnIndex\":3,\"paras\":[\"md5\",\"toUpperCase\"]}},"
            + "{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":4,\"paras\":[\">\",\"5\"]}},"
            + "{\"name\":\"dx_groovy\",\"parameter\":{\"code\":\"Column c = record.getColumn(5);\\n"
            + "record.setColumn(5, new StringColumn(c.asString().substring(0, 4)));\\n"
            + "record.addColumn(new StringColumn(md5(record.getColumn(0).asString())));\\n"
            + "return record;\",\"extraPackage\":[\"import java.text.SimpleDateFormat;\"]}}]";

    @Test
    void allSixTransformersGiveDataXsOutputCountersAndSummary() throws Exception {
        JobOutcome o = run(COLUMNS, 10, ALL_SIX, "");
        assertThat(o.exitCode()).as(String.join("\n", messages())).isEqualTo(0);
        // records 6..10 are dropped by dx_filter(4, ">", "5"); md5("taxTe") = 4ea9769f…
        String expectedTail = "\t2024\tnull\t4ea9769fc5c11bc488276b1498e37ab4";
        assertThat(rows()).containsExactly(
                "taxTe\tAxyz\tda****est\t9CDFFC4FA4E45A99DB8BBCD762ACFFA2\t1" + expectedTail,
                "taxTe\tAxyz\tda****est\t9CDFFC4FA4E45A99DB8BBCD762ACFFA2\t2" + expectedTail,
                "taxTe\tAxyz\tda****est\t9CDFFC4FA4E45A99DB8BBCD762ACFFA2\t3" + expectedTail,
                "taxTe\tAxyz\tda****est\t9CDFFC4FA4E45A99DB8BBCD762ACFFA2\t4" + expectedTail,
                "taxTe\tAxyz\tda****est\t9CDFFC4FA4E45A99DB8BBCD762ACFFA2\t5" + expectedTail);
        // DataX counts a filtered record as a transformer success too, and not as read
        assertThat(o.snapshot().readSucceedRecords()).isEqualTo(5);
        assertThat(messages()).anyMatch(m -> m.matches("Total 5 records, \\d+ bytes \\| .* \\|  All Task WaitReaderTime \\d+\\.\\d{3}s \\| "
                + "Transfermor Success 10 records \\| Transformer Error 0 records \\| Transformer Filter 5 records \\| "
                + "Transformer usedTime \\d+\\.\\d{3}s \\| Percentage 100\\.00%"));
        assertThat(messages()).contains("\n"
                + "Transformer成功记录总数         :                  10\n"
                + "Transformer失败记录总数         :                   0\n"
                + "Transformer过滤记录总数         :                   5\n");
        assertThat(messages()).anyMatch(m -> m.contains("读出记录总数                    :                   5"));
        assertThat(messages()).contains(" user config tranformers [[dx_substr, dx_pad, dx_replace, dx_digest, dx_filter, dx_groovy]], loading...");
    }

    @Test
    void aTransformerFailureIsAReaderDirtyRecordWithDataXsMessage() throws Exception {
        // "xyz" is shorter than startIndex 5: DataX's "dx_substr startIndex(5) out of range(3)"
        JobOutcome o = run("{\"type\":\"string\",\"value\":\"xyz\"}", 3,
                "[{\"name\":\"dx_substr\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"5\",\"1\"]}}]", ",\"errorLimit\":{\"record\":5}");
        assertThat(o.exitCode()).isEqualTo(0);
        assertThat(o.snapshot().readFailedRecords()).isEqualTo(3);
        assertThat(rows()).isEmpty();
        List<String> dirty = Files.readAllLines(dir.resolve("dirty.jsonl"));
        assertThat(dirty).hasSize(3);
        assertThat(dirty.get(0)).contains("\"type\":\"reader\"").contains("\"message\":\"transformer(dx_substr) has Exception("
                + "Code:[TransformerErrorCode-06], Description:[Transformer run exception].  - dx_substr startIndex(5) out of range(3))\"");
        assertThat(messages()).contains("\n"
                + "Transformer成功记录总数         :                   0\n"
                + "Transformer失败记录总数         :                   3\n"
                + "Transformer过滤记录总数         :                   0\n");
        assertThat(messages()).anyMatch(m -> m.contains("读写失败总数                    :                   3"));
    }

    @Test
    void likeAndNullRulesOfDxFilter() throws Exception {
        // like drops full regex matches; a null value is kept by like (and by >), dropped by not like
        JobOutcome o = run("{\"type\":\"string\",\"value\":\"abc123\"},{\"type\":\"string\",\"value\":null}", 2,
                "[{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"like\",\"abc\"]}},"
                        + "{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"like\",\".*\"]}},"
                        + "{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":1,\"paras\":[\">\",\"a\"]}}]", "");
        assertThat(o.exitCode()).isEqualTo(0);
        assertThat(rows()).containsExactly("abc123\tnull", "abc123\tnull");
        o = run("{\"type\":\"string\",\"value\":\"abc123\"},{\"type\":\"string\",\"value\":null}", 2,
                "[{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"not like\",\"x\"]}}]", "");
        assertThat(o.snapshot().transformer().filteredRecords()).isEqualTo(2);
        o = run("{\"type\":\"string\",\"value\":null}", 2,
                "[{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"=\",\"NULL\"]}}]", "");
        assertThat(o.snapshot().transformer().filteredRecords()).isEqualTo(2);
    }

    @Test
    void parameterMistakesAreConfigurationErrorsNamingTheEntry() throws Exception {
        assertThat(run(COLUMNS, 1, "[{\"name\":\"dx_substr\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"1\"]}}]", "").error())
                .hasMessageContaining("TransformerErrorCode-05")
                .hasMessageContaining("job.content[0].transformer[0] (dx_substr): paras:[0, 1] => dx_substr paras must be 3");
        assertThat(run(COLUMNS, 1, "[{\"name\":\"dx_subst\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"1\",\"2\"]}}]", "").error())
                .hasMessageContaining("TransformerErrorCode-03").hasMessageContaining("name=dx_subst")
                .hasMessageContaining("did you mean \"dx_substr\"?").hasMessageContaining("dx_groovy");
        assertThat(run(COLUMNS, 1, "[{\"name\":\"dx_pad\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"x\",\"4\",\"A\"]}}]", "").error())
                .hasMessageContaining("dx_pad first para(x) support l or r");
        assertThat(run(COLUMNS, 1, "[{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"~\",\"4\"]}}]", "").error())
                .hasMessageContaining("dx_filter can't support code:~");
        assertThat(run(COLUMNS, 1, "[{\"name\":\"dx_digest\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"sha256\",\"toUpperCase\"]}}]", "").error())
                .hasMessageContaining("dx_digest paras index 1 must be md5 or sha1");
        assertThat(run(COLUMNS, 1, "[{\"name\":\"dx_replace\",\"parameter\":{\"paras\":[\"1\",\"2\",\"x\"]}}]", "").error())
                .hasMessageContaining("columnIndex must be set by UDF:name=dx_replace");
        assertThat(run(COLUMNS, 1, "[{\"name\":\"dx_groovy\",\"parameter\":{\"code\":\"return record;\"}},"
                + "{\"name\":\"dx_groovy\",\"parameter\":{\"code\":\"return record;\"}}]", "").error())
                .hasMessageContaining("dx_groovy can be invoke once only.");
        assertThat(run(COLUMNS, 1, "[{\"name\":\"dx_groovy\",\"parameter\":{\"code\":\"record.getColumn(0)\\nreturn record +;\"}}]", "").error())
                .hasMessageContaining("TransformerErrorCode-07").hasMessageContaining("job.content[0].transformer[0].parameter.code does not compile: line 2");
        // DataX checks the column index on the first record and fails the task
        assertThat(run(COLUMNS, 1, "[{\"name\":\"dx_substr\",\"parameter\":{\"columnIndex\":9,\"paras\":[\"1\",\"2\"]}}]", "").error())
                .hasMessageContaining("columnIndex[9] out of bound[7]. name=dx_substr");
    }
}
