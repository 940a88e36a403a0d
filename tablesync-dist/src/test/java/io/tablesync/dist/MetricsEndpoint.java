package io.tablesync.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metrics port of a running {@code sync}: its address is read from the process's log. */
final class MetricsEndpoint {
    private static final Pattern LISTENING = Pattern.compile("metrics on http://[^:]+:(\\d+)/metrics");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer of /health: its HTTP status and body. */
    record HealthAnswer(int status, JsonNode body) {
    }

    final int port;

    private MetricsEndpoint(int port) {
        this.port = port;
    }

    /** Waits until the sync process logged where it serves metrics. */
    static MetricsEndpoint of(SyncProcess sync) throws InterruptedException {
        return fromLog(sync::log, sync::isAlive);
    }

    /** Waits until a process's log (read again and again) says where it serves metrics. */
    static MetricsEndpoint fromLog(Supplier<String> log, BooleanSupplier alive) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(log.get());
            if (m.find()) {
                return new MetricsEndpoint(Integer.parseInt(m.group(1)));
            }
            if (!alive.getAsBoolean()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no metrics port in the log:\n" + log.get());
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every sample of /metrics by series ({@code name{labels}} as printed), comments left out. */
    Map<String, Double> scrape() {
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + r.statusCode() + ": " + r.body());
        }
        return parse(r.body());
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    /** The sum of every series of {@code name} whose labels include all of {@code labels} (e.g. {@code stage="read"}). */
    static double sum(Map<String, Double> scrape, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (Map.Entry<String, Double> e : scrape.entrySet()) {
            String series = e.getKey();
            if (!series.equals(name) && !series.startsWith(name + "{")) {
                continue;
            }
            boolean all = true;
            for (String l : labels) {
                all &= series.contains(l);
            }
            if (all) {
                sum += e.getValue();
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no series " + name + " with " + String.join(",", labels) + " in " + scrape.keySet());
        }
        return sum;
    }

    HealthAnswer health() {
        HttpResponse<String> r = get("/health");
        try {
            return new HealthAnswer(r.statusCode(), JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new AssertionError("/health is not JSON: " + r.body(), e);
        }
    }

    JsonNode statusJson() {
        try {
            return JSON.readTree(get("/status.json").body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
