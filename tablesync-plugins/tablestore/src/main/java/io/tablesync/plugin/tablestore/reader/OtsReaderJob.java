package io.tablesync.plugin.tablestore.reader;

import static io.tablesync.plugin.tablestore.reader.OtsReaderErrorCode.userError;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.DescribeTableRequest;
import com.alicloud.openservices.tablestore.model.Direction;
import com.alicloud.openservices.tablestore.model.PrimaryKey;
import com.alicloud.openservices.tablestore.model.PrimaryKeySchema;
import com.alicloud.openservices.tablestore.model.PrimaryKeyValue;
import com.alicloud.openservices.tablestore.model.TableMeta;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.spi.Reader;
import io.tablesync.plugin.tablestore.client.OtsClients;
import io.tablesync.plugin.tablestore.client.OtsEndpoint;
import io.tablesync.plugin.tablestore.client.OtsErrors;
import io.tablesync.plugin.tablestore.table.KeyRange;
import io.tablesync.plugin.tablestore.table.RangePlanner;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * otsreader's job side: checks the parameters, reads the table's key schema, checks the range against
 * it, and cuts the range into one task per piece — at the user's {@code range.split} points, else at
 * the service's split points (ComputeSplitPointsBySize), at most as many pieces as channels.
 */
public final class OtsReaderJob extends Reader.Job {
    private static final Logger LOG = LoggerFactory.getLogger(OtsReaderJob.class);
    static final String TASK_RANGE = "tablesyncRange";
    static final String TASK_DIRECTION = "tablesyncDirection";

    private OtsReaderConfig config;
    private SyncClient client;
    private RangePlanner planner;
    private KeyRange range;
    private Direction direction;
    private List<PrimaryKeyValue> splitPoints;

    @Override
    public void validate() {
        config = OtsReaderConfig.load(getPluginJobConf());
    }

    @Override
    public void init() {
        if (config == null) {
            validate();
        }
        LOG.info("otsreader: {}", config);
        OtsEndpoint.probe(config.endpoint());
        client = OtsClients.create(config.endpoint(), config.accessId(), config.accessKey(), config.instanceName(), 2,
                config.maxRetries());
        List<PrimaryKeySchema> schema = schema(client, config.table(), config.endpoint());
        planner = new RangePlanner(client, config.table(), schema);
        Configuration p = getPluginJobConf();
        List<PrimaryKeyValue> begin = checked(config.rangeBegin(), schema, p.describe("range.begin"));
        List<PrimaryKeyValue> end = checked(config.rangeEnd(), schema, p.describe("range.end"));
        PrimaryKey lo = planner.fill(begin, PrimaryKeyValue.INF_MIN);
        PrimaryKey hi = planner.fill(end, PrimaryKeyValue.INF_MAX);
        int cmp = lo.compareTo(hi);
        if (cmp == 0) {
            throw userError("The 'begin' can not be equal with 'end'. (" + p.describe("range") + ")");
        }
        if (cmp > 0) {
            // DataX reads a range whose begin lies after its end backwards
            direction = Direction.BACKWARD;
            lo = planner.fill(begin, PrimaryKeyValue.INF_MAX);
            hi = planner.fill(end, PrimaryKeyValue.INF_MIN);
        } else {
            direction = Direction.FORWARD;
        }
        range = new KeyRange(lo, hi);
        splitPoints = checkedSplit(config.split(), schema.get(0), p.describe("range.split"));
    }

    public static List<PrimaryKeySchema> schema(SyncClient client, String table, String endpoint) {
        try {
            TableMeta meta = client.describeTable(new DescribeTableRequest(table)).getTableMeta();
            return meta.getPrimaryKeyList();
        } catch (com.alicloud.openservices.tablestore.TableStoreException e) {
            if ("OTSObjectNotExist".equals(e.getErrorCode())) {
                throw userError("Table " + table + " does not exist at " + endpoint + " (check table and instanceName)");
            }
            throw OtsErrors.translate(e, "describing table " + table);
        } catch (RuntimeException e) {
            throw OtsErrors.translate(e, "describing table " + table, endpoint);
        }
    }

    private static List<PrimaryKeyValue> checked(List<PrimaryKeyValue> values, List<PrimaryKeySchema> schema, String where) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > schema.size()) {
            throw userError("The '" + where + "', input primary key column size more than table meta, input size: "
                    + values.size() + ", meta pk size:" + schema.size());
        }
        for (int i = 0; i < values.size(); i++) {
            PrimaryKeyValue v = values.get(i);
            if (!v.isInfMin() && !v.isInfMax() && v.getType() != schema.get(i).getType()) {
                throw userError("The '" + where + "', input primary key column type mismath table meta, input type:"
                        + v.getType() + ", meta pk type:" + schema.get(i).getType() + ", index:" + i);
            }
        }
        return values;
    }

    private List<PrimaryKeyValue> checkedSplit(List<PrimaryKeyValue> points, PrimaryKeySchema partitionKey, String where) {
        if (points.isEmpty()) {
            return points;
        }
        if (direction == Direction.BACKWARD) {
            throw userError(where + ": split points for a range read backwards (begin after end) are not supported by"
                    + " tablesync yet; swap begin and end");
        }
        PrimaryKeyValue lo = range.next().getPrimaryKeyColumn(0).getValue();
        PrimaryKeyValue hi = range.end().getPrimaryKeyColumn(0).getValue();
        for (int i = 0; i < points.size(); i++) {
            PrimaryKeyValue p = points.get(i);
            if (p.isInfMin() || p.isInfMax() || p.getType() != partitionKey.getType()) {
                throw userError("The 'split', input primary key column type is mismatch partition key, input type: "
                        + p.getType() + ", partition key type:" + partitionKey.getType() + ", index:" + i + " (" + where + ")");
            }
            if (i > 0 && points.get(i - 1).compareTo(p) >= 0) {
                throw userError("In 'split', the item value is not increasing, index: " + (i - 1) + " (" + where + ")");
            }
        }
        if (lo.compareTo(points.get(0)) >= 0) {
            throw userError("The 'begin' must be less than head of 'split'. (" + where + ")");
        }
        if (points.get(points.size() - 1).compareTo(hi) >= 0) {
            throw userError("tail of 'split' must be less than 'end'. (" + where + ")");
        }
        return points;
    }

    @Override
    public List<Configuration> split(int adviceNumber) {
        List<KeyRange> pieces;
        if (!splitPoints.isEmpty()) {
            pieces = planner.cut(range, splitPoints);
        } else if (direction == Direction.FORWARD) {
            pieces = planner.bySize(range, Math.max(1, adviceNumber));
        } else {
            pieces = List.of(range);
        }
        LOG.info("otsreader: table {} read in {} range(s) ({})", config.table(), pieces.size(),
                splitPoints.isEmpty() ? "split points of the service" : "range.split");
        List<Configuration> out = new ArrayList<>(pieces.size());
        for (KeyRange r : pieces) {
            Configuration c = getPluginJobConf().copy();
            c.set(TASK_RANGE, r.encode());
            c.set(TASK_DIRECTION, direction.name());
            out.add(c);
        }
        return out;
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.shutdown();
        }
    }
}
