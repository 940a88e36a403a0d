package io.tablesync.plugin.tablestore.stream;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.StreamDetails;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.spi.Reader;
import io.tablesync.plugin.tablestore.checkpoint.JobDescription;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import io.tablesync.plugin.tablestore.client.OtsClients;
import io.tablesync.plugin.tablestore.client.OtsEndpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job side (research/datax.md §3.3–3.4): validates, checks table, stream and window, prepares
 * the status table, clears checkpoints a previous run left at this end time, records the job
 * description, and deals the shards out to tasks.
 */
public final class OtsStreamReaderJob extends Reader.Job {
    private static final Logger LOG = LoggerFactory.getLogger(OtsStreamReaderJob.class);

    private StreamReaderConfig config;
    private SyncClient client;
    private String streamId;
    private int expirationHours;
    private String version;
    private Map<String, ShardInfo> shards;

    @Override
    public void validate() {
        config = StreamReaderConfig.load(getPluginJobConf());
    }

    @Override
    public void init() {
        if (config == null) {
            validate();
        }
        OtsEndpoint.probe(config.endpoint());
        client = OtsClients.create(config, 2);
        StreamDetails stream = StreamTopology.requireStream(client, config);
        expirationHours = stream.getExpirationTime();
        config.window().checkAgainstClock(System.currentTimeMillis(), expirationHours);
        StatusTable statusTable = new StatusTable(client, config.statusTable());
        statusTable.checkOrCreate();
        streamId = StreamTopology.streamId(client, config.dataTable());
        long end = config.window().endMillis();
        // A re-run of the same window starts clean; tasks of this run recognise their rows by version.
        statusTable.deleteCheckpoints(streamId, end);
        shards = StreamTopology.shards(client, streamId);
        version = System.currentTimeMillis() + "-" + UUID.randomUUID();
        statusTable.writeJobDescription(new JobDescription(streamId, version, config.dataTable(),
                config.window().startMillis(), end, List.copyOf(shards.keySet())));
        LOG.info("otsstreamreader: stream {} of table {} has {} shards; window [{}, {}); job version {}", streamId,
                config.dataTable(), shards.size(), config.window().startMillis(), end, version);
    }

    @Override
    public List<Configuration> split(int adviceNumber) {
        List<String> ids = new ArrayList<>(shards.keySet());
        int n = Math.max(1, Math.min(adviceNumber, ids.size()));
        // DataX shuffles so that shards of one split family do not all land in one task.
        Collections.shuffle(ids);
        int threads = Math.max(1, config.threadNum() / n);
        List<ShardInfo> all = config.confSimplifyEnable() ? null : List.copyOf(shards.values());
        List<Configuration> out = new ArrayList<>(n);
        int base = ids.size() / n;
        int extra = ids.size() % n;
        int from = 0;
        for (int i = 0; i < n; i++) {
            int size = base + (i < extra ? 1 : 0);
            List<String> owned = List.copyOf(ids.subList(from, from + size));
            from += size;
            Configuration c = getPluginJobConf().copy();
            new TaskPlan(streamId, version, config.window().startMillis(), config.window().endMillis(), expirationHours,
                    threads, owned, all).writeTo(c);
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
