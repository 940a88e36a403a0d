package io.tablesync.bench.engine;

import io.tablesync.core.engine.Engine;
import io.tablesync.core.engine.JobOutcome;
import io.tablesync.core.engine.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * streamreader → streamwriter (print:false), 5 constant columns (long, string, double, bool, date):
 * the job DataX is measured with. Part 1 runs the engine in this JVM (start with -Xmx256m) for 1
 * and 4 channels; part 2 times whole {@code bin/tablesync run} processes, JVM start included.
 *
 * <p>Usage: {@code java -Xms256m -Xmx256m -cp ... StreamThroughputBench DIST_DIR [records] [runs]}
 */
public final class StreamThroughputBench {
    private static final String JOB = "{\"job\":{\"setting\":{\"speed\":{\"channel\":%d}},\"content\":[{"
            + "\"reader\":{\"name\":\"streamreader\",\"parameter\":{\"column\":["
            + "{\"type\":\"long\",\"value\":\"10\"},{\"type\":\"string\",\"value\":\"hello\"},"
            + "{\"type\":\"double\",\"value\":\"3.14\"},{\"type\":\"bool\",\"value\":\"true\"},"
            + "{\"type\":\"date\",\"value\":\"2024-01-01 00:00:00\"}],\"sliceRecordCount\":%d}},"
            + "\"writer\":{\"name\":\"streamwriter\",\"parameter\":{\"print\":false}}}]}}";

    private StreamThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dist = Path.of(args.length > 0 ? args[0] : "tablesync-dist/target/tablesync");
        long records = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.version"));
        System.out.println("| channels | records | median s | records/s | MB/s |");
        System.out.println("|---|---|---|---|---|");
        for (int channels : new int[] {1, 4}) {
            Path job = Files.createTempFile("bench", ".json");
            Files.writeString(job, String.format(Locale.ROOT, JOB, channels, records / channels));
            runEngine(job, 1); // warm-up
            List<Double> secs = new ArrayList<>();
            long bytes = 0;
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                JobOutcome o = runEngine(job, 1);
                secs.add((System.nanoTime() - t0) / 1e9);
                bytes = o.snapshot().readSucceedBytes();
                if (o.exitCode() != 0 || o.snapshot().writeReceivedRecords() != records) {
                    throw new IllegalStateException("bench job failed: " + o);
                }
            }
            double median = median(secs);
            System.out.printf(Locale.ROOT, "| %d | %d | %.3f | %,.0f | %.1f |%n", channels, records, median,
                    records / median, bytes / median / (1 << 20));
        }
        System.out.println();
        // bin/tablesync run compiles with C1 only (a one-off command); the same job with C2 back, alternating, beside it
        Map<String, String> variants = new java.util.LinkedHashMap<>();
        variants.put("default (C1 only)", "-Xms256m -Xmx256m");
        variants.put("-XX:TieredStopAtLevel=4 (C2)", "-Xms256m -Xmx256m -XX:TieredStopAtLevel=4");
        System.out.println("whole process, bin/tablesync run, 1 channel, TABLESYNC_JVM_OPTS as given, alternating:");
        Path job = Files.createTempFile("bench", ".json");
        Files.writeString(job, String.format(Locale.ROOT, JOB, 1, records));
        Map<String, List<Double>> walls = new java.util.LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (Map.Entry<String, String> v : variants.entrySet()) {
                ProcessBuilder pb = new ProcessBuilder(dist.resolve("bin/tablesync").toString(), "run", job.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
                pb.environment().put("TABLESYNC_JVM_OPTS", v.getValue());
                long t0 = System.nanoTime();
                Process p = pb.start();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("bin/tablesync failed");
                }
                walls.computeIfAbsent(v.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e9);
            }
        }
        walls.forEach((name, w) -> {
            Collections.sort(w);
            System.out.printf(Locale.ROOT, "%d records, %s: median wall %.2f s, min %.2f s, max %.2f s over %d runs%n", records, name,
                    median(w), w.get(0), w.get(w.size() - 1), runs);
        });
    }

    private static JobOutcome runEngine(Path job, int unused) {
        return new Engine(new Engine.Options(job.toString(), Map.of(), null, 0), PluginRegistry.fromClassPath()).run();
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
