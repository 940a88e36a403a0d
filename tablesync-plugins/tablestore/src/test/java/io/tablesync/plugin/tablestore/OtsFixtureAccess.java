package io.tablesync.plugin.tablestore;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import java.util.List;

/** {@link OtsFixture} for tests in other packages of this module. */
public final class OtsFixtureAccess implements AutoCloseable {
    private final OtsFixture ots;

    public OtsFixtureAccess(int shards) {
        ots = new OtsFixture(shards);
    }

    /** A server that answers the named actions as unsupported. */
    public OtsFixtureAccess(int shards, String... withheldActions) {
        ots = new OtsFixture(shards, java.time.Clock.systemUTC(), withheldActions);
    }

    public SyncClient client() {
        return ots.client;
    }

    /** A table with primary key (id STRING, n INTEGER) and a stream. */
    public String createTable() {
        return ots.createTable(true);
    }

    public static PrimaryKey pk(String id, long n) {
        return OtsFixture.pk(id, n);
    }

    /** A key of the fixture's tables from any two values (INF_MIN / INF_MAX included). */
    public static PrimaryKey pkOf(com.alicloud.openservices.tablestore.model.PrimaryKeyValue id,
                                  com.alicloud.openservices.tablestore.model.PrimaryKeyValue n) {
        return com.alicloud.openservices.tablestore.model.PrimaryKeyBuilder.createPrimaryKeyBuilder()
                .addPrimaryKeyColumn("id", id).addPrimaryKeyColumn("n", n).build();
    }

    public String streamId(String table) {
        return ots.streamId(table);
    }

    public List<String> shardIds(String table) {
        return ots.shards(table).stream().map(s -> s.getShardId()).toList();
    }

    public List<String> splitShard(String table, String shard) {
        return ots.server.splitShard(table, shard);
    }

    @Override
    public void close() {
        ots.close();
    }
}
