package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled distribution, driven the way users drive it: bin/tablesync and python bin/datax.py. */
class DistributionIT {
    private static final Path DIST = Path.of(System.getProperty("tablesync.dist", "target/tablesync"));
    private static final String JVM = "-Xms256m -Xmx256m";

    @TempDir
    Path dir;

    record Result(int exitCode, String output) {
    }

    private Path job(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static String streamJob(String readerExtra, String writer, String settingExtra, String core) {
        return "{" + core + "\"job\":{\"setting\":{\"speed\":{\"channel\":1}" + settingExtra + "},\"content\":[{"
                + "\"reader\":{\"name\":\"streamreader\",\"parameter\":{\"column\":["
                + "{\"type\":\"long\",\"value\":\"10\"},{\"type\":\"string\",\"value\":\"hello\"},"
                + "{\"type\":\"double\",\"value\":\"3.14\"},{\"type\":\"bool\",\"value\":\"true\"},"
                + "{\"type\":\"date\",\"value\":\"2024-01-01 00:00:00\"}]" + readerExtra + "}},"
                + "\"writer\":{\"name\":\"streamwriter\",\"parameter\":" + writer + "}}]}}";
    }

    private Process start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out-" + System.nanoTime() + ".log").toFile());
        pb.environment().put("TABLESYNC_JVM_OPTS", JVM);
        return pb.start();
    }

    private Result run(String... command) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("TABLESYNC_JVM_OPTS", JVM);
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /**
     * The launchers' JVM command lines, read through a stand-in {@code java} (JAVA_HOME) that prints its arguments: one-off
     * commands compile with C1 only (BENCHMARKS.md, issue 14), the long-running ones keep C2, and the user's options win.
     */
    @Test
    void oneOffCommandsCompileWithC1OnlyTheLongRunningOnesKeepC2AndUserOptionsWin() throws Exception {
        Path javaHome = dir.resolve("jdk");
        Files.createDirectories(javaHome.resolve("bin"));
        Path java = javaHome.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\necho \"JVM $*\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Path job = job("job.json", streamJob(",\"sliceRecordCount\":1", "{\"print\":false}", "", ""));
        String c1 = "-XX:TieredStopAtLevel=1";
        assertThat(jvmLine(javaHome, null, tablesync(), "run", job.toString())).contains(" " + c1 + " ");
        assertThat(jvmLine(javaHome, null, tablesync(), "check", job.toString())).contains(" " + c1 + " ");
        assertThat(jvmLine(javaHome, null, "python3", dataxPy(), job.toString())).contains(" " + c1 + " ");
        for (String daemon : List.of("sync", "verify", "flink")) {
            assertThat(jvmLine(javaHome, null, tablesync(), daemon, job.toString())).as(daemon).doesNotContain("TieredStopAtLevel");
        }
        String run = jvmLine(javaHome, "-Xmx300m -XX:TieredStopAtLevel=4", tablesync(), "run", job.toString());
        assertThat(run.indexOf("-XX:TieredStopAtLevel=4")).as(run).isGreaterThan(run.indexOf(c1));
        String datax = jvmLine(javaHome, null, "python3", dataxPy(), "-j-Xmx300m -XX:TieredStopAtLevel=4", job.toString());
        assertThat(datax.indexOf("-XX:TieredStopAtLevel=4")).as(datax).isGreaterThan(datax.indexOf(c1));
    }

    /** The {@code java} command line a launcher runs with {@code JAVA_HOME=javaHome} (and TABLESYNC_JVM_OPTS, if given). */
    private String jvmLine(Path javaHome, String jvmOpts, String... command) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().remove("TABLESYNC_JVM_OPTS");
        if (jvmOpts != null) {
            pb.environment().put("TABLESYNC_JVM_OPTS", jvmOpts);
        }
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("launcher finished").isTrue();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        return text.lines().filter(l -> l.startsWith("JVM ")).findFirst().orElseThrow(() -> new AssertionError(
                String.join(" ", command) + " ran no java: " + text)) + " ";
    }

    private static String tablesync() {
        return DIST.resolve("bin/tablesync").toString();
    }

    private static String dataxPy() {
        return DIST.resolve("bin/datax.py").toString();
    }

    /**
     * datax.py's class-data-sharing archive, through a {@code java} (JAVA_HOME) that prints its arguments and runs the
     * real one: the first job writes the archive, later jobs start from it, a job that fails or a corrupted archive
     * leave nothing behind and print nothing about it, and TABLESYNC_CDS=off or an unusable directory start as before.
     */
    @Test
    void dataxPyJobsStartFromAClassDataSharingArchiveTheFirstJobWrote() throws Exception {
        Path javaHome = dir.resolve("jdk");
        Files.createDirectories(javaHome.resolve("bin"));
        Path java = javaHome.resolve("bin/java");
        String realJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(java, "#!/bin/sh\necho \"JVM $*\"\nexec " + realJava + " \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Path cds = dir.resolve("cds");
        Path job = job("small.json", streamJob(",\"sliceRecordCount\":1000", "{\"print\":false}", "", ""));

        Result first = cdsRun(javaHome, cds, null, job);
        assertThat(first.exitCode()).as(first.output()).isEqualTo(0);
        assertThat(jvmLines(first)).first().asString().contains("-XX:ArchiveClassesAtExit=" + cds);
        assertThat(first.output()).doesNotContain("[warning]").doesNotContain("[error]");
        List<Path> archives = cdsFiles(cds);
        assertThat(archives).as("one archive, no dump left over").hasSize(1);
        assertThat(archives.get(0).getFileName().toString()).startsWith("tablesync-").endsWith(".jsa");

        Result second = cdsRun(javaHome, cds, null, job);
        assertThat(second.exitCode()).as(second.output()).isEqualTo(0);
        assertThat(jvmLines(second)).hasSize(1).first().asString()
                .contains("-XX:SharedArchiveFile=" + archives.get(0), "-XX:+VerifySharedSpaces")
                .doesNotContain("ArchiveClassesAtExit");
        assertThat(second.output()).contains("读出记录总数                    :                1000").doesNotContain("[warning]");

        // a corrupted archive is refused by its checksums: an ordinary start, nothing printed about it
        byte[] bytes = Files.readAllBytes(archives.get(0));
        for (int i = 16_384; i < bytes.length; i += 4_099) {
            bytes[i] ^= (byte) 0xff;
        }
        Files.write(archives.get(0), bytes);
        Result corrupted = cdsRun(javaHome, cds, null, job);
        assertThat(corrupted.exitCode()).as(corrupted.output()).isEqualTo(0);
        assertThat(corrupted.output()).contains("读出记录总数                    :                1000").doesNotContain("[warning]")
                .doesNotContain("fatal error");

        // a job that fails leaves no archive (what it loaded is not what a job loads) and no dump
        Path fresh = dir.resolve("cds-fresh");
        Result failed = cdsRun(javaHome, fresh, null, job("bad.json", "{\"job\":{\"content\":[]}}"));
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(cdsFiles(fresh)).isEmpty();

        // switched off, or a directory that cannot be made: no CDS options at all
        Result off = cdsRun(javaHome, fresh, "off", job);
        assertThat(off.exitCode()).as(off.output()).isEqualTo(0);
        assertThat(jvmLines(off).get(0)).doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
        Result misspelt = cdsRun(javaHome, fresh, "no", job);
        assertThat(misspelt.exitCode()).as(misspelt.output()).isEqualTo(0);
        assertThat(misspelt.output()).contains("TABLESYNC_CDS is \"no\", use on or off; starting without a class-data-sharing archive");
        assertThat(jvmLines(misspelt).get(0)).doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
        Result unusable = cdsRun(javaHome, job.resolve("cds"), null, job); // under a regular file
        assertThat(unusable.exitCode()).as(unusable.output()).isEqualTo(0);
        assertThat(jvmLines(unusable).get(0)).doesNotContain("SharedArchiveFile").doesNotContain("ArchiveClassesAtExit");
    }

    private Result cdsRun(Path javaHome, Path cdsDir, String cdsSwitch, Path job) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".log");
        ProcessBuilder pb = new ProcessBuilder("python3", dataxPy(), "-j" + JVM, job.toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().put("TABLESYNC_CDS_DIR", cdsDir.toString());
        if (cdsSwitch != null) {
            pb.environment().put("TABLESYNC_CDS", cdsSwitch);
        }
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** The job's JVM command line as the stand-in java printed it (not the trial JVM's that checks a dump). */
    private static List<String> jvmLines(Result r) {
        return r.output().lines().filter(l -> l.startsWith("JVM ") && l.contains("io.tablesync.cli.Main")).toList();
    }

    private static List<Path> cdsFiles(Path cds) throws IOException {
        if (!Files.isDirectory(cds)) {
            return List.of();
        }
        try (var files = Files.list(cds)) {
            return files.sorted().toList();
        }
    }

    @Test
    void dataxPyRunsAMillionRecordJobWithTheSeedsCommandLineShape() throws Exception {
        Path job = job("million.json", streamJob(",\"sliceRecordCount\":\"${n}\"", "{\"print\":false}", "", ""));
        Result r = run("python3", dataxPy(), "-j" + JVM, "-p-Dn=1000000 -Dunused=1", job.toString());
        assertThat(r.exitCode()).as(r.output()).isEqualTo(0);
        assertThat(r.output()).contains("StandAloneJobContainerCommunicator - Total 1000000 records, 20000000 bytes | Speed ")
                .contains("| Error 0 records, 0 bytes |  All Task WaitWriterTime ")
                .contains("读出记录总数                    :             1000000")
                .contains("读写失败总数                    :                   0");
    }

    @Test
    void fiveDirtyRecordsOverALimitOfFourExitWith1AndFramework14() throws Exception {
        // byteCapacity below one record's size: every record is a reader dirty record, as in DataX
        Path job = job("dirty.json", streamJob(",\"sliceRecordCount\":5", "{\"print\":false}",
                ",\"errorLimit\":{\"record\":4}", "\"core\":{\"transport\":{\"channel\":{\"byteCapacity\":100}},"
                        + "\"dirtyRecord\":{\"path\":\"" + dir.resolve("dirty.jsonl") + "\"}},"));
        Result r = run("python3", dataxPy(), job.toString());
        assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("经DataX智能分析,该任务最可能的错误原因是:")
                .contains("Code:[Framework-14], Description:[DataX传输脏数据超过用户预期")
                .contains("脏数据条数检查不通过，限制是[4]条，但实际上捕获了[5]条.")
                .doesNotContain("\tat io.tablesync");
        assertThat(Files.readAllLines(dir.resolve("dirty.jsonl"))).hasSize(5);
    }

    @Test
    void sigtermAndSigintStopGracefullyWithExit143() throws Exception {
        // Throttled to 20,000 records/s so the job is still running when the signal arrives.
        Path job = job("endless.json", streamJob(",\"sliceRecordCount\":100000000", "{\"print\":false}", "",
                "\"core\":{\"transport\":{\"channel\":{\"speed\":{\"record\":20000}}},\"container\":{\"job\":{\"reportInterval\":200}}},"));
        List<List<String>> commands = List.of(List.of(tablesync(), "run", job.toString()),
                List.of("python3", dataxPy(), "-j" + JVM, job.toString()));
        for (List<String> cmd : commands) {
            for (String signal : List.of("TERM", "INT")) {
                Path out = dir.resolve("sig-" + System.nanoTime() + ".log");
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
                pb.environment().put("TABLESYNC_JVM_OPTS", JVM);
                Process p = pb.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(out).contains("StandAloneJobContainerCommunicator - Total")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(cmd + " SIG" + signal).isTrue();
                String output = Files.readString(out);
                assertThat(p.exitValue()).as(cmd + " SIG" + signal + "\n" + output).isEqualTo(143);
                if (cmd.get(0).equals(tablesync())) {
                    assertThat(output).contains("received SIG" + signal).contains("job stopped on request");
                }
            }
        }
    }

    @Test
    void dataxPyUsageErrorsAndTemplates() throws Exception {
        assertThat(run("python3", dataxPy()).exitCode()).isEqualTo(255);
        Result template = run("python3", dataxPy(), "-r", "streamreader", "-w", "streamwriter");
        assertThat(template.exitCode()).isEqualTo(0);
        assertThat(template.output()).contains("\"name\" : \"streamreader\"").contains("\"sliceRecordCount\"");
        assertThat(run(tablesync(), "run").exitCode()).isEqualTo(255);
        Result help = run(tablesync(), "--help");
        assertThat(help.exitCode()).isEqualTo(0);
        assertThat(help.output()).contains("run").contains("template");
    }

    @Test
    void userMistakesGiveOneClearMessageAndExit1WithoutStackTraces() throws Exception {
        List<String[]> cases = new ArrayList<>();
        Path unresolved = job("unresolved.json", streamJob(",\"sliceRecordCount\":\"${count}\"", "{\"print\":false}", "", ""));
        Path syntax = job("syntax.json", "{\n \"job\": {\n  \"setting\": {,\n }\n}");
        Path unknownPlugin = job("plugin.json", streamJob(",\"sliceRecordCount\":1", "{}", "", "").replace("streamwriter", "nosuchwriter"));
        cases.add(new String[] {unresolved.toString(), "placeholder ${count} in job.content[0].reader.parameter.sliceRecordCount has no value"});
        cases.add(new String[] {syntax.toString(), "syntax.json: JSON syntax error at line 3, column"});
        cases.add(new String[] {unknownPlugin.toString(), "Framework-12"});
        cases.add(new String[] {dir.resolve("missing.json").toString(), "missing.json does not exist"});
        // the shipped OTS -> ES job without its window: the placeholder is named, before anything is contacted
        cases.add(new String[] {DIST.resolve("job/ots2es.json").toString(), "placeholder ${start_time}"});
        for (String[] c : cases) {
            Result r = run(tablesync(), "run", c[0]);
            assertThat(r.exitCode()).as(r.output()).isEqualTo(1);
            assertThat(r.output()).contains(c[1]).doesNotContain("\tat ");
        }
        // tablestore-local's test option names an action it does not serve: refused before it listens
        Result withheld = run(tablesync(), "tablestore-local", "--port", "0", "--without-action", "BulkExprot");
        assertThat(withheld.exitCode()).as(withheld.output()).isEqualTo(1);
        assertThat(withheld.output()).contains("cannot withhold action BulkExprot: tablestore-local does not serve it")
                .contains("BulkExport").doesNotContain("\tat ").doesNotContain("listening on");
        assertThat(run(tablesync(), "tablestore-local", "--help").output()).contains("--without-action");
    }

    @Test
    void placeholdersComeFromMinusPAndMinusD() throws Exception {
        Path out = dir.resolve("out");
        Path job = job("ph.json", streamJob(",\"sliceRecordCount\":$n", "{\"path\":\"" + out + "\",\"fileName\":\"${file}\"}", "", ""));
        Result r = run(tablesync(), "run", job.toString(), "-p", "-Dn=3", "-Dfile=rows.txt");
        assertThat(r.exitCode()).as(r.output()).isEqualTo(0);
        assertThat(Files.readAllLines(out.resolve("rows.txt"))).hasSize(3)
                .allMatch(l -> l.equals("10\thello\t3.14\ttrue\t2024-01-01 00:00:00"));
    }

    /**
     * The first SIGTERM/SIGINT ends a job that is stuck before any record is in flight (an endpoint that
     * accepts connections and never answers, in the writer's prepare and in the reader's init) with 143
     * within 2 s: DataX and earlier tablesync ignored it for up to a minute and exited 1.
     */
    @Test
    void aSignalDuringInitOrPrepareExits143WithinTwoSeconds() throws Exception {
        try (java.net.ServerSocket blackhole = new java.net.ServerSocket(0)) {
            List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!blackhole.isClosed()) {
                    try {
                        held.add(blackhole.accept()); // accept, then never answer
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String endpoint = "http://127.0.0.1:" + blackhole.getLocalPort();
            Path esJob = job("es-prepare.json", streamJob(",\"sliceRecordCount\":1", "{\"endpoint\":\"" + endpoint
                    + "\",\"index\":\"i\",\"column\":[{\"name\":\"a\",\"type\":\"long\"},{\"name\":\"b\",\"type\":\"text\"},"
                    + "{\"name\":\"c\",\"type\":\"double\"},{\"name\":\"d\",\"type\":\"boolean\"},{\"name\":\"e\",\"type\":\"date\"}]}", "", "")
                    .replace("streamwriter", "elasticsearchwriter"));
            Path otsJob = job("ots-init.json", "{\"job\":{\"setting\":{\"speed\":{\"channel\":1}},\"content\":[{"
                    + "\"reader\":{\"name\":\"otsstreamreader\",\"parameter\":{\"endpoint\":\"" + endpoint + "\",\"accessId\":\"a\","
                    + "\"accessKey\":\"b\",\"instanceName\":\"i\",\"dataTable\":\"t\",\"statusTable\":\"s\","
                    + "\"startTimestampMillis\":1,\"endTimestampMillis\":2}},"
                    + "\"writer\":{\"name\":\"streamwriter\",\"parameter\":{\"print\":false}}}]}}");
            String[][] cases = {{esJob.toString(), "Writer.Job [elasticsearchwriter] do prepare work", "TERM"},
                {otsJob.toString(), "Reader.Job [otsstreamreader] do init work", "INT"}};
            for (String[] c : cases) {
                Path out = dir.resolve("sig-" + System.nanoTime() + ".log");
                ProcessBuilder pb = new ProcessBuilder(tablesync(), "run", c[0]).redirectErrorStream(true).redirectOutput(out.toFile());
                pb.environment().put("TABLESYNC_JVM_OPTS", JVM);
                Process p = pb.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(out).contains(c[1]) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                Thread.sleep(300); // well inside the blocked call
                long signalled = System.nanoTime();
                new ProcessBuilder("kill", "-" + c[2], String.valueOf(p.pid())).start().waitFor();
                assertThat(p.waitFor(10, TimeUnit.SECONDS)).as(Files.readString(out)).isTrue();
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
                assertThat(p.exitValue()).as(Files.readString(out)).isEqualTo(143);
                assertThat(tookMs).as("exit after SIG" + c[2] + "\n" + Files.readString(out)).isLessThan(2_000);
            }
            for (java.net.Socket s : held) {
                s.close();
            }
        }
    }

    /** README: "-p values: -Dk=v tokens become placeholder values …; other tokens are ignored with a warning". */
    @Test
    void dataxPyMinusPIgnoresJvmFlagsWithAWarningAsTheReadmeSays() throws Exception {
        Path job = job("minus-p.json", streamJob(",\"sliceRecordCount\":\"${n}\"", "{\"print\":false}", "", ""));
        Result r = run("python3", dataxPy(), "-j" + JVM, "-p-Xmx2g -Dn=2", job.toString());
        assertThat(r.exitCode()).as(r.output()).isEqualTo(0);
        assertThat(r.output()).contains("ignoring \"-Xmx2g\" in -p").contains("读出记录总数                    :                   2");
    }
}
