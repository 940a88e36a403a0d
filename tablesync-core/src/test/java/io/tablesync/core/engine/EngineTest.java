package io.tablesync.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.testplugins.TestPlugins;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The engine end to end with real (test) plugins: phases, limits, outputs, stop. */
class EngineTest {
    @TempDir
    Path dir;
    private ListAppender<ILoggingEvent> logs;
    private String sink;

    @BeforeEach
    void captureLogs() {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        sink = UUID.randomUUID().toString();
    }

    @AfterEach
    void release() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private String job(String setting, String reader, String writer) {
        return "{\"job\":{\"setting\":" + setting + ",\"content\":[{"
                + "\"reader\":{\"name\":\"testreader\",\"parameter\":" + reader + "},"
                + "\"writer\":{\"name\":\"testwriter\",\"parameter\":" + writer + "}}]},"
                + "\"core\":{\"dirtyRecord\":{\"path\":\"" + dir.resolve("dirty.jsonl") + "\"}}}";
    }

    private JobOutcome run(String jobText) throws Exception {
        return engine(jobText).run();
    }

    private Engine engine(String jobText) throws Exception {
        Path file = dir.resolve("job.json");
        Files.writeString(file, jobText);
        return new Engine(new Engine.Options(file.toString(), Map.of(), null, 0), PluginRegistry.fromClassPath());
    }

    private String writer(String extra) {
        return "{\"sink\":\"" + sink + "\"" + extra + "}";
    }

    private List<String> messages() {
        return logs.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
    }

    @Test
    void successfulJobWritesEverythingPrintsProgressAndSummary() throws Exception {
        JobOutcome outcome = run(job("{\"speed\":{\"channel\":3}}", "{\"records\":1000}", writer("")));
        assertThat(outcome.exitCode()).isEqualTo(0);
        assertThat(TestPlugins.SINKS.get(sink)).hasSize(3000);
        assertThat(outcome.snapshot().readSucceedRecords()).isEqualTo(3000);
        assertThat(messages()).anyMatch(m -> m.startsWith("Total 3000 records, ") && m.endsWith("| Percentage 100.00%"));
        assertThat(messages()).anyMatch(m -> m.contains("读出记录总数                    :                3000"));
        assertThat(messages()).anyMatch(m -> m.contains("Job set Channel-Number to 3 channels, 3 tasks."));
    }

    @Test
    void dirtyRecordsAboveRecordLimitFailWithFramework14() throws Exception {
        JobOutcome outcome = run(job("{\"speed\":{\"channel\":1},\"errorLimit\":{\"record\":4}}", "{\"records\":100}",
                writer(",\"dirtyIds\":[\"1\",\"3\",\"5\",\"7\",\"9\"]")));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.error()).isInstanceOf(TablesyncException.class);
        assertThat(outcome.error().getMessage()).contains("Code:[Framework-14]")
                .contains("脏数据条数检查不通过，限制是[4]条，但实际上捕获了[5]条.");
        assertThat(messages()).anyMatch(m -> m.contains("经DataX智能分析,该任务最可能的错误原因是:") && m.contains("Framework-14"));
    }

    @Test
    void recordLimitStopsAnEndlessJobPromptly() throws Exception {
        long start = System.nanoTime();
        JobOutcome outcome = run(job("{\"speed\":{\"channel\":1},\"errorLimit\":{\"record\":0}}",
                "{\"forever\":true}", writer(",\"dirtyIds\":[\"10\"]")));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.error().getMessage()).contains("限制是[0]条，但实际上捕获了[1]条");
        // DataX checks every 10 s; an endless reader would otherwise never end. Generous bound for slow CI.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void dirtyRecordsWithinLimitSucceedAndAreWrittenToTheDirtyFileWithSecretsMasked() throws Exception {
        String jobText = job("{\"speed\":{\"channel\":1},\"errorLimit\":{\"record\":5}}", "{\"records\":20}",
                writer(",\"dirtyIds\":[\"1\",\"3\",\"5\",\"7\",\"9\"]")).replace("\"sink\"", "\"accessKey\":\"s3cr3tValue\",\"sink\"");
        JobOutcome outcome = run(jobText);
        assertThat(outcome.exitCode()).isEqualTo(0);
        assertThat(outcome.snapshot().totalErrorRecords()).isEqualTo(5);
        List<String> lines = Files.readAllLines(dir.resolve("dirty.jsonl"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("\"type\":\"writer\"").contains("rejected id 1").contains("\"rawData\":1");
        assertThat(String.join("\n", lines)).doesNotContain("s3cr3tValue");
        assertThat(String.join("\n", messages())).doesNotContain("s3cr3tValue");
        assertThat(messages()).anyMatch(m -> m.contains("脏数据记录文件") && m.contains("dirty.jsonl"));
    }

    @Test
    void percentageLimitIsCheckedAtTheEndOnlyWhenNoRecordLimit() throws Exception {
        String dirty = ",\"dirtyIds\":[\"1\",\"2\",\"3\"]"; // 3 of 10 = 0.3
        assertThat(run(job("{\"speed\":{\"channel\":1},\"errorLimit\":{\"percentage\":0.2}}", "{\"records\":10}",
                writer(dirty))).error().getMessage()).contains("脏数据百分比检查不通过，限制是[0.200000]，但实际上捕获到[0.300000].");
        assertThat(run(job("{\"speed\":{\"channel\":1},\"errorLimit\":{\"percentage\":0.5}}", "{\"records\":10}",
                writer(dirty))).exitCode()).isEqualTo(0);
        // record present: percentage ignored
        assertThat(run(job("{\"speed\":{\"channel\":1},\"errorLimit\":{\"record\":3,\"percentage\":0.01}}",
                "{\"records\":10}", writer(dirty))).exitCode()).isEqualTo(0);
        // no errorLimit: dirty records are never fatal
        assertThat(run(job("{\"speed\":{\"channel\":1}}", "{\"records\":10}", writer(dirty))).exitCode()).isEqualTo(0);
    }

    @Test
    void aReaderFailureFailsTheJobWithExit1() throws Exception {
        JobOutcome outcome = run(job("{\"speed\":{\"channel\":2}}", "{\"records\":1000,\"failAt\":500}", writer("")));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.error()).hasMessageContaining("reader failed on purpose at 500");
    }

    @Test
    void missingPluginIsFramework12NamingIt() throws Exception {
        JobOutcome outcome = run(job("{\"speed\":{\"channel\":1}}", "{}", writer("")).replace("testwriter", "nosuchwriter"));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.error().getMessage()).contains("Framework-12").contains("[nosuchwriter]");
    }

    @Test
    void writerSplitCountMismatchIsFramework15() throws Exception {
        JobOutcome outcome = run(job("{\"speed\":{\"channel\":2}}", "{}", writer(",\"splitOverride\":1")));
        assertThat(outcome.error().getMessage()).contains("Framework-15");
    }

    @Test
    void missingSpeedIsFramework03() throws Exception {
        JobOutcome outcome = run(job("{}", "{}", writer("")));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.error().getMessage()).contains("Framework-03").contains("Job运行速度必须设置");
    }

    @Test
    void unknownParameterKeyIsWarnedWithClosestKnownKey() throws Exception {
        run(job("{\"speed\":{\"channel\":1}}", "{\"record\":5}", writer("")));
        assertThat(messages()).contains("unknown key job.content[0].reader.parameter.record is ignored; did you mean \"records\"?");
    }

    @Test
    void requestStopEndsWithExit143AfterWritingEverythingThatWasRead() throws Exception {
        Engine engine = engine(job("{\"speed\":{\"channel\":2}}", "{\"forever\":true,\"positions\":true}", writer("")));
        CompletableFuture<JobOutcome> f = CompletableFuture.supplyAsync(engine::run);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> TestPlugins.SINKS.getOrDefault(sink, List.of()).size() > 1000);
        engine.requestStop();
        JobOutcome outcome = f.get();
        assertThat(outcome.exitCode()).isEqualTo(143);
        // graceful: every record the readers sent reached the writer, none was dropped in the channel
        assertThat(outcome.snapshot().writeReceivedRecords()).isEqualTo(outcome.snapshot().readSucceedRecords());
        assertThat((long) TestPlugins.SINKS.get(sink).size()).isEqualTo(outcome.snapshot().readSucceedRecords());
    }

    @Test
    void configDumpMasksSecrets() throws Exception {
        run(job("{\"speed\":{\"channel\":1}}", "{\"records\":1}", writer(",\"password\":\"hunter2hunter2\"")));
        String all = String.join("\n", messages());
        assertThat(all).contains("\"password\" : \"********\"").doesNotContain("hunter2hunter2");
    }

    @Test
    void pluginCountersArePrintedInTheSummaryWhenNonZero() throws Exception {
        JobOutcome outcome = run(job("{\"speed\":{\"channel\":2}}", "{\"records\":7}",
                writer(",\"countAs\":\"records seen by the test writer\"")));
        assertThat(outcome.exitCode()).isEqualTo(0);
        assertThat(messages()).anyMatch(m -> m.contains("\nrecords seen by the test writer:                  14\n"));
        // a clean run adds no line: the seven DataX lines stay byte-compatible
        run(job("{\"speed\":{\"channel\":1}}", "{\"records\":1}", writer("")));
        String last = messages().stream().filter(m -> m.contains("读写失败总数")).reduce((a, b) -> b).orElseThrow();
        assertThat(last).endsWith("读写失败总数                    :                   0\n");
    }

    @Test
    void aReaderThatIgnoresTheStopIsAbortedAfterTheGracePeriod() throws Exception {
        String jobText = job("{\"speed\":{\"channel\":1}}", "{\"forever\":true,\"ignoreStop\":true}", writer(""))
                .replace("\"core\":{", "\"core\":{\"container\":{\"job\":{\"stopGraceMillis\":500}},");
        Engine engine = engine(jobText);
        CompletableFuture<JobOutcome> f = CompletableFuture.supplyAsync(engine::run);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> TestPlugins.SINKS.getOrDefault(sink, List.of()).size() > 100);
        engine.requestStop();
        JobOutcome outcome = f.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(outcome.exitCode()).isEqualTo(143);
        assertThat(messages()).anyMatch(m -> m.contains("did not stop within core.container.job.stopGraceMillis = 500 ms"));
    }

    @Test
    void unknownKeysAtJobSettingAndContentLevelAreWarnedWithTheClosestKey() throws Exception {
        String jobText = job("{\"speed\":{\"channel\":1},\"errorlimit\":{\"record\":0}}", "{\"records\":1}", writer(""))
                .replace("\"content\":[{", "\"contents\":1,\"content\":[{\"transformers\":[],");
        assertThat(run(jobText).exitCode()).isEqualTo(0);
        assertThat(messages()).contains("unknown key job.setting.errorlimit is ignored; did you mean \"errorLimit\"?",
                "unknown key job.contents is ignored; did you mean \"content\"?",
                "unknown key job.content[0].transformers is ignored; did you mean \"transformer\"?");
    }

    @Test
    void bothPluginsAreValidatedBeforeEitherInits() throws Exception {
        JobOutcome outcome = run(job("{\"speed\":{\"channel\":1}}", "{\"records\":1}", writer(",\"invalid\":true")));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(outcome.error()).hasMessageContaining("job.content[0].writer.parameter.invalid is not allowed");
        assertThat(TestPlugins.READER_INITS).doesNotContain(sink);
    }

    @Test
    void aStopDuringInitEndsTheJobAtOnceWithExit143() throws Exception {
        Engine engine = engine(job("{\"speed\":{\"channel\":1}}", "{\"records\":1,\"initSleepMillis\":60000}", writer("")));
        CompletableFuture<JobOutcome> f = CompletableFuture.supplyAsync(engine::run);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> TestPlugins.READER_INITS.contains(sink));
        assertThat(engine.nothingInFlight()).isTrue();
        long stopAt = System.nanoTime();
        engine.requestStop();
        JobOutcome outcome = f.get();
        assertThat(outcome.exitCode()).isEqualTo(143);
        assertThat(Duration.ofNanos(System.nanoTime() - stopAt)).isLessThan(Duration.ofSeconds(2));
        assertThat(TestPlugins.SINKS.get(sink)).isNull();
    }

    @Test
    void aFailedJobStillPrintsWhereItsDirtyRecordsWent() throws Exception {
        JobOutcome outcome = run(job("{\"speed\":{\"channel\":1},\"errorLimit\":{\"record\":1}}", "{\"records\":10}",
                writer(",\"dirtyIds\":[\"1\",\"3\"]")));
        assertThat(outcome.exitCode()).isEqualTo(1);
        assertThat(messages()).anyMatch(m -> m.contains("dirty records were written to ") && m.contains("dirty.jsonl"));
    }

    @Test
    void credentialsInUrlsAndMisspeltSecretKeysAreMaskedAndTheDumpIsCapped() throws Exception {
        String big = "x".repeat(100_000);
        run(job("{\"speed\":{\"channel\":1}}", "{\"records\":1}", writer(",\"endpoint\":\"http://elastic:pa55word@es:9200\","
                + "\"pasword\":\"typo-secret-1\",\"passwd\":\"typo-secret-2\",\"note\":\"" + big + "\"")));
        String all = String.join("\n", messages());
        assertThat(all).doesNotContain("pa55word").doesNotContain("typo-secret-1").doesNotContain("typo-secret-2")
                .contains("http://********@es:9200");
        String dump = messages().stream().filter(m -> m.contains("\"job\" :")).findFirst().orElseThrow();
        assertThat(dump.length()).isLessThan(70 * 1024);
        assertThat(dump).containsPattern("… \\d+ bytes more");
    }

    @Test
    void zeroChannelsNamesTheKey() throws Exception {
        JobOutcome outcome = run(job("{\"speed\":{\"channel\":0}}", "{}", writer("")));
        assertThat(outcome.error().getMessage()).contains("Framework-03").contains("configuration error")
                .contains("Job运行速度必须设置").contains("job.setting.speed.channel is 0");
    }
}
