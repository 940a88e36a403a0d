package io.tablesync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU seconds per thread of the Java processes a process started (its descendants, e.g. the JVM behind
 * {@code /usr/bin/time python3 datax.py}), read from /proc every 100 ms while they run and summed by thread
 * name with the digits masked ({@code 0-0-0-reader-shard-3} and {@code -1} count as one). Linux's thread
 * names are cut at 15 characters. The last 100 ms of a thread's life are not seen.
 */
public final class ThreadCpuSampler implements AutoCloseable {
    private final ProcessHandle root;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "thread-cpu-sampler");
        t.setDaemon(true);
        return t;
    });
    /** Per "pid/tid": the thread's name and its CPU seconds when last seen. */
    private final Map<String, Map.Entry<String, Double>> seen = new HashMap<>();

    private ThreadCpuSampler(ProcessHandle root) {
        this.root = root;
        timer.scheduleAtFixedRate(this::sample, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** Starts sampling the Java processes below {@code process}. */
    public static ThreadCpuSampler of(Process process) {
        return new ThreadCpuSampler(process.toHandle());
    }

    private synchronized void sample() {
        List<ProcessHandle> javas = root.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).toList();
        for (ProcessHandle p : javas) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc/" + p.pid() + "/task"))) {
                tasks.forEach(task -> read(p.pid(), task));
            } catch (IOException | RuntimeException e) {
                // the process ended between the listing and the read
            }
        }
    }

    private void read(long pid, Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            seen.put(pid + "/" + task.getFileName(), Map.entry(name.replaceAll("\\d+", "N"), ProcessCpu.fromStat(stat)));
        } catch (IOException | RuntimeException e) {
            // the thread ended between the listing and the read
        }
    }

    /** Stops sampling. */
    @Override
    public synchronized void close() {
        timer.shutdownNow();
    }

    /** CPU seconds by thread name, largest first. */
    public synchronized Map<String, Double> byThreadName() {
        Map<String, Double> sums = new HashMap<>();
        seen.values().forEach(e -> sums.merge(e.getKey(), e.getValue(), Double::sum));
        Map<String, Double> sorted = new LinkedHashMap<>();
        sums.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** "name 1.23 s, other 0.45 s, …" for the {@code top} largest, the rest summed as "others". */
    public String describe(int top) {
        StringBuilder sb = new StringBuilder();
        double rest = 0;
        int i = 0;
        for (Map.Entry<String, Double> e : byThreadName().entrySet()) {
            if (i++ < top) {
                sb.append(sb.isEmpty() ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue()));
            } else {
                rest += e.getValue();
            }
        }
        return sb.append(String.format(java.util.Locale.ROOT, ", others %.2f s", rest)).toString();
    }
}
