package io.tablesync.core.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tablesync.core.config.SecretMasker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics port: {@code /metrics} (Prometheus text format), {@code /health} (JSON, 200 or 503),
 * {@code /status.json} (the status page's data, with the last minutes of samples) and {@code /} (the
 * status page: one HTML file with its script and charts inline). The JDK's HTTP server on one daemon
 * thread is enough for a scraper and a few browsers, and adds no dependency.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 300 samples 2 s apart: the page's charts show the last 10 minutes. */
    static final long SAMPLE_MILLIS = 2000;
    static final int SAMPLES = 300;

    private final HttpServer server;
    private final PrometheusMeterRegistry registry;
    private final RunMonitor monitor;
    private final LongSupplier clock;
    private final History history = new History(SAMPLES);
    private final ScheduledExecutorService sampler;
    private final byte[] page;

    private MetricsServer(HttpServer server, PrometheusMeterRegistry registry, RunMonitor monitor, LongSupplier clock) {
        this.server = server;
        this.registry = registry;
        this.monitor = monitor;
        this.clock = clock;
        this.page = statusPage();
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "metrics-sampler"));
    }

    /**
     * Listens on every interface at {@code port} (0: a free one, see {@link #port()}).
     *
     * @throws IllegalArgumentException when the port cannot be bound (in use, not allowed), with a message for the user
     */
    public static MetricsServer start(int port, PrometheusMeterRegistry registry, RunMonitor monitor) {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (BindException e) {
            throw new IllegalArgumentException("--metrics-port " + port + ": cannot listen there (" + e.getMessage()
                    + "); pick a free port", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MetricsServer s = new MetricsServer(http, registry, monitor, System::currentTimeMillis);
        http.createContext("/", s::handle);
        http.setExecutor(Executors.newSingleThreadExecutor(r -> daemon(r, "metrics-http")));
        http.start();
        s.sampler.scheduleAtFixedRate(s::sample, 0, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
        LOG.info("metrics on http://{}:{}/metrics, health on /health, status page on /", "0.0.0.0", s.port());
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void sample() {
        try {
            history.add(monitor.sample(clock.getAsLong()));
        } catch (RuntimeException e) {
            LOG.debug("status sample failed", e); // the next one is 2 s away; the page shows a gap
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain; charset=utf-8", "only GET\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            long now = clock.getAsLong();
            switch (ex.getRequestURI().getPath()) {
                case "/metrics" -> {
                    monitor.refresh();
                    send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8));
                }
                case "/health" -> {
                    Health h = monitor.health(now);
                    send(ex, h.httpStatus(), "application/json", json(h.body()));
                }
                case "/status.json" -> {
                    ObjectNode status = monitor.status(now);
                    status.set("history", history.toJson());
                    send(ex, 200, "application/json", json(status));
                }
                case "/", "/index.html" -> send(ex, 200, "text/html; charset=utf-8", page);
                default -> send(ex, 404, "text/plain; charset=utf-8",
                        "not found: try /metrics, /health, /status.json or /\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            LOG.warn("metrics request {} failed", ex.getRequestURI(), e);
            send(ex, 500, "text/plain; charset=utf-8", ("internal error: " + e + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Error texts in the JSON (a failing endpoint, a phase's reason) are scrubbed of the job's secrets, as log lines are. */
    private static byte[] json(ObjectNode body) throws IOException {
        return SecretMasker.scrubRegistered(JSON.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] statusPage() {
        try (InputStream in = MetricsServer.class.getResourceAsStream("status.html")) {
            if (in == null) {
                throw new IllegalStateException("status.html is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
        server.stop(0);
        if (server.getExecutor() instanceof java.util.concurrent.ExecutorService e) {
            e.shutdownNow();
        }
    }
}
