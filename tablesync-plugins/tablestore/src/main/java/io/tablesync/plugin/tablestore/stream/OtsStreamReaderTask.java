package io.tablesync.plugin.tablestore.stream;

import static io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode.userError;

import com.alicloud.openservices.tablestore.SyncClient;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.spi.Reader;
import io.tablesync.core.spi.RecordSender;
import io.tablesync.core.transport.ChannelAbortedException;
import io.tablesync.plugin.tablestore.OtsStreamReaderErrorCode;
import io.tablesync.plugin.tablestore.checkpoint.CheckpointRow;
import io.tablesync.plugin.tablestore.checkpoint.JobDescription;
import io.tablesync.plugin.tablestore.checkpoint.StatusTable;
import io.tablesync.plugin.tablestore.client.OtsClients;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task side (research/datax.md §3.5): plans where each owned shard starts, then repeatedly
 * classifies the owned shards against the checkpoints already written at the window end and
 * starts every shard whose parents are done, up to {@code threadNum} shards at once (DataX's pool
 * never runs more than one). Tasks coordinate only through the status table, so a child owned by
 * this task waits for a parent owned by another.
 */
public final class OtsStreamReaderTask extends Reader.Task {
    private static final Logger LOG = LoggerFactory.getLogger(OtsStreamReaderTask.class);
    static final String IGNORED_DELETES_COUNTER = "otsstreamreader deletes dropped (deleteMode: ignore)";
    private static final long POLL_MILLIS = 500;
    private static final long STATE_LOG_MILLIS = 60_000;

    private StreamReaderConfig config;
    private TaskPlan plan;
    private SyncClient client;

    @Override
    public void init() {
        config = StreamReaderConfig.load(getPluginJobConf());
        plan = TaskPlan.readFrom(getPluginJobConf());
        client = OtsClients.create(config, Math.min(plan.threads(), 4));
    }

    @Override
    public void startRead(RecordSender recordSender) {
        StreamContext ctx = new StreamContext(plan.streamId(), config.dataTable(),
                new TimeWindow(plan.startMillis(), plan.endMillis()), plan.version(), plan.expirationHours(),
                config.enableSeekIterator(), config.enableTableGroupSupport(), config.streamRecordLimit());
        StatusTable statusTable = new StatusTable(client, config.statusTable());
        Map<String, ShardInfo> allShards = allShards(statusTable, ctx);
        Map<String, ShardStart> starts = new ShardStartPlanner(statusTable, ctx).plan(plan.ownedShards(), allShards);
        RecordMapper mapper = RecordMapper.of(config,
                () -> getTaskPluginCollector().incrementCounter(IGNORED_DELETES_COUNTER, 1),
                RowExistence.of(client, config.dataTable(), getTaskPluginCollector()));
        SharedSender sender = new SharedSender(recordSender);

        Set<String> pending = new LinkedHashSet<>();
        for (Map.Entry<String, ShardStart> e : starts.entrySet()) {
            if (e.getValue().checkpoint().equals(CheckpointRow.SHARD_END)) {
                // Finished in an earlier window: nothing to read, but children need to see it ended.
                statusTable.writeCheckpoint(ctx.streamId(), ctx.window().endMillis(),
                        new CheckpointRow(e.getKey(), CheckpointRow.SHARD_END, ctx.version(), 0, 0));
            } else {
                pending.add(e.getKey());
            }
        }
        Semaphore finished = new Semaphore(0);
        AtomicInteger seq = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(plan.threads(), pending.size())), r -> {
            Thread t = new Thread(r, Thread.currentThread().getName() + "-shard-" + seq.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<ShardReader.Outcome>> running = new LinkedHashMap<>();
        try {
            long lastStateLog = System.currentTimeMillis();
            while (!pending.isEmpty() && !isStopRequested()) {
                failFast(running);
                Map<String, CheckpointRow> atEnd = statusTable.readCheckpoints(ctx.streamId(), ctx.window().endMillis());
                checkBelongToThisJob(atEnd, allShards, ctx.version());
                ShardStatusChecker checker = new ShardStatusChecker(allShards, atEnd);
                List<String> blocked = new ArrayList<>();
                for (String id : new ArrayList<>(pending)) {
                    switch (checker.status(id)) {
                        case SKIP -> {
                            // A parent stopped inside this window: the child's changes come after it.
                            statusTable.writeCheckpoint(ctx.streamId(), ctx.window().endMillis(),
                                    new CheckpointRow(id, CheckpointRow.TRIM_HORIZON, ctx.version(), 0, 0));
                            pending.remove(id);
                        }
                        case READY -> {
                            ShardReader reader = new ShardReader(client, statusTable, ctx, id, starts.get(id), mapper,
                                    sender, this::isStopRequested);
                            running.put(id, pool.submit(() -> {
                                try {
                                    return reader.read();
                                } finally {
                                    finished.release();
                                }
                            }));
                            pending.remove(id);
                        }
                        case BLOCK -> blocked.add(id);
                        default -> pending.remove(id); // already has a checkpoint at the end
                    }
                }
                if (!pending.isEmpty()) {
                    if (System.currentTimeMillis() - lastStateLog > STATE_LOG_MILLIS) {
                        LOG.info("otsstreamreader: shards waiting for their parents: {}", blocked);
                        lastStateLog = System.currentTimeMillis();
                    }
                    finished.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS);
                }
            }
            for (Map.Entry<String, Future<ShardReader.Outcome>> e : running.entrySet()) {
                await(e.getKey(), e.getValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw userError("interrupted while reading the stream");
        } finally {
            pool.shutdownNow();
        }
    }

    private Map<String, ShardInfo> allShards(StatusTable statusTable, StreamContext ctx) {
        if (plan.allShards() != null) {
            Map<String, ShardInfo> out = new LinkedHashMap<>();
            plan.allShards().forEach(s -> out.put(s.id(), s));
            return out;
        }
        // confSimplifyEnable: the job description holds the shard list; parents come from the stream.
        JobDescription desc = statusTable.readJobDescription(ctx.streamId(), ctx.window().endMillis());
        if (desc == null || !desc.version().equals(ctx.version())) {
            throw userError("Version of checkpoint is not equal with version of this job. (the job description at "
                    + ctx.window().endMillis() + " was replaced by another run with the same end time)");
        }
        Map<String, ShardInfo> described = StreamTopology.shards(client, ctx.streamId());
        Map<String, ShardInfo> out = new LinkedHashMap<>();
        for (String id : desc.shardIds()) {
            out.put(id, described.getOrDefault(id, new ShardInfo(id, null, null)));
        }
        return out;
    }

    /** Another run with the same end time (overlapping runs) would corrupt the checkpoints: stop. */
    private static void checkBelongToThisJob(Map<String, CheckpointRow> atEnd, Map<String, ShardInfo> all,
                                             String version) {
        for (CheckpointRow cp : atEnd.values()) {
            if (!all.containsKey(cp.shardId())) {
                throw userError("Some shard from checkpoint is not belong to this job. (shard " + cp.shardId() + ")");
            }
            if (!version.equals(cp.version())) {
                throw userError("Version of checkpoint is not equal with version of this job. (shard " + cp.shardId()
                        + " was checkpointed by job " + cp.version() + ", this job is " + version
                        + "; is another run with the same end time running?)");
            }
        }
    }

    private static void failFast(Map<String, Future<ShardReader.Outcome>> running) throws InterruptedException {
        for (Map.Entry<String, Future<ShardReader.Outcome>> e : running.entrySet()) {
            if (e.getValue().isDone()) {
                await(e.getKey(), e.getValue());
            }
        }
    }

    private static void await(String shardId, Future<ShardReader.Outcome> f) throws InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ChannelAbortedException abort) {
                throw abort; // the task already failed elsewhere (writer, or another task); not this shard's fault
            }
            String head = "Read task for shard '" + shardId + "' has failed. ";
            if (cause instanceof TablesyncException te) {
                throw te.isUserError() ? TablesyncException.userError(te.errorCode(), head + te.detail(), te)
                        : TablesyncException.internal(te.errorCode(), head + te.detail(), te);
            }
            throw TablesyncException.internal(OtsStreamReaderErrorCode.ERROR, head + cause, cause);
        }
    }

    @Override
    public void destroy() {
        if (client != null) {
            client.shutdown();
        }
    }
}
