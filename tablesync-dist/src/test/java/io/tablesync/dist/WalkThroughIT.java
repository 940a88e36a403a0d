package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.testkit.elasticsearch.EsDistribution;
import io.tablesync.testkit.elasticsearch.EsNode;
import io.tablesync.testkit.elasticsearch.EsNodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walk-through, run as it stands: the bash block between the walk-through markers is
 * executed from the repository root against the built distribution. It assumes an Elasticsearch on
 * 127.0.0.1:9200, which this test provides by forwarding that port to the testkit's node.
 */
class WalkThroughIT {
    private static final Path DIST = Path.of(System.getProperty("tablesync.dist", "target/tablesync")).toAbsolutePath();
    private static final Path REPO = DIST.getParent().getParent().getParent();

    @TempDir
    Path dir;

    @Test
    @ResourceLock(Ports.TABLESTORE_LOCAL_DEFAULT)
    void theReadmeWalkThroughWorksAsWritten() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"), StandardCharsets.UTF_8);
        int from = readme.indexOf("<!-- walk-through:start -->");
        int to = readme.indexOf("<!-- walk-through:end -->");
        assertThat(from).as("README has the walk-through block").isGreaterThan(0);
        String block = readme.substring(from, to);
        String script = block.substring(block.indexOf("```bash\n") + 8, block.lastIndexOf("```"));
        assertThat(portFree(8600)).as("port 8600 (tablestore-local's default) must be free for the walk-through").isTrue();
        assertThat(portFree(9200)).as("port 9200 (the walk-through's Elasticsearch) must be free").isTrue();

        EsNode es = EsNodes.shared(EsDistribution.ES_8);
        es.http().deleteIndex("school_index");
        URI target = URI.create(es.url());
        Path scriptFile = dir.resolve("walk-through.sh");
        Files.writeString(scriptFile, "set -e\n" + script);
        Path out = dir.resolve("out.log");
        try (Forwarder ignored = new Forwarder(9200, target.getHost(), target.getPort())) {
            ProcessBuilder pb = new ProcessBuilder("bash", scriptFile.toString()).directory(REPO.toFile())
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms64m -Xmx256m -XX:TieredStopAtLevel=1");
            Process p = pb.start();
            boolean done = p.waitFor(240, TimeUnit.SECONDS);
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(done).as(output).isTrue();
            assertThat(p.exitValue()).as(output).isEqualTo(0);
            assertThat(output).contains("读出记录总数").contains("\"_id\":\"u1\"").contains("\"name\":\"Alice\"")
                    .contains("\"phone\":\"999\"").contains("\"_id\":\"u3\"").doesNotContain("\"_id\":\"u2\"");
        } finally {
            // set -e may have left tablestore-local running; stop only the one this distribution started
            ProcessHandle.allProcesses().filter(ph -> ph.info().commandLine().map(c -> c.contains(DIST.toString())
                    && c.contains("tablestore-local")).orElse(false)).forEach(ProcessHandle::destroy);
        }
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A plain TCP forwarder from 127.0.0.1:port to the node. */
    private static final class Forwarder implements AutoCloseable {
        private final ServerSocket server;

        Forwarder(int port, String host, int targetPort) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket(host, targetPort);
                        pump(client.getInputStream(), upstream.getOutputStream(), client, upstream);
                        pump(upstream.getInputStream(), client.getOutputStream(), client, upstream);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "walk-through-forwarder");
            t.setDaemon(true);
            t.start();
        }

        private static void pump(InputStream in, OutputStream out, Socket a, Socket b) {
            Thread t = new Thread(() -> {
                try {
                    in.transferTo(out);
                } catch (IOException ignored) {
                    // the other side closed
                } finally {
                    try {
                        a.close();
                        b.close();
                    } catch (IOException ignored) {
                        // closing anyway
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
