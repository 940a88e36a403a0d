package io.tablesync.tablestore.local.http;

import com.sun.net.httpserver.HttpServer;
import io.tablesync.tablestore.local.action.Actions;
import io.tablesync.tablestore.local.engine.Database;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK HTTP server bound to 127.0.0.1, with a worker pool (the JDK default would handle every request on its
 * single dispatcher thread). Protocol calls go to {@link OtsHandler}, admin calls under /_local/ to
 * {@link AdminHandler}.
 */
public final class OtsHttpServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; with Nagle on, the body waits for the client's delayed
        // ACK (~40 ms per call). The property is read once when the server classes load, so set it first.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService workers;

    public OtsHttpServer(String host, int port, Database db, Map<String, String> secrets, String instance, int threads,
                         Set<String> withheldActions) throws IOException {
        Actions actions = new Actions(db, withheldActions);
        server = HttpServer.create(new InetSocketAddress(host, port), 256);
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tablestore-local-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", new OtsHandler(actions, new RequestAuthenticator(secrets, instance)));
        server.createContext("/_local/", new AdminHandler(db));
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdown();
        try {
            workers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
