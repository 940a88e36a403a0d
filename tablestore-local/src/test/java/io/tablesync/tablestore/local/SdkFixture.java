package io.tablesync.tablestore.local;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.CreateTableRequest;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder;
import com.alicloud.openservices.tablestore.model.PrimaryKeyType;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.StreamSpecification;
import com.alicloud.openservices.tablestore.model.TableMeta;
import com.alicloud.openservices.tablestore.model.TableOptions;
import io.tablesync.tablestore.local.client.UnsentRequestRetryStrategy;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Shared helpers for tests that drive the official SDK against a running tablestore-local. */
final class SdkFixture {

    private static final AtomicInteger TABLE_NO = new AtomicInteger();

    private SdkFixture() {
    }

    static ClientConfiguration config() {
        ClientConfiguration cfg = new ClientConfiguration();
        // Short retry budget: a server bug must fail a test quickly, not after the SDK's 10 s of retries.
        cfg.setRetryStrategy(new UnsentRequestRetryStrategy(2, TimeUnit.SECONDS));
        return cfg;
    }

    static SyncClient syncClient(TablestoreLocal server) {
        return new SyncClient(server.endpoint(), server.accessKeyId(), server.accessKeySecret(), server.instance(),
                config());
    }

    static AsyncClient asyncClient(TablestoreLocal server) {
        return new AsyncClient(server.endpoint(), server.accessKeyId(), server.accessKeySecret(), server.instance(),
                config());
    }

    /** The service error a call fails with (fails the test when it succeeds or fails otherwise). */
    static TableStoreException otsError(Runnable call) {
        try {
            call.run();
        } catch (TableStoreException e) {
            return e;
        }
        throw new AssertionError("expected a TableStoreException");
    }

    /** Asserts the service's code, HTTP status and exact message. */
    static void assertOtsError(Runnable call, String code, int status, String message) {
        TableStoreException e = otsError(call);
        org.assertj.core.api.Assertions.assertThat(e.getErrorCode() + " " + e.getHttpStatus() + " " + e.getMessage())
                .isEqualTo(code + " " + status + " " + message);
    }

    static String uniqueTable(String prefix) {
        return prefix + "_" + TABLE_NO.incrementAndGet();
    }

    /** Table with PK (pk STRING, n INTEGER), max versions as given, optional stream. */
    static void createTable(SyncClient c, String name, int maxVersions, boolean stream) {
        TableMeta meta = new TableMeta(name);
        meta.addPrimaryKeyColumn("pk", PrimaryKeyType.STRING);
        meta.addPrimaryKeyColumn("n", PrimaryKeyType.INTEGER);
        CreateTableRequest req = new CreateTableRequest(meta, new TableOptions(-1, maxVersions));
        if (stream) {
            req.setStreamSpecification(new StreamSpecification(true, 24));
        }
        c.createTable(req);
    }

    static PrimaryKey pk(String s, long n) {
        return PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("pk", PrimaryKeyValue.fromString(s))
                .addPrimaryKeyColumn("n", PrimaryKeyValue.fromLong(n))
                .build();
    }
}
