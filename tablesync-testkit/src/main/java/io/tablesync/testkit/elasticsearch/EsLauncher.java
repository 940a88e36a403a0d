package io.tablesync.testkit.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts one single-node server from an integ-test-zip.
 *
 * <ul>
 *   <li>Node files live in {@code target/es-nodes/<name>/} (config, data, logs, tmp); the unpacked
 *       distribution is shared and never written to.</li>
 *   <li>HTTP and transport bind to 127.0.0.1 on free ports; single-node discovery, so no bootstrap
 *       checks and no cluster formation wait.</li>
 *   <li>Heap from {@code -Dtablesync.es.heap} (default 256m): the machines running tests are small. More JVM
 *       options from {@code -Dtablesync.es.jvmOptions} (the test modules' poms ask for C1 only: faster starts).</li>
 *   <li>Java: the test JVM's, or for servers that need a newer one a JDK chosen by {@link ServerJava}.</li>
 *   <li>Elasticsearch refuses to run as root, so under root the server runs as {@code nobody} via
 *       {@code setpriv}, owning its node directory.</li>
 *   <li>Ready = {@code GET /_cluster/health} answers 200. {@code GET /} is not used: the ES 8
 *       integ-test-zip answers it with 405.</li>
 * </ul>
 */
public final class EsLauncher {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final int UNPRIVILEGED_ID = 65534; // nobody / nogroup
    static final String SUPERUSER = "tablesync_admin";

    private EsLauncher() {
    }

    /** Starts a node; {@code secured} turns on x-pack security with HTTPS, basic auth and API keys. */
    public static EsNode start(EsDistribution dist, boolean secured) {
        if (secured && !dist.supportsSecurity()) {
            throw new UnsupportedOperationException(dist + " integ-test-zip has no security module");
        }
        Path home = EsInstaller.install(dist);
        String name = dist.product() + "-" + dist.version() + (secured ? "-secured" : "") + "-" + ProcessHandle.current().pid()
                + "-" + SEQ.incrementAndGet();
        Path nodeDir = EsInstaller.workDir().resolve("es-nodes").resolve(name);
        try {
            EsInstaller.deleteTree(nodeDir);
            Path config = nodeDir.resolve("config");
            for (String d : new String[] {"config", "data", "logs", "tmp"}) {
                Files.createDirectories(nodeDir.resolve(d));
            }
            copyConfig(home.resolve("config"), config);
            int httpPort = freePort();
            int transportPort = freePort();
            String password = null;
            TestPki pki = null;
            if (secured) {
                password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
                pki = TestPki.shared().copyTo(config.resolve("tls"));
                FileRealmUsers.writeSuperuser(config, SUPERUSER, password);
            }
            Files.writeString(config.resolve(dist.product() + ".yml"), settings(dist, name, nodeDir, httpPort, transportPort, secured));
            if (isRoot()) {
                chown(nodeDir);
            }
            EsProcess process = launch(dist, home, nodeDir);
            String scheme = secured ? "https" : "http";
            EsNode probe = new EsNode(dist, scheme, httpPort, secured ? SUPERUSER : null, password, pki, nodeDir, process, null);
            String version = awaitReady(probe, process, name);
            return new EsNode(dist, scheme, httpPort, secured ? SUPERUSER : null, password, pki, nodeDir, process, version);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + dist + " in " + nodeDir, e);
        }
    }

    /** Starts the server process of a prepared node directory (config, data, logs); its console output is appended. */
    private static EsProcess launch(EsDistribution dist, Path home, Path nodeDir) throws IOException {
        Path console = nodeDir.resolve("logs").resolve("console.log");
        ProcessBuilder pb = new ProcessBuilder(command(home.resolve("bin").resolve(dist.product()).toString()))
                .directory(nodeDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE); // ES 8 server exits when its launcher's stdin closes: keep it open
        environment(pb.environment(), dist, nodeDir);
        return new EsProcess(pb.start(), nodeDir, console);
    }

    /** Starts a stopped node again on its own directory (same port, data, config); returns once it answers. */
    static EsProcess relaunch(EsNode node, Path nodeDir) {
        EsDistribution dist = node.distribution();
        try {
            EsProcess process = launch(dist, EsInstaller.install(dist), nodeDir);
            awaitReady(node, process, nodeDir.getFileName().toString());
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart " + dist + " in " + nodeDir, e);
        }
    }

    private static String settings(EsDistribution dist, String name, Path nodeDir, int httpPort, int transportPort, boolean secured) {
        List<String> s = new ArrayList<>();
        s.add("cluster.name: " + name);
        s.add("node.name: node-0");
        s.add("path.data: " + nodeDir.resolve("data"));
        s.add("path.logs: " + nodeDir.resolve("logs"));
        s.add("network.host: 127.0.0.1");
        s.add("http.port: " + httpPort);
        // 6.8 only knows the old name; 7+ and OpenSearch the new one.
        s.add((dist.majorVersion() == 6 ? "transport.tcp.port: " : "transport.port: ") + transportPort);
        s.add("discovery.type: single-node");
        // tests fill disks of shared CI machines: never turn indices read-only
        s.add("cluster.routing.allocation.disk.threshold_enabled: false");
        if (dist.supportsSecurity()) {
            s.add("xpack.security.enabled: " + secured);
            if (secured) {
                s.add("xpack.security.http.ssl.enabled: true");
                s.add("xpack.security.http.ssl.key: tls/node.key");
                s.add("xpack.security.http.ssl.certificate: tls/node.crt");
                s.add("xpack.security.http.ssl.certificate_authorities: [ \"tls/ca.crt\" ]");
                s.add("xpack.security.authc.api_key.enabled: true");
            }
        }
        return String.join("\n", s) + "\n";
    }

    /** Copies the distribution's config, dropping heap and GC-log lines from jvm.options (we set the heap). */
    private static void copyConfig(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path src : (Iterable<Path>) walk::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else if (src.getFileName().toString().equals("jvm.options")) {
                    String kept = Files.readAllLines(src).stream()
                            .filter(l -> !l.matches("^(\\d+-?\\d*:)?-Xm[sx].*") && !l.contains("-Xlog:gc") && !l.contains("-Xloggc")
                                    && !l.contains("AlwaysPreTouch"))
                            .collect(Collectors.joining("\n"));
                    Files.writeString(dst, kept + "\n");
                } else {
                    Files.copy(src, dst);
                }
            }
        }
    }

    private static void environment(Map<String, String> env, EsDistribution dist, Path nodeDir) {
        String heap = System.getProperty("tablesync.es.heap", "256m");
        String javaHome = ServerJava.home(dist).toString();
        String prefix = dist.isOpenSearch() ? "OPENSEARCH" : "ES";
        env.keySet().removeIf(k -> k.startsWith("ES_") || k.startsWith("OPENSEARCH_") || k.equals("CLI_JAVA_OPTS") || k.equals("JAVA_TOOL_OPTIONS")
                || k.equals("_JAVA_OPTIONS") || k.equals("JDK_JAVA_OPTIONS"));
        env.put("JAVA_HOME", javaHome); // 6.8 reads only this one
        env.put(prefix + "_JAVA_HOME", javaHome);
        env.put(prefix + "_PATH_CONF", nodeDir.resolve("config").toString());
        env.put(prefix + "_TMPDIR", nodeDir.resolve("tmp").toString());
        String extra = System.getProperty("tablesync.es.jvmOptions", "").trim();
        env.put(prefix + "_JAVA_OPTS", ("-Xms" + heap + " -Xmx" + heap + " " + extra).trim());
        if (!extra.isEmpty()) {
            env.put("CLI_JAVA_OPTS", extra); // the launcher JVM of Elasticsearch 8+, which forks the server
        }
        env.put("HOME", nodeDir.toString());
    }

    private static List<String> command(String executable) {
        List<String> cmd = new ArrayList<>();
        if (isRoot()) {
            cmd.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_ID, "--regid=" + UNPRIVILEGED_ID, "--clear-groups", "--"));
        }
        cmd.add(executable);
        return cmd;
    }

    private static String awaitReady(EsNode node, EsProcess process, String name) {
        long timeoutMs = Long.getLong("tablesync.es.startTimeoutMs", 240_000);
        long deadline = System.currentTimeMillis() + timeoutMs;
        Exception last = null;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(node.distribution() + " node " + name + " exited during startup. Logs in "
                        + node.logDir() + ":\n" + process.logTail(40));
            }
            try {
                EsHttp.Response r = node.http().get("/_cluster/health");
                if (r.ok()) {
                    return serverVersion(node);
                }
            } catch (RuntimeException e) {
                last = e; // not listening yet
            }
            sleep(300);
        }
        process.stop();
        throw new IllegalStateException(node.distribution() + " node " + name + " not ready after " + timeoutMs + " ms (last: " + last
                + "). Logs in " + node.logDir() + ":\n" + process.logTail(40));
    }

    /** The version the server reports, from the node info API (works where {@code GET /} does not). */
    private static String serverVersion(EsNode node) {
        JsonNode nodes = node.http().get("/_nodes/_local?filter_path=nodes.*.version").expectOk().json().path("nodes");
        return nodes.elements().hasNext() ? nodes.elements().next().path("version").asText() : null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void chown(Path dir) throws IOException {
        Process p = new ProcessBuilder("chown", "-R", UNPRIVILEGED_ID + ":" + UNPRIVILEGED_ID, dir.toString())
                .redirectErrorStream(true).start();
        try {
            if (p.waitFor() != 0) {
                throw new IOException("chown failed: " + new String(p.getInputStream().readAllBytes()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the node", e);
        }
    }
}
