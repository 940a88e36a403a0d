package io.tablesync.plugin.tablestore.client;

import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.plugin.tablestore.stream.StreamReaderConfig;

/** Builds the SDK client with the settings DataX uses, and with {@code maxRetries} really applied. */
public final class OtsClients {
    private static final int TIMEOUT_MILLIS = 50_000;
    /** Connecting takes milliseconds when the endpoint is up; DataX's 50 s made a down endpoint look like a hang. */
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private OtsClients() {
    }

    public static SyncClient create(StreamReaderConfig c, int ioThreads) {
        return create(c.endpoint(), c.accessId(), c.accessKey(), c.instanceName(), ioThreads, c.maxRetries());
    }

    /** A client for any endpoint (the {@code ots} command uses this too); the endpoint must have passed {@link OtsEndpoint#check}. */
    public static SyncClient create(String endpoint, String accessId, String accessKey, String instance, int ioThreads,
            int maxRetries) {
        ClientConfiguration cc = new ClientConfiguration();
        cc.setConnectionTimeoutInMillisecond(CONNECT_TIMEOUT_MILLIS);
        cc.setSocketTimeoutInMillisecond(TIMEOUT_MILLIS);
        cc.setIoThreadCount(Math.max(1, ioThreads));
        cc.setMaxConnections(30);
        cc.setRetryStrategy(new StreamReaderRetryStrategy(maxRetries));
        return new SyncClient(endpoint, accessId, accessKey, instance, cc);
    }
}
