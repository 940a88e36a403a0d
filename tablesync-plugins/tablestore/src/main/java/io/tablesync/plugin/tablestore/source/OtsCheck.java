package io.tablesync.plugin.tablestore.source;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.DescribeTableResponse;
import com.alicloud.openservices.tablestore.model.StreamDetails;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.check.Checklist;
import io.tablesync.core.config.Configuration;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import io.tablesync.plugin.tablestore.client.OtsClients;
import io.tablesync.plugin.tablestore.client.OtsEndpoint;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import io.tablesync.plugin.tablestore.stream.StreamReaderConfig;
import java.time.Instant;

/**
 * otsstreamreader's part of {@code tablesync check}: the parameters as {@code sync} reads them, then
 * DescribeTable of the data table (reachable, credentials, table, stream and its retention) and of
 * the status table (exists with DataX's key, or is missing and would be created). Only Describe
 * calls: nothing is created or written.
 */
public final class OtsCheck {
    /**
     * Below this the stream keeps changes too briefly to sync safely: /health warns when the oldest unwritten
     * change is within 6 h (its default headroom) of being trimmed, and an outage must be noticed and fixed
     * before that happens.
     */
    static final int MIN_RETENTION_HOURS = 12;

    private OtsCheck() {
    }

    public static void check(Configuration parameter, Checklist out) {
        StreamReaderConfig config;
        try {
            config = StreamReaderConfig.loadContinuous(parameter);
        } catch (TablesyncException e) {
            out.fail("reader parameters", e.detail(), "correct job.content[0].reader.parameter as the message says");
            return;
        }
        out.pass("reader parameters", "valid (table " + config.dataTable() + ", instance " + config.instanceName() + ")");
        try {
            OtsEndpoint.probe(config.endpoint());
        } catch (TablesyncException e) {
            out.fail("Tablestore reachable", e.detail(), "check reader.endpoint (scheme, host, port), DNS and firewalls"
                    + " between this machine and Tablestore");
            return;
        }
        out.pass("Tablestore reachable", config.endpoint());
        // no retries: a probe answers what is true now, and an auth failure would only be repeated
        SyncClient client = OtsClients.create(config.endpoint(), config.accessId(), config.accessKey(), config.instanceName(), 1, 0);
        try {
            probeTables(config, client, out);
        } finally {
            client.shutdown();
        }
    }

    private static void probeTables(StreamReaderConfig config, SyncClient client, Checklist out) {
        DescribeTableResponse table = null;
        try {
            table = client.describeTable(new DescribeTableRequest(config.dataTable()));
        } catch (TableStoreException e) {
            if (!credentialsAccepted(config, e, out)) {
                return;
            }
            if (!"OTSObjectNotExist".equals(e.getErrorCode())) {
                out.fail("table " + config.dataTable(), OtsErrors.translate(e, "describing table " + config.dataTable()).detail(),
                        "see the Tablestore error above");
                return;
            }
        } catch (RuntimeException e) {
            out.fail("Tablestore answers", OtsErrors.translate(e, "describing table " + config.dataTable(), config.endpoint()).detail(),
                    "check that reader.endpoint is a Tablestore endpoint and the network lets its answers through");
            return;
        }
        if (table != null) {
            out.pass("Tablestore credentials", "accepted for instance " + config.instanceName() + " (accessId " + config.accessId() + ")");
        }
        if (table == null) {
            out.fail("table " + config.dataTable(), "does not exist in instance " + config.instanceName(),
                    "correct reader.dataTable (names are case-sensitive), or create the table with a stream");
        } else {
            out.pass("table " + config.dataTable(), "exists");
            stream(config, table.getStreamDetails(), out);
        }
        statusTable(config, client, out);
    }

    /** False (with the failed item) when the failure is about the credentials or the instance. */
    private static boolean credentialsAccepted(StreamReaderConfig config, TableStoreException e, Checklist out) {
        String code = e.getErrorCode();
        if ("OTSAuthFailed".equals(code) || "OTSInvalidAccessKeyId".equals(code) || "OTSSignatureNotMatch".equals(code)) {
            out.fail("Tablestore credentials", "rejected: " + e.getMessage() + " (code " + code + ")",
                    "check reader.accessId, reader.accessKey (or the variable/file it references) and reader.instanceName");
            return false;
        }
        if ("OTSNoPermissionAccess".equals(code)) {
            out.fail("Tablestore credentials", "accepted, but not allowed to describe table " + config.dataTable() + ": "
                    + e.getMessage(), "grant the access key DescribeTable, ListStream, DescribeStream, GetShardIterator,"
                    + " GetStreamRecord on the table and GetRow, PutRow, UpdateRow, GetRange, CreateTable, DescribeTable"
                    + " on the status table");
            return false;
        }
        out.pass("Tablestore credentials", "accepted for instance " + config.instanceName() + " (accessId " + config.accessId() + ")");
        return true;
    }

    private static void stream(StreamReaderConfig config, StreamDetails d, Checklist out) {
        String subject = "stream of " + config.dataTable();
        if (d == null || !d.isEnableStream()) {
            out.fail(subject, "not enabled", "enable Stream on the table (UpdateTable with StreamSpecification(true, 168),"
                    + " or the console's Tunnel/Stream tab); sync reads its changes from there");
            return;
        }
        int hours = d.getExpirationTime();
        if (hours < MIN_RETENTION_HOURS) {
            out.fail(subject, "enabled, but it keeps changes for " + hours + " h only", "raise the stream's expiration to at"
                    + " least " + MIN_RETENTION_HOURS + " h (UpdateTable with StreamSpecification(true, 24..168)): an outage"
                    + " longer than the retention loses changes");
            return;
        }
        long earliest = System.currentTimeMillis() - hours * 3_600_000L;
        if (config.window().hasStart() && config.window().startMillis() < earliest) {
            out.fail(subject, "keeps changes for " + hours + " h, but the job starts at "
                    + Instant.ofEpochMilli(config.window().startMillis()) + ", before the oldest retained change",
                    "start later (startTimestampMillis after " + Instant.ofEpochMilli(earliest) + ") or copy the table"
                    + " first with `sync --snapshot`");
            return;
        }
        out.pass(subject, "enabled, keeps changes for " + hours + " h");
    }

    private static void statusTable(StreamReaderConfig config, SyncClient client, Checklist out) {
        String subject = "status table " + config.statusTable();
        StatusTable status = new StatusTable(client, config.statusTable());
        try {
            String problem = status.unusableReason();
            if (problem != null) {
                out.fail(subject, "exists but cannot hold checkpoints: " + problem,
                        "point reader.statusTable at another name (sync creates it) or drop this table");
            } else if (status.exists()) {
                out.pass(subject, "exists with DataX's key (checkpoints and the lease go there)");
            } else {
                out.pass(subject, "does not exist yet: sync creates it on its first start (the access key needs CreateTable)");
            }
        } catch (TablesyncException e) {
            out.fail(subject, e.detail(), "grant the access key DescribeTable on the status table");
        }
    }
}
