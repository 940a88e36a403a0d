package io.tablesync.tablestore.local.stream;

import io.tablesync.tablestore.local.storage.Bin;
import java.util.ArrayList;
import java.util.List;

/**
 * Persistent description of one stream: which table it belongs to, its retention and its shards (open and
 * closed, in creation order, which is also shard-id order). Immutable; a split, merge or trim stores a new one.
 */
public record Stream(String streamId, String tableName, long creationTimeMicros, int expirationHours,
                     List<String> originColumns, int nextShardNo, List<ShardInfo> shards) {

    public ShardInfo shard(String shardId) {
        for (ShardInfo s : shards) {
            if (s.id().equals(shardId)) {
                return s;
            }
        }
        return null;
    }

    public long retentionMicros() {
        return expirationHours * 3_600_000_000L;
    }

    Stream withShards(List<ShardInfo> newShards, int newNextShardNo) {
        return new Stream(streamId, tableName, creationTimeMicros, expirationHours, originColumns, newNextShardNo,
                List.copyOf(newShards));
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
        o.i32(nextShardNo).i32(shards.size());
        for (ShardInfo s : shards) {
            o.str(s.id()).optStr(s.parentId()).optStr(s.parentSiblingId()).i64(s.hashStart()).i64(s.hashEnd())
                    .bool(s.closed()).i64(s.firstOffset()).i64(s.closedAtMicros());
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
        int next = in.i32();
        n = in.i32();
        List<ShardInfo> shards = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            shards.add(new ShardInfo(in.str(), in.optStr(), in.optStr(), in.i64(), in.i64(), in.bool(), in.i64(),
                    in.i64()));
        }
        return new Stream(id, table, created, hours, List.copyOf(origin), next, List.copyOf(shards));
    }
}
