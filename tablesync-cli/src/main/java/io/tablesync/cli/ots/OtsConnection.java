package io.tablesync.cli.ots;

import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.core.TablesyncException;
import io.tablesync.plugin.tablestore.client.OtsClients;
import io.tablesync.plugin.tablestore.client.OtsEndpoint;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Where the {@code ots} commands connect: tablestore-local's defaults unless told otherwise, so the
 * README's walk-through needs no options. The secret can come from the environment instead of the
 * command line (which other users of the machine can see).
 */
final class OtsConnection {
    @Option(names = "--endpoint", defaultValue = "${env:TABLESYNC_OTS_ENDPOINT:-http://127.0.0.1:8600}",
            description = "Tablestore endpoint (default: ${DEFAULT-VALUE}, tablestore-local; env TABLESYNC_OTS_ENDPOINT).")
    String endpoint;

    @Option(names = "--instance", defaultValue = "${env:TABLESYNC_OTS_INSTANCE:-tablesync}",
            description = "Instance name (default: ${DEFAULT-VALUE}; env TABLESYNC_OTS_INSTANCE).")
    String instance;

    @Option(names = "--access-key-id", defaultValue = "${env:TABLESYNC_OTS_ACCESS_KEY_ID:-tablesync-local-id}",
            description = "AccessKeyId (default: ${DEFAULT-VALUE}; env TABLESYNC_OTS_ACCESS_KEY_ID).")
    String accessKeyId;

    @Option(names = "--access-key-secret", defaultValue = "${env:TABLESYNC_OTS_ACCESS_KEY_SECRET:-tablesync-local-secret}",
            description = "AccessKeySecret (default: tablestore-local's; env TABLESYNC_OTS_ACCESS_KEY_SECRET). Never printed.")
    String accessKeySecret;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait up to SECONDS for the endpoint to accept connections (e.g. right after starting tablestore-local).")
    int waitSeconds;

    String checkedEndpoint() {
        io.tablesync.core.config.SecretMasker.register(List.of(accessKeySecret));
        return OtsEndpoint.check(endpoint, "--endpoint");
    }

    SyncClient client() {
        String e = checkedEndpoint();
        long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
        while (true) {
            try {
                OtsEndpoint.probe(e);
                break;
            } catch (TablesyncException ex) {
                if (System.currentTimeMillis() >= deadline) {
                    throw ex;
                }
                sleep();
            }
        }
        return OtsClients.create(e, accessKeyId, accessKeySecret, instance, 1, 3);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ie);
        }
    }
}
