package io.tablesync.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A real {@code bin/tablesync sync} process of the built distribution, its output in a log file. */
final class SyncProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private SyncProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static SyncProcess start(Path job, Path logDir, String name, String... args) {
        return start(job, logDir, name, Map.of(), args);
    }

    static SyncProcess start(Path job, Path logDir, String name, Map<String, String> env, String... args) {
        return startCommand("sync", job, logDir, name, env, args);
    }

    /** {@code bin/tablesync COMMAND JOB ARGS...} (e.g. {@code flink}), its output in {@code logDir/name.log}. */
    static SyncProcess startCommand(String command, Path job, Path logDir, String name, Map<String, String> env,
                                    String... args) {
        Path dist = Path.of(System.getProperty("tablesync.dist"));
        List<String> cmd = new ArrayList<>(List.of(command, job.toString()));
        cmd.addAll(List.of(args));
        return startIn(dist, logDir, name, env, cmd);
    }

    /** {@code HOME/bin/tablesync ARGS...} with {@code HOME} as working directory (an unpacked release, say). */
    static SyncProcess startIn(Path home, Path logDir, String name, Map<String, String> env, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/tablesync").toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms256m -Xmx256m");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Path log = logDir.resolve(name + ".log");
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            return new SyncProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no checkpoint. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Sends a signal by name (STOP freezes the process, CONT resumes it). */
    void signal(String name) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    /** SIGTERM; the exit code, or -1 if it did not exit within the timeout. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** Waits until the log contains {@code text}; false if the process died or time ran out first. */
    boolean awaitLog(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    int waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<no log: " + e + ">";
        }
    }

    /** Kills a process still running and echoes its log into the test's output (failsafe keeps it in the report). */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        System.out.println("----- " + log.getFileName() + " -----");
        System.out.println(log());
    }
}
