package io.tablesync.core.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;

/** The last minutes of totals, sampled at a fixed interval, for the status page's charts. */
public final class History {
    /** Records read and written so far, and the largest lag, at one moment. */
    public record Sample(long atMillis, long read, long written, long maxLagMillis) {
    }

    private final int capacity;
    private final ArrayDeque<Sample> samples;

    public History(int capacity) {
        this.capacity = capacity;
        this.samples = new ArrayDeque<>(capacity);
    }

    public synchronized void add(Sample s) {
        if (samples.size() == capacity) {
            samples.removeFirst();
        }
        samples.addLast(s);
    }

    /** Oldest first: {@code [{"t": ms, "read": n, "written": n, "lagSeconds": s}, …]}. */
    public synchronized ArrayNode toJson() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Sample s : samples) {
            ObjectNode o = out.addObject();
            o.put("t", s.atMillis());
            o.put("read", s.read());
            o.put("written", s.written());
            o.put("lagSeconds", s.maxLagMillis() / 1000.0);
        }
        return out;
    }
}
