package io.tablesync.tablestore.local.action;

import com.alicloud.openservices.tablestore.core.protocol.OtsInternalApi;
import com.aliyun.ots.thirdparty.com.google.protobuf.ByteString;
import com.aliyun.ots.thirdparty.com.google.protobuf.InvalidProtocolBufferException;
import io.tablesync.tablestore.local.engine.DataSize;
import io.tablesync.tablestore.local.engine.Database;
import io.tablesync.tablestore.local.engine.OtsException;
import io.tablesync.tablestore.local.stream.ShardInfo;
import io.tablesync.tablestore.local.stream.ShardIterator;
import io.tablesync.tablestore.local.stream.Stream;
import io.tablesync.tablestore.local.stream.StreamRecord;
import io.tablesync.tablestore.local.stream.Streams;
import java.util.List;
import java.util.Map;

/** ListStream, DescribeStream, GetShardIterator, GetStreamRecord. */
final class StreamActions {

    private static final int DEFAULT_RECORD_LIMIT = 100;
    /**
     * The service documents no maximum for GetStreamRecord's limit; tablestore-local refuses a larger one rather
     * than quietly returning fewer records, so that a client's handling of a refused limit can be tested.
     */
    static final int MAX_RECORD_LIMIT = 10_000;
    private static final int DEFAULT_SHARD_LIMIT = 100;
    private static final int MAX_STREAM_TABLE_NAME = 238;

    private final Database db;

    StreamActions(Database db) {
        this.db = db;
    }

    void register(Map<String, Action> actions) {
        actions.put("ListStream", this::listStream);
        actions.put("DescribeStream", this::describeStream);
        actions.put("GetShardIterator", this::getShardIterator);
        actions.put("GetStreamRecord", this::getStreamRecord);
    }

    private Streams streams() {
        return db.streams();
    }

    private OtsInternalApi.ListStreamResponse listStream(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.ListStreamRequest r = OtsInternalApi.ListStreamRequest.parseFrom(body);
        String table = r.hasTableName() ? r.getTableName() : null;
        if (table != null) {
            db.table(table);
        }
        OtsInternalApi.ListStreamResponse.Builder b = OtsInternalApi.ListStreamResponse.newBuilder();
        for (Stream s : streams().list(table)) {
            b.addStreams(OtsInternalApi.Stream.newBuilder().setStreamId(s.streamId()).setTableName(s.tableName())
                    .setCreationTime(s.creationTimeMicros()));
        }
        return b.build();
    }

    private OtsInternalApi.DescribeStreamResponse describeStream(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.DescribeStreamRequest r = OtsInternalApi.DescribeStreamRequest.parseFrom(body);
        if (r.hasShardLimit() && r.getShardLimit() <= 0) {
            throw OtsException.parameterInvalid("shard_limit must be positive.");
        }
        Stream s = streams().describe(r.getStreamId());
        int limit = r.hasShardLimit() ? r.getShardLimit() : DEFAULT_SHARD_LIMIT;
        OtsInternalApi.DescribeStreamResponse.Builder b = OtsInternalApi.DescribeStreamResponse.newBuilder()
                .setStreamId(s.streamId())
                .setExpirationTime(s.expirationHours())
                .setTableName(s.tableName())
                .setCreationTime(s.creationTimeMicros())
                .setStreamStatus(OtsInternalApi.StreamStatus.STREAM_ACTIVE);
        List<ShardInfo> shards = s.shards();
        int i = 0;
        if (r.hasInclusiveStartShardId()) {
            while (i < shards.size() && shards.get(i).id().compareTo(r.getInclusiveStartShardId()) < 0) {
                i++;
            }
        }
        int added = 0;
        for (; i < shards.size() && added < limit; i++, added++) {
            ShardInfo sh = shards.get(i);
            OtsInternalApi.StreamShard.Builder sb = OtsInternalApi.StreamShard.newBuilder().setShardId(sh.id());
            if (sh.parentId() != null) {
                sb.setParentId(sh.parentId());
            }
            if (sh.parentSiblingId() != null) {
                sb.setParentSiblingId(sh.parentSiblingId());
            }
            b.addShards(sb);
        }
        if (i < shards.size()) {
            b.setNextShardId(shards.get(i).id());
        }
        return b.build();
    }

    private OtsInternalApi.GetShardIteratorResponse getShardIterator(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.GetShardIteratorRequest r = OtsInternalApi.GetShardIteratorRequest.parseFrom(body);
        String it = streams().iterator(r.getStreamId(), r.getShardId(), r.hasTimestamp() ? r.getTimestamp() : null);
        return OtsInternalApi.GetShardIteratorResponse.newBuilder().setShardIterator(it).build();
    }

    private OtsInternalApi.GetStreamRecordResponse getStreamRecord(byte[] body) throws InvalidProtocolBufferException {
        OtsInternalApi.GetStreamRecordRequest r = OtsInternalApi.GetStreamRecordRequest.parseFrom(body);
        if (r.hasLimit() && r.getLimit() <= 0) {
            throw OtsException.parameterInvalid("The limit must be positive.");
        }
        if (r.hasLimit() && r.getLimit() > MAX_RECORD_LIMIT) {
            throw OtsException.parameterInvalid("The limit must not be greater than " + MAX_RECORD_LIMIT + ".");
        }
        int limit = r.hasLimit() ? r.getLimit() : DEFAULT_RECORD_LIMIT;
        ShardIterator iterator = ShardIterator.decode(r.getShardIterator());
        Stream stream = streams().get(iterator.streamId());
        if (stream != null && stream.tableName().length() > MAX_STREAM_TABLE_NAME) {
            // The service's stream ids embed the table name and cannot be read for names over 238 characters.
            throw OtsException.parameterInvalid("Invalid stream id: " + iterator.streamId());
        }
        Streams.Page page = streams().read(iterator, limit);
        long bytes = 0;
        for (StreamRecord.View rec : page.records()) {
            bytes += rec.recordLength() + (rec.hasOrigin() ? rec.originLength() : 0);
        }
        OtsInternalApi.GetStreamRecordResponse.Builder b = OtsInternalApi.GetStreamRecordResponse.newBuilder()
                .setConsumed(Protos.consumed(DataSize.units(bytes), 0))
                .setMayMoreRecord(page.mayMore());
        for (StreamRecord.View rec : page.records()) {
            OtsInternalApi.GetStreamRecordResponse.StreamRecord.Builder rb =
                    OtsInternalApi.GetStreamRecordResponse.StreamRecord.newBuilder()
                            .setActionType(OtsInternalApi.ActionType.valueOf(rec.action()))
                            .setRecord(ByteString.copyFrom(rec.buf(), rec.recordOffset(), rec.recordLength()));
            if (rec.hasOrigin()) {
                rb.setOriginRecord(ByteString.copyFrom(rec.buf(), rec.originOffset(), rec.originLength()));
            }
            b.addStreamRecords(rb);
        }
        if (page.nextIterator() != null) {
            b.setNextShardIterator(page.nextIterator());
        }
        return b.build();
    }
}
