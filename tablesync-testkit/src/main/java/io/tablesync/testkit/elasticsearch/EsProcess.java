package io.tablesync.testkit.elasticsearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server process tree of one node. ES 8 starts a CLI launcher JVM that forks the server JVM, so
 * stopping signals the whole tree, not just the direct child.
 */
final class EsProcess {
    private final Process process;
    private final Path nodeDir;
    private final Path consoleLog;
    private volatile boolean stopped;

    EsProcess(Process process, Path nodeDir, Path consoleLog) {
        this.process = process;
        this.nodeDir = nodeDir;
        this.consoleLog = consoleLog;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    List<ProcessHandle> tree() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants()).toList();
    }

    /**
     * SIGTERM to every process of the tree (ES shuts down cleanly on it), SIGKILL after 30 s.
     * Data is deleted after a stop; logs stay under {@code target/es-nodes/} for post-mortems.
     */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        terminate();
        try {
            EsInstaller.deleteTree(nodeDir.resolve("data"));
            EsInstaller.deleteTree(nodeDir.resolve("tmp"));
        } catch (IOException ignored) {
            // best effort: target/ is cleaned by the build anyway
        }
    }

    /** SIGTERM to the tree (SIGKILL after 30 s); the node's data stays, so the node can start again on it. */
    void terminate() {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ProcessHandle h : tree) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The last lines of the console output and the server log, for error messages. */
    String logTail(int lines) {
        StringBuilder sb = new StringBuilder();
        appendTail(sb, consoleLog, lines);
        try (var files = Files.list(nodeDir.resolve("logs"))) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (p.getFileName().toString().endsWith(".log") && !p.equals(consoleLog) && !p.getFileName().toString().startsWith("gc")
                        && !p.getFileName().toString().contains("deprecation")) {
                    appendTail(sb, p, lines);
                }
            }
        } catch (IOException ignored) {
            // no log dir yet
        }
        return sb.toString();
    }

    private static void appendTail(StringBuilder sb, Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            sb.append("---- ").append(file).append('\n');
            for (String l : all.subList(Math.max(0, all.size() - lines), all.size())) {
                sb.append(l).append('\n');
            }
        } catch (IOException ignored) {
            // file not written (yet)
        }
    }
}
