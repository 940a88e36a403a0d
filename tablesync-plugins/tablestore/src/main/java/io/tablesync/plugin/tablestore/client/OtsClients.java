package io.tablesync.plugin.tablestore.client;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.plugin.tablestore.stream.StreamReaderConfig;

/** Builds the SDK client with the settings DataX uses, and with {@code maxRetries} really applied. */
public final class OtsClients {
    private static final int TIMEOUT_MILLIS = 50_000;

    private OtsClients() {
    }

    public static SyncClient create(StreamReaderConfig c, int ioThreads) {
        ClientConfiguration cc = new ClientConfiguration();
        cc.setConnectionTimeoutInMillisecond(TIMEOUT_MILLIS);
        cc.setSocketTimeoutInMillisecond(TIMEOUT_MILLIS);
        cc.setIoThreadCount(Math.max(1, ioThreads));
        cc.setMaxConnections(30);
        cc.setRetryStrategy(new StreamReaderRetryStrategy(c.maxRetries()));
        return new SyncClient(c.endpoint(), c.accessId(), c.accessKey(), c.instanceName(), cc);
    }
}
