package io.tablesync.plugin.tablestore;

import static org.assertj.core.api.Assertions.assertThat;

import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.engine.JobOutcome;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a user sees when the table, the stream, the window, the status table or the credentials are wrong. */
class ErrorMessagesTest {
    static OtsFixture ots;
    static String table;
    static long end;

    @BeforeAll
    static void start() {
        ots = new OtsFixture(1);
        table = ots.createTable(true);
        end = OtsFixture.nowAfterWrites();
    }

    @AfterAll
    static void stop() {
        ots.close();
    }

    private static TablesyncException fails(Map<String, Object> reader) {
        JobOutcome o = ots.runToCapture(reader, OtsFixture.unique("sink"), 1, -1);
        assertThat(o.status()).isEqualTo(JobOutcome.Status.FAILED);
        assertThat(o.error()).isInstanceOf(TablesyncException.class);
        TablesyncException e = (TablesyncException) o.error();
        assertThat(e.isUserError()).as(e.getMessage()).isTrue();
        assertThat(e.getMessage()).doesNotContain(ots.server.accessKeySecret());
        return e;
    }

    @Test
    void missingTable() {
        TablesyncException e = fails(ots.reader("nosuchtable", "st", end - 1000, end));
        assertThat(e.getMessage()).contains("The data table is not exist.").contains("nosuchtable");
        assertThat(e.errorCode().code()).isEqualTo("OTSStreamReaderError");
    }

    @Test
    void streamDisabled() {
        String plain = ots.createTable(false);
        assertThat(fails(ots.reader(plain, "st", end - 1000, end)).getMessage())
                .contains("The stream of data table is not enabled.");
    }

    @Test
    void windowOutsideRetention() {
        long now = System.currentTimeMillis();
        assertThat(fails(ots.reader(table, "st", now - 25 * 3600_000L, end)).getMessage())
                .contains("As expiration time is 86400000, so the start timestamp must greater than");
    }

    @Test
    void endTooCloseToNow() {
        System.setProperty("AFTER_OFFSET_TIME_MILLIS", "300000");
        try {
            assertThat(fails(ots.reader(table, "st", end - 1000, end)).getMessage())
                    .contains("To avoid timing error between different machines, the end timestamp must smaller than");
        } finally {
            System.setProperty("AFTER_OFFSET_TIME_MILLIS", "0");
        }
    }

    @Test
    void statusTableWithWrongSchema() {
        String bad = OtsFixture.unique("badstatus");
        TableMeta meta = new TableMeta(bad);
        meta.addPrimaryKeyColumn("StreamId", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("Other", PrimaryKeyType.INTEGER);
        ots.client.createTable(new CreateTableRequest(meta, new TableOptions(-1, 1)));
        assertThat(fails(ots.reader(table, bad, end - 1000, end)).getMessage())
                .contains("Unexpected table meta in status table, please check your config.")
                .contains("StreamId STRING, Other INTEGER");
    }

    @Test
    void badCredentials() {
        Map<String, Object> reader = ots.reader(table, "st", end - 1000, end);
        reader.put("accessKey", "not-the-secret-" + System.nanoTime());
        TablesyncException e = fails(reader);
        assertThat(e.errorCode().code()).isEqualTo("OTSAuthFailed");
        assertThat(e.getMessage()).contains("rejected the credentials").doesNotContain((String) reader.get("accessKey"));
    }

    @Test
    void maxRetriesIsHonoured() {
        Map<String, Object> reader = ots.reader(table, "st", end - 1000, end);
        reader.put("endpoint", "http://127.0.0.1:1");
        reader.put("maxRetries", 1);
        long t = System.nanoTime();
        assertThat(fails(reader).getMessage()).contains("Cannot reach Tablestore");
        // DataX ignores maxRetries and keeps retrying for a minute; one retry takes well under 10 s.
        assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void anUnreachableEndpointFailsWithinAboutTenSecondsNamingEndpointAndCause() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, Object> reader = ots.reader(table, "st", end - 1000, end);
        reader.put("endpoint", "http://127.0.0.1:" + port); // default maxRetries (30)
        long t = System.nanoTime();
        String message = fails(reader).getMessage();
        assertThat(message).contains("Cannot reach Tablestore at http://127.0.0.1:" + port).contains("connection refused")
                .doesNotContain("Wait future timeout");
        assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(15_000);
    }

    @Test
    void tlsAgainstAPlainHttpServerIsNotRetried() {
        Map<String, Object> reader = ots.reader(table, "st", end - 1000, end);
        reader.put("endpoint", ots.server.endpoint().replace("http://", "https://"));
        long t = System.nanoTime();
        assertThat(fails(reader).getMessage()).contains("TLS error");
        // tablestore-local never answers a TLS hello: the handshake limit (10 s) ends it, not a minute of retries
        assertThat((System.nanoTime() - t) / 1_000_000).isLessThan(15_000);
    }

    @Test
    void endpointMistakesAreConfigurationErrorsWithoutStackTraces() {
        Map<String, Object> reader = ots.reader(table, "st", end - 1000, end);
        reader.put("endpoint", "127.0.0.1:8600");
        assertThat(fails(reader).getMessage()).contains("job.content[0].reader.parameter.endpoint \"127.0.0.1:8600\" has no scheme");
        reader.put("endpoint", "http://myid:TopSecret99@127.0.0.1:8600");
        String m = fails(reader).getMessage();
        assertThat(m).contains("contains credentials").contains("http://********@127.0.0.1:8600").doesNotContain("TopSecret99");
    }

    @Test
    void singleVersionModeWithoutColumnsIsAnError() {
        Map<String, Object> reader = ots.reader(table, "st", end - 1000, end);
        reader.put("mode", "single_version_and_update_only");
        reader.remove("column");
        assertThat(fails(reader).getMessage()).contains("job.content[0].reader.parameter.column is missing");
        reader.put("column", java.util.List.of());
        assertThat(fails(reader).getMessage()).contains("job.content[0].reader.parameter.column is empty");
    }
}
