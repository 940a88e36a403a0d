package io.tablesync.tablestore.local;

import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.http.OtsHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tablestore-compatible server the official SDK talks to unchanged.
 *
 * <pre>{@code
 * try (TablestoreLocal ots = TablestoreLocal.builder().port(0).build().start()) {
 *     SyncClient client = new SyncClient(ots.endpoint(), ots.accessKeyId(), ots.accessKeySecret(), ots.instance());
 * }
 * }</pre>
 *
 * Without a data directory everything is in memory; with one, tables, rows, stream logs and shard state are kept
 * in a RocksDB store there and survive restarts, including kill -9.
 */
public final class TablestoreLocal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TablestoreLocal.class);
    private final AtomicLong backgroundFailures = new AtomicLong();


    public static final String DEFAULT_INSTANCE = "tablesync";
    public static final String DEFAULT_ACCESS_KEY_ID = "tablesync-local-id";
    public static final String DEFAULT_ACCESS_KEY_SECRET = "tablesync-local-secret";

    private final Builder options;
    private Database db;
    private OtsHttpServer http;
    private ScheduledExecutorService trimmer;

    private TablestoreLocal(Builder options) {
        this.options = options;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options; every one has a default suitable for local use. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 0;
        private String instance = DEFAULT_INSTANCE;
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private String primaryAccessKeyId;
        private int shards;
        private Path dataDir;
        private Clock clock = Clock.systemUTC();
        private int threads = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        private final Set<String> withheldActions = new TreeSet<>();

        /** TCP port; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Bind address; 127.0.0.1 by default. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The instance name clients must send (x-ots-instancename). */
        public Builder instance(String instance) {
            this.instance = instance;
            return this;
        }

        /** Adds an AccessKeyId → secret pair; the first one added is reported by {@link #accessKeyId()}. */
        public Builder credentials(String accessKeyId, String accessKeySecret) {
            if (primaryAccessKeyId == null) {
                primaryAccessKeyId = accessKeyId;
            }
            credentials.put(accessKeyId, accessKeySecret);
            return this;
        }

        /**
         * A test option the service does not have: every new stream gets this many shards, and rows are spread over
         * them by a hash of the partition key. Without it (the default) a stream has one shard per partition of its
         * table, as on the service: one for a table created without split points.
         */
        public Builder shards(int shards) {
            if (shards < 1 || shards > 1024) {
                throw new IllegalArgumentException("shards must be in [1, 1024], was " + shards);
            }
            this.shards = shards;
            return this;
        }

        /** Directory for durable data; null (the default) keeps everything in memory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Time source (tests advance it to expire stream records). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** HTTP worker threads. */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * A test option the service does not have: these actions are answered as unsupported (OTSUnsupportOperation,
         * as for an action tablestore-local lacks), to test a client against a service without them. Unknown names
         * fail at {@link #start()}.
         */
        public Builder withoutActions(String... actions) {
            withheldActions.addAll(Arrays.asList(actions));
            return this;
        }

        public TablestoreLocal build() {
            if (credentials.isEmpty()) {
                credentials(DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET);
            }
            return new TablestoreLocal(this);
        }
    }

    /** Opens the store and starts serving; returns this. */
    public synchronized TablestoreLocal start() {
        if (http != null) {
            throw new IllegalStateException("already started");
        }
        db = new Database(options.dataDir, options.clock, options.shards);
        try {
            http = new OtsHttpServer(options.host, options.port, db, Map.copyOf(options.credentials), options.instance,
                    options.threads, Set.copyOf(options.withheldActions));
        } catch (IOException e) {
            db.close();
            throw new UncheckedIOException("Cannot listen on " + options.host + ":" + options.port, e);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        http.start();
        trimmer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tablestore-local-trim");
            t.setDaemon(true);
            return t;
        });
        trimmer.scheduleWithFixedDelay(this::trimQuietly, 60, 60, TimeUnit.SECONDS);
        trimmer.scheduleWithFixedDelay(this::housekeepingQuietly, 5, 5, TimeUnit.SECONDS);
        return this;
    }

    // Background passes: a failure loses nothing (the next read of a stream trims again, the next pass compacts
    // again), but it is counted and reported, never swallowed.
    private void trimQuietly() {
        try {
            db.streams().trimAll();
        } catch (RuntimeException e) {
            backgroundFailure("stream trimming", e);
        }
    }

    private void housekeepingQuietly() {
        try {
            db.housekeeping();
        } catch (RuntimeException e) {
            backgroundFailure("data file compaction", e);
        }
    }

    private void backgroundFailure(String what, RuntimeException e) {
        long n = backgroundFailures.incrementAndGet();
        LOG.warn("background {} failed ({} background failures so far; the next pass retries): {}", what, n, e.toString());
    }

    /** {@code http://127.0.0.1:PORT}, ready for the SDK. */
    public String endpoint() {
        return "http://" + options.host + ":" + port();
    }

    public int port() {
        return http.port();
    }

    public String instance() {
        return options.instance;
    }

    public String accessKeyId() {
        return options.primaryAccessKeyId;
    }

    public String accessKeySecret() {
        return options.credentials.get(options.primaryAccessKeyId);
    }

    public Path dataDir() {
        return options.dataDir;
    }

    /** Splits an open shard of the table's stream into two children; returns their ids. */
    public List<String> splitShard(String table, String shardId) {
        return db.splitShard(table, shardId);
    }

    /** Merges two adjacent open shards of the table's stream into one child; returns its id. */
    public String mergeShards(String table, String shardId, String siblingId) {
        return db.mergeShards(table, shardId, siblingId);
    }

    /** Removes expired stream records now instead of at the next periodic pass. */
    public void trimExpiredStreamRecords() {
        db.streams().trimAll();
    }

    /** Bytes the data directory occupies (0 in memory). */
    public long diskBytes() {
        return db.kv().diskBytes();
    }

    /** Bytes of all stored keys and values: the live data the data directory holds (a full scan). */
    public long liveBytes() {
        return db.kv().liveBytes();
    }

    /**
     * Stops serving and closes the store: a clean close that writes nothing more (data written before is already
     * durable), so it takes well under the 2 s a service manager grants.
     */
    @Override
    public synchronized void close() {
        if (trimmer != null) {
            trimmer.shutdownNow();
        }
        if (http != null) {
            http.close();
        }
        if (trimmer != null) {
            try {
                // A running background pass ends soon: close() below cancels a compaction in progress.
                trimmer.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (db != null) {
            db.close();
        }
        http = null;
        db = null;
    }
}
