package io.tablesync.plugin.tablestore.source;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.GetShardIteratorRequest;
import com.alicloud.openservices.tablestore.model.GetShardIteratorResponse;
import com.alicloud.openservices.tablestore.model.GetStreamRecordRequest;
import com.alicloud.openservices.tablestore.model.GetStreamRecordResponse;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Each shard's current end, as a concrete iterator: every change made after it is read from there,
 * and no clock is trusted for that. It seeks by time a little before now (cheap on a long stream)
 * and reads forward until a read returns nothing; a closed shard ends as SHARD_END.
 */
final class HeadPositions {
    /** How far before now the seek starts: a server clock this far behind ours still finds the head. */
    static final long LOOKBACK_MILLIS = 10 * 60 * 1000L;

    private HeadPositions() {
    }

    static Map<String, String> of(SyncClient client, String streamId, Iterable<String> shards, String table,
                                  boolean tableGroup, LongSupplier clock) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String shard : shards) {
            out.put(shard, head(client, streamId, shard, table, tableGroup, clock.getAsLong()));
        }
        return out;
    }

    private static String head(SyncClient client, String streamId, String shard, String table, boolean tableGroup,
                               long nowMillis) {
        try {
            GetShardIteratorRequest req = new GetShardIteratorRequest(streamId, shard);
            req.setTimestamp((nowMillis - LOOKBACK_MILLIS) * 1000);
            String iterator;
            while (true) {
                GetShardIteratorResponse r = client.getShardIterator(req);
                if (r.getNextToken() == null) {
                    iterator = r.getShardIterator();
                    break;
                }
                req.setToken(r.getNextToken());
            }
            while (true) {
                GetStreamRecordRequest read = new GetStreamRecordRequest(iterator);
                if (tableGroup) {
                    read.setTableName(table);
                }
                GetStreamRecordResponse page = client.getStreamRecord(read);
                String next = page.getNextShardIterator();
                if (next == null) {
                    return ShardState.SHARD_END;
                }
                if (page.getRecords().isEmpty()) {
                    return next;
                }
                iterator = next;
            }
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "recording the current position of shard " + shard);
        }
    }
}
