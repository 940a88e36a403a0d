package io.tablesync.tablestore.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.alicloud.openservices.tablestore.SyncClient;
import com.alicloud.openservices.tablestore.model.GetShardIteratorRequest;
import com.alicloud.openservices.tablestore.model.RecordColumn;
import com.alicloud.openservices.tablestore.model.StreamRecord;
import com.alicloud.openservices.tablestore.model.StreamShard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Drives tablestore-local with the unmodified official Node.js SDK (npm {@code tablestore}, version pinned in
 * {@code src/test/node/package-lock.json}): {@code npm ci} installs it under {@code target/node-sdk-test}, then
 * {@code node --test sdk.test.js} runs against a server started here. The stream the Node.js client wrote is then
 * read with the Java SDK. Without Node.js 18+ and npm on the PATH (or in $NODE / $NPM) the test fails, it never
 * skips: CI must run it.
 */
class NodeSdkTest {

    private static final Path SOURCES = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "node-sdk-test");

    @Test
    void officialNodeSdkWorksAgainstTablestoreLocal() throws Exception {
        String node = tool("NODE", "node");
        String npm = tool("NPM", "npm");
        install(npm);
        String table = "node_stream";
        long ts = System.currentTimeMillis() - 60_000;
        try (TablestoreLocal server = TablestoreLocal.builder().build().start()) {
            ProcessBuilder pb = new ProcessBuilder(node, "--test", "--test-reporter=spec", "sdk.test.js")
                    .directory(WORK.toFile()).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.put("OTS_ENDPOINT", server.endpoint());
            env.put("OTS_INSTANCE", server.instance());
            env.put("OTS_ACCESS_KEY_ID", server.accessKeyId());
            env.put("OTS_ACCESS_KEY_SECRET", server.accessKeySecret());
            env.put("OTS_STREAM_TABLE", table);
            env.put("OTS_STREAM_TS", Long.toString(ts));
            Result r = run(pb, 180);
            if (r.exit != 0) {
                fail("The Node.js SDK test failed (exit " + r.exit + "):\n" + r.output);
            }

            SyncClient c = SdkFixture.syncClient(server);
            try {
                List<StreamRecord> records = new ArrayList<>();
                String streamId = StreamReader.streamId(c, table);
                for (StreamShard s : StreamReader.shards(c, streamId, 100)) {
                    String it = c.getShardIterator(new GetShardIteratorRequest(streamId, s.getShardId()))
                            .getShardIterator();
                    records.addAll(StreamReader.drain(c, it, 100).records());
                }
                assertThat(records).extracting(StreamRecord::getRecordType).containsExactly(
                        StreamRecord.RecordType.PUT, StreamRecord.RecordType.UPDATE, StreamRecord.RecordType.DELETE);
                assertThat(records.get(0).getColumns()).extracting(col -> col.getColumn().getName() + "="
                        + col.getColumn().getValue() + "@" + col.getColumn().getTimestamp())
                        .containsExactly("a=x@" + ts, "b=2@" + ts);
                assertThat(records.get(1).getColumns()).extracting(col -> col.getColumn().getName() + " "
                        + col.getColumnType()).containsExactly("c " + RecordColumn.ColumnType.PUT,
                        "a " + RecordColumn.ColumnType.DELETE_ONE_VERSION, "b " + RecordColumn.ColumnType.DELETE_ALL_VERSION);
                assertThat(records.get(1).getColumns().get(1).getColumn().getTimestamp()).isEqualTo(ts);
                assertThat(records.get(2).getPrimaryKey().getPrimaryKeyColumn("pk").getValue().asString())
                        .isEqualTo("s");
            } finally {
                c.shutdown();
            }
        }
    }

    /** Installs the pinned SDK with npm ci, unless the same lock file was installed before. */
    private static void install(String npm) throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        Path lock = WORK.resolve("package-lock.json");
        boolean installed = Files.isDirectory(WORK.resolve("node_modules").resolve("tablestore"))
                && Files.exists(lock)
                && Files.mismatch(lock, SOURCES.resolve("package-lock.json")) == -1;
        for (String f : List.of("package.json", "package-lock.json", "sdk.test.js")) {
            Files.copy(SOURCES.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (installed) {
            return;
        }
        // --ignore-scripts: the packages need no install scripts (protobufjs' only checks its CLI's versions).
        Result r = run(new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                .directory(WORK.toFile()).redirectErrorStream(true), 300);
        if (r.exit != 0) {
            fail("npm ci could not install the Node.js SDK (npm registry unreachable?), exit " + r.exit + ":\n"
                    + r.output);
        }
    }

    private record Result(int exit, String output) {
    }

    private static Result run(ProcessBuilder pb, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile(WORK, "out", ".txt");
        Process p = pb.redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", pb.command()) + " did not finish within " + timeoutSeconds + " s:\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The executable from $ENV or the PATH; fails (never skips) when it is missing. */
    private static String tool(String envVar, String name) {
        String fromEnv = System.getenv(envVar);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return fail(name + " was not found on the PATH (nor in $" + envVar + "). The Node.js SDK test needs Node.js 18+"
                + " and npm (CI machines have Node 20); install them to run the build's tests.");
    }
}
