package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import io.tablesync.core.engine.JobOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A single-version job whose columns match nothing of the table ("pk" for a key named id/n) used to
 * drop every change, write its checkpoints and print "Total 0 records" without a word.
 */
class NoSilentNoOpTest {
    @Test
    void columnsThatMatchNoKeyAndNoChangeAreWarnedAboutLoudly() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try (OtsFixture ots = new OtsFixture(1)) {
            String table = ots.createTable(true);
            long start = OtsFixture.nowAfterWrites();
            ots.put(table, "a", 1, Map.of("name", ColumnValue.fromString("x")));
            long end = OtsFixture.nowAfterWrites();
            Map<String, Object> reader = ots.reader(table, OtsFixture.unique("st"), start, end);
            reader.put("mode", "single_version_and_update_only");
            reader.put("column", List.of(Map.of("name", "pk")));
            JobOutcome o = ots.runToCapture(reader, OtsFixture.unique("sink"), 1, -1);
            assertThat(o.exitCode()).isEqualTo(0);
            assertThat(o.snapshot().readSucceedRecords()).isZero();
            List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).collect(Collectors.toList());
            assertThat(warnings).anyMatch(m -> m.contains("none of the configured columns [pk] is a primary key column of table "
                    + table + " (its primary key is [id, n])"));
            assertThat(warnings).anyMatch(m -> m.contains("carries none of the configured columns [pk]") && m.contains("are dropped"));
        } finally {
            root.detachAppender(logs);
        }
    }
}
