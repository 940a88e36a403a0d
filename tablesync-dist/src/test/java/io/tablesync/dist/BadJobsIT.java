package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every job in src/test/resources/bad-jobs/ is a user mistake. Each file says in its leading
 * comments what the message must contain ({@code // expect:}) and which values are secrets
 * ({@code // secret:}). Run through {@code bin/tablesync run} of a copy of the distribution (so its
 * log/ is this test's), each must exit 1 with that message, no stack frame of ours or a library's,
 * and no secret anywhere: stdout, stderr, or the files under log/.
 */
class BadJobsIT {
    private static final Path DIST = Path.of(System.getProperty("tablesync.dist", "target/tablesync"));
    private static final Path CORPUS = Path.of("src/test/resources/bad-jobs");

    @TempDir
    Path dir;

    record Outcome(Path job, int exit, String output) {
    }

    @Test
    void everyBadJobExits1NamingTheKeyWithoutStackTraceOrSecret() throws Exception {
        Path home = homeCopy();
        List<Path> jobs;
        try (Stream<Path> s = Files.list(CORPUS)) {
            jobs = s.filter(p -> p.toString().endsWith(".json")).sorted().collect(Collectors.toList());
        }
        assertThat(jobs).hasSizeGreaterThan(25);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Outcome>> runs = new ArrayList<>();
        for (Path job : jobs) {
            runs.add(pool.submit(() -> run(home, job)));
        }
        List<String> problems = new ArrayList<>();
        List<String> allSecrets = new ArrayList<>();
        for (Future<Outcome> f : runs) {
            Outcome o = f.get(120, TimeUnit.SECONDS);
            List<String> header = header(o.job());
            String name = o.job().getFileName().toString();
            if (o.exit() != 1) {
                problems.add(name + ": exit " + o.exit());
            }
            for (String line : header) {
                if (line.startsWith("expect: ") && !o.output().contains(line.substring(8))) {
                    problems.add(name + ": no \"" + line.substring(8) + "\"");
                }
                if (line.startsWith("secret: ")) {
                    allSecrets.add(line.substring(8));
                    if (o.output().contains(line.substring(8))) {
                        problems.add(name + ": printed the secret " + line.substring(8));
                    }
                }
            }
            if (o.output().contains("at io.") || o.output().contains("at com.")) {
                problems.add(name + ": stack trace");
            }
            if (!problems.isEmpty() && problems.get(problems.size() - 1).startsWith(name)) {
                problems.add("---- " + name + " output:\n" + o.output());
            }
        }
        pool.shutdown();
        String logs = logText(home.resolve("log"));
        assertThat(logs).as("log/ was written").isNotEmpty();
        for (String s : allSecrets) {
            if (logs.contains(s)) {
                problems.add("log/ contains the secret " + s);
            }
        }
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    private static List<String> header(Path job) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(job, StandardCharsets.ISO_8859_1)) {
            if (!line.startsWith("// ")) {
                break;
            }
            out.add(line.substring(3));
        }
        return out;
    }

    private Outcome run(Path home, Path job) throws Exception {
        Path out = Files.createTempFile(dir, "out-", ".log");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/tablesync").toString(), "run", job.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms64m -Xmx256m -XX:TieredStopAtLevel=1");
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Outcome(job, -1, "timed out\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Outcome(job, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** bin/ and conf/ copied, lib/ linked: bin/tablesync finds its home from its own path, so log/ is ours. */
    private Path homeCopy() throws IOException {
        Path home = dir.resolve("home");
        for (String d : new String[] {"bin", "conf"}) {
            Files.createDirectories(home.resolve(d));
            try (Stream<Path> s = Files.list(DIST.resolve(d))) {
                for (Path f : s.collect(Collectors.toList())) {
                    if (Files.isRegularFile(f)) {
                        Files.copy(f, home.resolve(d).resolve(f.getFileName()));
                        home.resolve(d).resolve(f.getFileName()).toFile().setExecutable(true);
                    }
                }
            }
        }
        Files.createSymbolicLink(home.resolve("lib"), DIST.resolve("lib").toAbsolutePath());
        return home;
    }

    private static String logText(Path logDir) throws IOException {
        if (!Files.isDirectory(logDir)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(logDir)) {
            for (Path f : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                sb.append(Files.readString(f, StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }
}
