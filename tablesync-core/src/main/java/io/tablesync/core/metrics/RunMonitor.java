package io.tablesync.core.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the metrics port shows of one runner ({@code sync} or {@code run}): its meters live in the
 * registry; this gives {@code /health}, the status page's data and the samples of its charts.
 */
public interface RunMonitor {
    /** Registers meters for what appeared since the last call (e.g. a new shard); called before each scrape. */
    void refresh();

    /** Healthy or not, and why: the body of {@code /health}. */
    Health health(long nowMillis);

    /** The status page's data (everything but the history): totals, shards, health. */
    ObjectNode status(long nowMillis);

    /** Totals for the page's charts: records read and written so far, and the largest lag now. */
    History.Sample sample(long nowMillis);
}
