package io.tablesync.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tablesync.core.metrics.Meters;
import io.tablesync.core.metrics.MetricsServer;
import io.tablesync.core.metrics.RunMonitor;
import io.tablesync.core.metrics.SinkMeters;
import java.util.function.BiFunction;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** {@code --metrics-port}, as {@code run} and {@code sync} take it: Prometheus metrics, /health and the status page. */
final class MetricsPort {
    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://HOST:PORT/metrics, health on /health (200 or 503, JSON) and"
                    + " a status page on / (all interfaces; 0 picks a free port and logs it). Default: none.")
    Integer port;

    /** Whether metrics are asked for. */
    boolean enabled() {
        return port != null;
    }

    /**
     * Binds the port and serves the monitor {@code monitorFor} makes from the new registry and the writer's
     * telemetry; null when no port was asked for.
     *
     * @throws IllegalArgumentException the port cannot be bound, or is out of range
     */
    MetricsServer start(BiFunction<PrometheusMeterRegistry, SinkMeters, RunMonitor> monitorFor) {
        return serve(registry -> monitorFor.apply(registry, new SinkMeters(registry, System::currentTimeMillis)));
    }

    /** As {@link #start}, for a monitor that makes its own writer telemetry (one per job of a multi-job sync). */
    MetricsServer serve(Function<PrometheusMeterRegistry, RunMonitor> monitorFor) {
        if (port == null) {
            return null;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--metrics-port must be between 0 and 65535, not " + port);
        }
        PrometheusMeterRegistry registry = Meters.newRegistry();
        return MetricsServer.start(port, registry, monitorFor.apply(registry));
    }

    /** The job's name for the page and /health: its file name, without a URL's credentials or query. */
    static String jobName(String location) {
        String path = location.replaceAll("[?#].*$", "");
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
