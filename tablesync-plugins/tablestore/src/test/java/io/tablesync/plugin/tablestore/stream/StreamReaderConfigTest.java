package io.tablesync.plugin.tablestore.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import java.text.SimpleDateFormat;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every parameter of research/datax.md §3.1 with DataX's messages (plus the full key name). */
class StreamReaderConfigTest {
    private static final String PREFIX = "job.content[0].reader.parameter";
    private TimeZone savedZone;

    @BeforeEach
    void zone() {
        savedZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("GMT+8"));
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(savedZone);
        System.clearProperty(TimeWindow.BEFORE_OFFSET_PROPERTY);
        System.clearProperty(TimeWindow.AFTER_OFFSET_PROPERTY);
    }

    private static Configuration base() {
        Configuration c = Configuration.fromJson("{\"endpoint\": \" http://h:1 \", \"accessId\": \" id \","
                + " \"accessKey\": \"s3cr3t-value\", \"instanceName\": \"inst\", \"dataTable\": \"t\","
                + " \"statusTable\": \"st\", \"startTimestampMillis\": 1000, \"endTimestampMillis\": \"2000\"}");
        return Configuration.of(c.node(), PREFIX);
    }

    private static TablesyncException fails(Configuration c) {
        try {
            StreamReaderConfig.load(c);
        } catch (TablesyncException e) {
            assertThat(e.errorCode().code()).isEqualTo("OTSStreamReaderError");
            assertThat(e.isUserError()).isTrue();
            return e;
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void defaultsAndTrimming() {
        StreamReaderConfig c = StreamReaderConfig.load(base());
        assertThat(c.endpoint()).isEqualTo("http://h:1");
        assertThat(c.accessId()).isEqualTo("id");
        assertThat(c.window()).isEqualTo(new TimeWindow(1000, 2000));
        assertThat(c.mode()).isEqualTo(ReadMode.MULTI_VERSION);
        assertThat(c.maxRetries()).isEqualTo(30);
        assertThat(c.threadNum()).isEqualTo(32);
        assertThat(c.exportSequenceInfo()).isFalse();
        assertThat(c.enableSeekIterator()).isFalse();
        assertThat(c.confSimplifyEnable()).isFalse();
        assertThat(c.deleteMode()).isEqualTo(DeleteMode.PROPAGATE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"endpoint", "accessId", "accessKey", "instanceName", "dataTable", "statusTable"})
    void requiredKeys(String key) {
        Configuration missing = base().remove(key);
        assertThat(fails(missing).getMessage()).contains("missing the key.").contains(PREFIX + "." + key);
        Configuration blank = base().set(key, "   ");
        assertThat(fails(blank).getMessage()).contains("input the key is empty string.").contains(PREFIX + "." + key);
    }

    @Test
    void windowMustBeGiven() {
        String msg = "Must set date or time range millis or time range string, please check your config.";
        assertThat(fails(base().remove("startTimestampMillis").remove("endTimestampMillis")).getMessage()).contains(msg);
        assertThat(fails(base().remove("endTimestampMillis")).getMessage()).contains(msg);
        assertThat(fails(base().remove("startTimestampMillis")).getMessage()).contains(msg);
        assertThat(fails(base().remove("endTimestampMillis").set("startTimeString", "20240101000000")).getMessage())
                .contains(msg);
    }

    @Test
    void windowStylesCannotBeMixed() {
        assertThat(fails(base().set("date", "20240101").set("startTimeString", "20240101000000")).getMessage())
                .contains("Can't set date and time range millis and time range string, please check your config.");
        assertThat(fails(base().set("date", "20240101")).getMessage())
                .contains("Can't set date and time range both, please check your config.");
        Configuration dateAndStrings = base().remove("startTimestampMillis").remove("endTimestampMillis")
                .set("date", "20240101").set("endTimeString", "20240101000000");
        assertThat(fails(dateAndStrings).getMessage())
                .contains("Can't set date and time range string both, please check your config.");
        Configuration millisAndStrings = base().remove("endTimestampMillis").set("startTimeString", "20240101000000")
                .set("endTimeString", "20240102000000");
        assertThat(fails(millisAndStrings).getMessage())
                .contains("Can't set time range millis and time range string both, expect timestamp like '1516010400000'.");
    }

    @Test
    void dateIsOneDayInTheDefaultZone() throws Exception {
        Configuration c = base().remove("startTimestampMillis").remove("endTimestampMillis").set("date", "20240101");
        StreamReaderConfig cfg = StreamReaderConfig.load(c);
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd HH:mm Z");
        assertThat(cfg.window().startMillis()).isEqualTo(f.parse("2024-01-01 00:00 +0800").getTime());
        assertThat(cfg.window().endMillis() - cfg.window().startMillis()).isEqualTo(24 * 3600 * 1000L);
        assertThat(fails(c.set("date", "2024-01-01")).getMessage()).contains("Can't parse date: 2024-01-01");
    }

    @Test
    void timeStrings() throws Exception {
        Configuration c = base().remove("startTimestampMillis").remove("endTimestampMillis")
                .set("startTimeString", "20240101080000").set("endTimeString", "20240101090000");
        StreamReaderConfig cfg = StreamReaderConfig.load(c);
        SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd HH:mm Z");
        assertThat(cfg.window()).isEqualTo(new TimeWindow(f.parse("2024-01-01 08:00 +0800").getTime(),
                f.parse("2024-01-01 09:00 +0800").getTime()));
        assertThat(fails(c.copy().set("startTimeString", "202401010800")).getMessage())
                .contains("Can't parse startTimeString: 202401010800, expect format date like '201801151612'.");
        assertThat(fails(c.copy().set("endTimeString", "x")).getMessage())
                .contains("Can't parse endTimeString: x, expect format date like '201801151612'.");
    }

    @Test
    void endMustBeAfterStart() {
        assertThat(fails(base().set("endTimestampMillis", 1000)).getMessage())
                .contains("EndTimestamp must be larger than startTimestamp.");
        assertThat(fails(base().set("startTimestampMillis", "abc")).getMessage())
                .contains(PREFIX + ".startTimestampMillis must be an integer");
    }

    @Test
    void modes() {
        assertThat(StreamReaderConfig.load(base().set("mode", "multi_version")).mode()).isEqualTo(ReadMode.MULTI_VERSION);
        StreamReaderConfig single = StreamReaderConfig.load(base().set("mode", "Single_Version_And_Update_Only")
                .set("column", java.util.List.of(java.util.Map.of("name", "id"), java.util.Map.of("name", "a"))));
        assertThat(single.mode()).isEqualTo(ReadMode.SINGLE_VERSION_AND_UPDATE_ONLY);
        assertThat(single.columns()).containsExactly("id", "a");
        assertThat(fails(base().set("mode", "latest")).getMessage())
                .contains("Unsupported Mode: latest, please check your config.");
        assertThat(fails(base().set("mode", "single_version_and_update_only").set("column", java.util.List.of("id")))
                .getMessage()).contains("The item of column must be map object").contains(PREFIX + ".column[0]");
        // Multi-version mode ignores column (DataX warns), it does not fail.
        assertThat(StreamReaderConfig.load(base().set("column", java.util.List.of("id"))).columns()).isEmpty();
    }

    @Test
    void numbersFlagsAndDeleteMode() {
        StreamReaderConfig c = StreamReaderConfig.load(base().set("maxRetries", "3").set("threadNum", 4)
                .set("isExportSequenceInfo", true).set("enableSeekIterator", "true").set("confSimplifyEnable", true)
                .set("deleteMode", "IGNORE"));
        assertThat(c.maxRetries()).isEqualTo(3);
        assertThat(c.threadNum()).isEqualTo(4);
        assertThat(c.exportSequenceInfo()).isTrue();
        assertThat(c.enableSeekIterator()).isTrue();
        assertThat(c.confSimplifyEnable()).isTrue();
        assertThat(c.deleteMode()).isEqualTo(DeleteMode.IGNORE);
        assertThat(fails(base().set("threadNum", 0)).getMessage()).contains(PREFIX + ".threadNum must be at least 1");
        assertThat(fails(base().set("maxRetries", -1)).getMessage()).contains(PREFIX + ".maxRetries");
        assertThat(fails(base().set("deleteMode", "drop")).getMessage()).contains(PREFIX + ".deleteMode");
        assertThat(fails(base().set("isExportSequenceInfo", "yes")).getMessage())
                .contains(PREFIX + ".isExportSequenceInfo must be true or false");
    }

    @Test
    void streamRecordLimitAsksForPagesOfAThousandUnlessSet() {
        assertThat(StreamReaderConfig.load(base()).streamRecordLimit()).isEqualTo(1000);
        assertThat(StreamReaderConfig.load(base().set("streamRecordLimit", 250)).streamRecordLimit()).isEqualTo(250);
        assertThat(fails(base().set("streamRecordLimit", 0)).getMessage())
                .contains(PREFIX + ".streamRecordLimit must be at least 1, but is 0");
        assertThat(fails(base().set("streamRecordLimit", "many")).getMessage()).contains(PREFIX + ".streamRecordLimit");
    }

    @Test
    void secretIsNeverPrinted() {
        assertThat(StreamReaderConfig.load(base()).toString()).doesNotContain("s3cr3t-value").contains("******");
    }

    @Test
    void windowChecksAgainstClockWithOverrides() {
        long now = 100L * 24 * 3600 * 1000;
        long hour = 3600 * 1000L;
        // 24 h retention: start must be >= now - 24h + 10 min; end <= now - 5 min.
        new TimeWindow(now - 24 * hour + 10 * 60_000, now - 5 * 60_000).checkAgainstClock(now, 24);
        assertThatThrownBy(() -> new TimeWindow(now - 24 * hour + 10 * 60_000 - 1, now - 5 * 60_000)
                .checkAgainstClock(now, 24))
                .hasMessageContaining("As expiration time is 86400000, so the start timestamp must greater than ")
                .hasMessageContaining("(" + (now - 24 * hour + 10 * 60_000) + ")");
        assertThatThrownBy(() -> new TimeWindow(now - hour, now - 5 * 60_000 + 1).checkAgainstClock(now, 24))
                .hasMessageContaining("To avoid timing error between different machines, the end timestamp must smaller than ")
                .hasMessageContaining("(" + (now - 5 * 60_000) + ")");
        System.setProperty(TimeWindow.AFTER_OFFSET_PROPERTY, "60000");
        new TimeWindow(now - hour, now - 60_000).checkAgainstClock(now, 24);
        System.setProperty(TimeWindow.BEFORE_OFFSET_PROPERTY, "0");
        new TimeWindow(now - 24 * hour, now - 60_000).checkAgainstClock(now, 24);
    }
}
