package io.tablesync.core.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.metrics.Health;
import io.tablesync.core.metrics.History;
import io.tablesync.core.metrics.RunMonitor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The metrics port of a {@code sync} process that runs several jobs: each job's {@link SyncMonitor}
 * (its meters carry a {@code job} tag), one {@code /health} that is green only when every job is —
 * a job that stopped with an error stays red, named, with its error — and one status page whose
 * totals add the jobs up and whose shards are named {@code job/shard}.
 */
public final class MultiSyncMonitor implements RunMonitor {
    /** One job: its monitor, and why it stopped (null while it runs or when it ended normally). */
    public record Job(String name, SyncMonitor monitor, Supplier<String> failure) {
    }

    private final List<Job> jobs;

    public MultiSyncMonitor(List<Job> jobs) {
        this.jobs = List.copyOf(jobs);
    }

    @Override
    public void refresh() {
        jobs.forEach(j -> j.monitor().refresh());
    }

    @Override
    public Health health(long now) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode problems = JsonNodeFactory.instance.arrayNode();
        ObjectNode perJob = JsonNodeFactory.instance.objectNode();
        ArrayNode failedJobs = JsonNodeFactory.instance.arrayNode();
        double maxLag = 0;
        for (Job j : jobs) {
            Health h = j.monitor().health(now);
            ObjectNode entry = h.body().deepCopy();
            String failure = j.failure().get();
            if (failure != null) {
                entry.put("status", "FAILED");
                entry.put("error", failure);
                problems.add("job " + j.name() + " stopped: " + failure);
                failedJobs.add(j.name());
            } else if (!h.healthy()) {
                for (JsonNode p : h.body().path("problems")) {
                    problems.add("job " + j.name() + ": " + p.asText());
                }
            }
            maxLag = Math.max(maxLag, h.body().path("maxLagSeconds").asDouble(0));
            perJob.set(j.name(), entry);
        }
        boolean healthy = problems.isEmpty();
        body.put("status", healthy ? "UP" : "DOWN");
        body.put("up", true);
        body.put("maxLagSeconds", maxLag);
        body.set("failedJobs", failedJobs);
        body.set("problems", problems);
        body.set("jobs", perJob);
        return new Health(healthy, body);
    }

    @Override
    public ObjectNode status(long now) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("command", "sync");
        o.put("job", String.join(", ", jobs.stream().map(Job::name).toList()));
        o.put("now", now);
        o.set("health", health(now).body());
        ObjectNode totals = o.putObject("totals");
        ArrayNode shards = o.putArray("shards");
        for (Job j : jobs) {
            ObjectNode s = j.monitor().status(now);
            add(totals, (ObjectNode) s.path("totals"));
            for (JsonNode shard : s.path("shards")) {
                ObjectNode row = shard.deepCopy();
                row.put("shard", j.name() + "/" + shard.path("shard").asText());
                shards.add(row);
            }
        }
        return o;
    }

    /** Adds every number of {@code from} into {@code into}, recursively (the per-operation maps included). */
    private static void add(ObjectNode into, ObjectNode from) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                ObjectNode child = into.has(e.getKey()) ? (ObjectNode) into.get(e.getKey()) : into.putObject(e.getKey());
                add(child, (ObjectNode) e.getValue());
            } else if (e.getValue().isNumber()) {
                into.put(e.getKey(), into.path(e.getKey()).asLong(0) + e.getValue().asLong());
            }
        }
    }

    @Override
    public History.Sample sample(long now) {
        long read = 0;
        long written = 0;
        long lag = 0;
        for (Job j : jobs) {
            History.Sample s = j.monitor().sample(now);
            read += s.read();
            written += s.written();
            lag = Math.max(lag, s.maxLagMillis());
        }
        return new History.Sample(now, read, written, lag);
    }
}
