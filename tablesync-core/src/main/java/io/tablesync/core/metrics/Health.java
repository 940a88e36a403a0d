package io.tablesync.core.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer of {@code /health}: HTTP 200 when healthy, 503 when not; the body says why
 * ({@code problems}) and what was checked.
 */
public record Health(boolean healthy, ObjectNode body) {
    public int httpStatus() {
        return healthy ? 200 : 503;
    }
}
