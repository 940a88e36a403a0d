package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.DescribeTableResponse;
import com.alicloud.openservices.tablestore.model.StreamDetails;
import com.alicloud.openservices.tablestore.model.DescribeStreamRequest;
import com.alicloud.openservices.tablestore.model.DescribeStreamResponse;
import com.alicloud.openservices.tablestore.model.ListStreamRequest;
import com.alicloud.openservices.tablestore.model.Stream;
import com.alicloud.openservices.tablestore.model.StreamShard;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The data table's stream and its shards (with parents), via ListStream and paged DescribeStream. */
public final class StreamTopology {
    private static final Logger LOG = LoggerFactory.getLogger(StreamTopology.class);

    private StreamTopology() {
    }

    /** The table's stream settings; a missing table or a table without a stream is the user's to fix. */
    public static StreamDetails requireStream(SyncClient client, StreamReaderConfig config) {
        DescribeTableResponse r;
        try {
            r = client.describeTable(new DescribeTableRequest(config.dataTable()));
        } catch (TableStoreException e) {
            if ("OTSObjectNotExist".equals(e.getErrorCode())) {
                throw OtsStreamReaderErrorCode.userError("The data table is not exist. (table " + config.dataTable()
                        + " does not exist in instance " + config.instanceName() + " at " + config.endpoint() + ")");
            }
            throw OtsErrors.translate(e, "describing table " + config.dataTable());
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "describing table " + config.dataTable(), config.endpoint());
        }
        warnWhenNoKeyColumnIsListed(config, r);
        StreamDetails d = r.getStreamDetails();
        if (d == null || !d.isEnableStream()) {
            throw OtsStreamReaderErrorCode.userError("The stream of data table is not enabled. (enable Stream on table "
                    + config.dataTable() + ", e.g. UpdateTable with StreamSpecification(true, expirationHours))");
        }
        return d;
    }

    /**
     * Single-version mode emits the listed columns only. When none of them is a primary key column,
     * a change that touches none of the listed attribute columns is dropped, and no record can tell
     * the writer which row it belongs to: almost always a wrong column name ("pk" for a key named "uid").
     */
    private static void warnWhenNoKeyColumnIsListed(StreamReaderConfig config, DescribeTableResponse r) {
        if (config.mode() != ReadMode.SINGLE_VERSION_AND_UPDATE_ONLY || r.getTableMeta() == null) {
            return;
        }
        List<String> keys = new ArrayList<>(r.getTableMeta().getPrimaryKeyMap().keySet());
        if (config.columns().stream().noneMatch(keys::contains)) {
            LOG.warn("otsstreamreader: none of the configured columns {} is a primary key column of table {} (its primary key"
                    + " is {}): records will not identify their row, and changes that touch none of the listed columns are"
                    + " dropped. Check job.content[0].reader.parameter.column", config.columns(), config.dataTable(), keys);
        }
    }

    public static String streamId(SyncClient client, String table) {
        try {
            for (Stream s : client.listStream(new ListStreamRequest(table)).getStreams()) {
                if (s.getTableName().equals(table)) {
                    return s.getStreamId();
                }
            }
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "listing the streams of table " + table);
        }
        throw OtsStreamReaderErrorCode.userError("The stream of data table is not enabled. (no stream listed for table "
                + table + ")");
    }

    /** Every shard of the stream in the service's order, by id. */
    public static Map<String, ShardInfo> shards(SyncClient client, String streamId) {
        Map<String, ShardInfo> out = new LinkedHashMap<>();
        String from = null;
        try {
            do {
                DescribeStreamRequest req = new DescribeStreamRequest(streamId);
                if (from != null) {
                    req.setInclusiveStartShardId(from);
                }
                DescribeStreamResponse r = client.describeStream(req);
                for (StreamShard s : r.getShards()) {
                    out.put(s.getShardId(), new ShardInfo(s.getShardId(), s.getParentId(), s.getParentSiblingId()));
                }
                from = r.getNextShardId();
            } while (from != null);
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "describing stream " + streamId);
        }
        return out;
    }
}
