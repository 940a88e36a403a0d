package io.tablesync.testkit.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A running single-node Elasticsearch/OpenSearch started by {@link EsLauncher}. Get shared ones from
 * {@link EsNodes}; a node is stopped by {@link #close()} or at JVM exit.
 */
public final class EsNode implements AutoCloseable {
    private final EsDistribution distribution;
    private final String scheme;
    private final int port;
    private final String username;
    private final String password;
    private final TestPki pki;
    private final Path nodeDir;
    private volatile EsProcess process;
    private final EsHttp http;
    private final String serverVersion;

    EsNode(EsDistribution distribution, String scheme, int port, String username, String password, TestPki pki,
           Path nodeDir, EsProcess process, String serverVersion) {
        this.distribution = distribution;
        this.scheme = scheme;
        this.port = port;
        this.username = username;
        this.password = password;
        this.pki = pki;
        this.nodeDir = nodeDir;
        this.process = process;
        this.serverVersion = serverVersion;
        this.http = new EsHttp(url(), username, password, pki == null ? null : pki.sslContext());
    }

    public EsDistribution distribution() {
        return distribution;
    }

    /** Version reported by the running server (e.g. "8.17.0"). */
    public String serverVersion() {
        return serverVersion;
    }

    public int majorVersion() {
        return distribution.majorVersion();
    }

    public boolean isOpenSearch() {
        return distribution.isOpenSearch();
    }

    public boolean secured() {
        return username != null;
    }

    public String scheme() {
        return scheme;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} or {@code https://localhost:<port>} (the certificate names both). */
    public String url() {
        return scheme + "://" + ("https".equals(scheme) ? "localhost" : "127.0.0.1") + ":" + port;
    }

    /** Superuser name on secured nodes, else null. */
    public String username() {
        return username;
    }

    /** Superuser password on secured nodes, else null. Tests must never print it. */
    public String password() {
        return password;
    }

    /** Certificates of a secured node (CA file, truststore), else null. */
    public TestPki pki() {
        return pki;
    }

    /** The testkit's HTTP client for this node, authenticated as the superuser when secured. */
    public EsHttp http() {
        return http;
    }

    public Path logDir() {
        return nodeDir.resolve("logs");
    }

    /** The node's processes (ES 8: launcher and server), for checks such as "not running as root". */
    public java.util.List<ProcessHandle> processes() {
        return process.tree();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * Asks the node for an API key; returns the value clients send as {@code Authorization: ApiKey <value>}.
     *
     * <p>None of the integ-test-zips can do this: API keys live in the {@code .security} index, whose
     * mapping needs the {@code pattern_capture} filter of the {@code analysis-common} module, which the
     * zips do not ship (the server answers 400 "Unknown filter type [pattern_capture]"). The method
     * throws {@link UnsupportedOperationException} with the server's answer so that API key tests skip
     * with that reason, and start running by themselves should a zip ever support it.
     */
    public String createApiKey(String name) {
        if (!secured()) {
            throw new UnsupportedOperationException(distribution + " node runs without security; API keys need a secured node");
        }
        EsHttp.Response r = http.post("/_security/api_key", "{\"name\":\"" + name + "\"}");
        if (r.status() == 400 && r.body().contains("pattern_capture")) {
            throw new UnsupportedOperationException(distribution + " integ-test-zip cannot store API keys (no analysis-common module for the "
                    + ".security index): " + r.body());
        }
        JsonNode json = r.expectOk().json();
        return Base64.getEncoder().encodeToString((json.path("id").asText() + ":" + json.path("api_key").asText())
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Restarts the node as an operator would: SIGTERM, then the same server on the same port, data and
     * config; returns once it answers again. Clients meanwhile see refused connections.
     */
    public synchronized void restart() {
        restart(() -> { });
    }

    /** The same, with {@code whileStopped} run between the stop and the start (an outage a test observes). */
    public synchronized void restart(Runnable whileStopped) {
        process.terminate();
        try {
            whileStopped.run();
        } finally {
            process = EsLauncher.relaunch(this, nodeDir);
        }
    }

    /** Stops the node (SIGTERM to the server and its launcher, then SIGKILL after a grace period). */
    @Override
    public void close() {
        process.stop();
    }

    @Override
    public String toString() {
        return distribution + " at " + url() + (secured() ? " (secured)" : "");
    }
}
