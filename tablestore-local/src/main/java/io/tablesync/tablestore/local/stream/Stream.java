package io.tablesync.tablestore.local.stream;

import io.tablesync.tablestore.local.storage.Bin;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistent description of one stream: which table it belongs to, its retention, how rows are routed to shards and
 * its shards (open and closed, in creation order, which is also shard-id order). Immutable; a split, merge or trim
 * stores a new one.
 *
 * @param hashRouting true: shards own ranges of partition-key hashes (the non-service {@code --shards N} test
 *                    option); false: shards own partition-key ranges, one per table partition, as on the service
 */
public record Stream(String streamId, String tableName, long creationTimeMicros, int expirationHours,
                     List<String> originColumns, boolean hashRouting, int nextShardNo, List<ShardInfo> shards) {

    public ShardInfo shard(String shardId) {
        for (ShardInfo s : shards) {
            if (s.id().equals(shardId)) {
                return s;
            }
        }
        return null;
    }

    public List<ShardInfo> openShards() {
        List<ShardInfo> open = new ArrayList<>();
        for (ShardInfo s : shards) {
            if (!s.closed()) {
                open.add(s);
            }
        }
        return open;
    }

    public long retentionMicros() {
        return expirationHours * 3_600_000_000L;
    }

    Stream withShards(List<ShardInfo> newShards, int newNextShardNo) {
        return new Stream(streamId, tableName, creationTimeMicros, expirationHours, originColumns, hashRouting,
                newNextShardNo, List.copyOf(newShards));
    }

    static String shardId(int no) {
        return String.format("shard-%06d", no);
    }

    byte[] encode() {
        Bin.Out o = new Bin.Out(256);
        o.str(streamId).str(tableName).i64(creationTimeMicros).i32(expirationHours);
        o.i32(originColumns.size());
        for (String c : originColumns) {
            o.str(c);
        }
        o.bool(hashRouting).i32(nextShardNo).i32(shards.size());
        for (ShardInfo s : shards) {
            o.str(s.id()).i64(s.no()).optStr(s.parentId()).optStr(s.parentSiblingId()).optBytes(s.start())
                    .optBytes(s.end()).bool(s.closed()).i64(s.firstOffset()).i64(s.closedAtMicros());
        }
        return o.toByteArray();
    }

    static Stream decode(byte[] bytes) {
        Bin.In in = new Bin.In(bytes);
        String id = in.str();
        String table = in.str();
        long created = in.i64();
        int hours = in.i32();
        int n = in.i32();
        List<String> origin = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            origin.add(in.str());
        }
        boolean hash = in.bool();
        int next = in.i32();
        n = in.i32();
        List<ShardInfo> shards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shards.add(new ShardInfo(in.str(), in.i64(), in.optStr(), in.optStr(), in.optBytes(), in.optBytes(),
                    in.bool(), in.i64(), in.i64()));
        }
        return new Stream(id, table, created, hours, List.copyOf(origin), hash, next, List.copyOf(shards));
    }
}
