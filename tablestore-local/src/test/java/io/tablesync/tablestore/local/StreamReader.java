package io.tablesync.tablestore.local;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.*;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helper: reads a stream the way consumers do (shard list, parents first, until SHARD_END or caught up). */
final class StreamReader {

    private StreamReader() {
    }

    static String streamId(SyncClient c, String table) {
        ListStreamRequest req = new ListStreamRequest(table);
        List<Stream> streams = c.listStream(req).getStreams();
        if (streams.size() != 1) {
            throw new AssertionError("expected one stream, got " + streams);
        }
        return streams.get(0).getStreamId();
    }

    static List<StreamShard> shards(SyncClient c, String streamId, int pageSize) {
        List<StreamShard> out = new ArrayList<>();
        String next = null;
        do {
            DescribeStreamRequest d = new DescribeStreamRequest(streamId);
            d.setShardLimit(pageSize);
            if (next != null) {
                d.setInclusiveStartShardId(next);
            }
            DescribeStreamResponse r = c.describeStream(d);
            out.addAll(r.getShards());
            next = r.getNextShardId();
        } while (next != null);
        return out;
    }

    /** Result of draining one shard from an iterator. */
    record Drained(List<StreamRecord> records, boolean shardEnded, String lastIterator) {
    }

    static Drained drain(SyncClient c, String iterator, int limit) {
        List<StreamRecord> out = new ArrayList<>();
        String it = iterator;
        while (true) {
            GetStreamRecordRequest req = new GetStreamRecordRequest(it);
            req.setLimit(limit);
            GetStreamRecordResponse r = c.getStreamRecord(req);
            out.addAll(r.getRecords());
            if (r.getNextShardIterator() == null) {
                return new Drained(out, true, it);
            }
            it = r.getNextShardIterator();
            if (r.getRecords().isEmpty()) {
                return new Drained(out, false, it);
            }
        }
    }

    /** All records of the stream, parents before children, as a map shard id → records. */
    static Map<String, List<StreamRecord>> readAll(SyncClient c, String streamId) {
        Map<String, List<StreamRecord>> out = new LinkedHashMap<>();
        List<StreamShard> pending = new ArrayList<>(shards(c, streamId, 100));
        while (!pending.isEmpty()) {
            boolean progressed = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                StreamShard s = it.next();
                boolean parentsDone = (s.getParentId() == null || out.containsKey(s.getParentId())
                        || pending.stream().noneMatch(p -> p.getShardId().equals(s.getParentId())))
                        && (s.getParentSiblingId() == null || out.containsKey(s.getParentSiblingId())
                        || pending.stream().noneMatch(p -> p.getShardId().equals(s.getParentSiblingId())));
                if (!parentsDone) {
                    continue;
                }
                String iter = c.getShardIterator(new GetShardIteratorRequest(streamId, s.getShardId())).getShardIterator();
                out.put(s.getShardId(), drain(c, iter, 1000).records());
                it.remove();
                progressed = true;
            }
            if (!progressed) {
                throw new AssertionError("parent cycle in " + pending);
            }
        }
        return out;
    }
}
