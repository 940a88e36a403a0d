package io.tablesync.testkit.tablestore;

import com.alicloud.openservices.tablestore.AsyncClient;
import com.alicloud.openservices.tablestore.ClientConfiguration;
import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.DefaultRetryStrategy;
import io.tablesync.tablestore.local.client.UnsentRequestRetryStrategy;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * In-process tablestore-local for tests of other modules: a real HTTP server on a free 127.0.0.1 port that the
 * unmodified SDK (and therefore our Tablestore plugins) talk to.
 *
 * <pre>{@code
 * try (TablestoreLocal ots = TablestoreLocal.start()) {
 *     SyncClient client = ots.syncClient();
 *     // job config: endpoint = ots.endpoint(), instanceName = ots.instance(),
 *     //             accessId = ots.accessKeyId(), accessKey = ots.accessKeySecret()
 * }
 * }</pre>
 */
public final class TablestoreLocal implements AutoCloseable {

    private final io.tablesync.tablestore.local.TablestoreLocal server;

    private TablestoreLocal(io.tablesync.tablestore.local.TablestoreLocal server) {
        this.server = server;
    }

    /**
     * Shards of each new stream in servers started here. The service gives a new table one shard; tests of stream
     * consumers want several shards (and split/merge them), so the testkit asks for this many, spread by partition-key
     * hash (tablestore-local's {@code shards} test option). Pass {@code b -> b.shards(n)} for another count.
     */
    public static final int SHARDS_PER_STREAM = 4;

    /** In memory, default instance and credentials, {@value #SHARDS_PER_STREAM} shards per stream. */
    public static TablestoreLocal start() {
        return start(b -> { });
    }

    /** Durable in {@code dataDir}: a second start on the same directory sees the same tables, rows and streams. */
    public static TablestoreLocal start(Path dataDir) {
        return start(b -> b.dataDir(dataDir));
    }

    /**
     * Any option of the server's builder (shards, instance, credentials, clock, data dir, port), applied after the
     * testkit's default of {@value #SHARDS_PER_STREAM} shards per stream.
     */
    public static TablestoreLocal start(Consumer<io.tablesync.tablestore.local.TablestoreLocal.Builder> options) {
        io.tablesync.tablestore.local.TablestoreLocal.Builder b = io.tablesync.tablestore.local.TablestoreLocal.builder()
                .shards(SHARDS_PER_STREAM);
        options.accept(b);
        return new TablestoreLocal(b.build().start());
    }

    public String endpoint() {
        return server.endpoint();
    }

    public String instance() {
        return server.instance();
    }

    public String accessKeyId() {
        return server.accessKeyId();
    }

    public String accessKeySecret() {
        return server.accessKeySecret();
    }

    /** A new SDK client for this server; the caller shuts it down. */
    public SyncClient syncClient() {
        return new SyncClient(endpoint(), accessKeyId(), accessKeySecret(), instance(), clientConfiguration());
    }

    /** A new async SDK client for this server; the caller shuts it down. */
    public AsyncClient asyncClient() {
        return new AsyncClient(endpoint(), accessKeyId(), accessKeySecret(), instance(), clientConfiguration());
    }

    /** The SDK's defaults, except that a write never sent on a connection the server had closed is sent again. */
    private static ClientConfiguration clientConfiguration() {
        ClientConfiguration cfg = new ClientConfiguration();
        cfg.setRetryStrategy(new UnsentRequestRetryStrategy(new DefaultRetryStrategy()));
        return cfg;
    }

    /** Splits an open shard of the table's stream (as a partition split would); returns the two child ids. */
    public List<String> splitShard(String table, String shardId) {
        return server.splitShard(table, shardId);
    }

    /** Merges two adjacent open shards of the table's stream; returns the child id. */
    public String mergeShards(String table, String shardId, String siblingId) {
        return server.mergeShards(table, shardId, siblingId);
    }

    /** The underlying server, for anything not wrapped here. */
    public io.tablesync.tablestore.local.TablestoreLocal server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
    }
}
