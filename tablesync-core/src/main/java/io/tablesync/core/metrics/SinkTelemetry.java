package io.tablesync.core.metrics;

/**
 * What a writer plugin measures about its requests, for the runner's metrics: each request's
 * latency and size, and each retry with its reason. Plugins reach it through their task's
 * {@link io.tablesync.core.spi.TaskPluginCollector#telemetry()}, so they depend on the core only and
 * never know whether (or how) a runner publishes it. Calls must be cheap and thread-safe.
 */
public interface SinkTelemetry {
    /** HTTP 429: the server is overloaded. */
    String RETRY_TOO_MANY_REQUESTS = "too_many_requests";
    /** HTTP 5xx: the server is unavailable or failed. */
    String RETRY_SERVER_ERROR = "server_error";
    /** No answer: connection refused or reset, timeout. */
    String RETRY_IO_ERROR = "io_error";
    /** A partial update met a concurrent change of its document (HTTP 409). */
    String RETRY_VERSION_CONFLICT = "version_conflict";

    /** Records nothing: what a task gets when its runner serves no metrics. */
    SinkTelemetry NONE = new SinkTelemetry() {
        @Override
        public void request(long nanos, int actions, long bytes, String failure) {
        }

        @Override
        public void retried(String reason, int items) {
        }
    };

    /**
     * One request to the sink (one attempt, retries included as requests of their own).
     *
     * @param nanos   from sending to the complete answer
     * @param actions documents it carried
     * @param bytes   body size
     * @param failure why no answer came (e.g. "I/O error: Connection refused"), or null when the server answered
     */
    void request(long nanos, int actions, long bytes, String failure);

    /** {@code items} documents are sent again because of {@code reason} (one of the RETRY_ constants, or a short word). */
    void retried(String reason, int items);
}
