package io.tablesync.core.metrics;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.element.Operation;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The head of a runner's status data, the same for {@code run} and {@code sync}: which command and job, the time, the
 * health, and the records read, written and dirty per operation under {@code totals} (where each runner adds its own
 * byte counts; {@code status} and the status page read both shapes alike).
 */
public final class StatusDocument {
    private StatusDocument() {
    }

    public static ObjectNode of(String command, String job, long now, Health health, ToLongFunction<Operation> read,
                                ToLongFunction<Operation> written, ToLongFunction<Operation> dirty) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("command", command);
        o.put("job", job);
        o.put("now", now);
        o.set("health", health.body());
        ObjectNode totals = o.putObject("totals");
        ObjectNode readNode = totals.putObject("read");
        ObjectNode writtenNode = totals.putObject("written");
        ObjectNode dirtyNode = totals.putObject("dirty");
        for (Operation op : Operation.values()) {
            String name = op.name().toLowerCase(Locale.ROOT);
            readNode.put(name, read.applyAsLong(op));
            writtenNode.put(name, written.applyAsLong(op));
            dirtyNode.put(name, dirty.applyAsLong(op));
        }
        return o;
    }

    /** The {@code totals} object of a document made by {@link #of}. */
    public static ObjectNode totals(ObjectNode status) {
        return (ObjectNode) status.get("totals");
    }
}
