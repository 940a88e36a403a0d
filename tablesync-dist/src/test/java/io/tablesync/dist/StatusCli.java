package io.tablesync.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/tablesync status JOB …} of the built distribution and keeps what it printed. */
final class StatusCli {
    /** Exit code, standard output, standard error. */
    record Result(int exit, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("not JSON (exit " + exit + "): " + out + "\nstderr: " + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }

    private StatusCli() {
    }

    static Result run(Path job, String... args) throws IOException, InterruptedException {
        Path dist = Path.of(System.getProperty("tablesync.dist"));
        List<String> cmd = new ArrayList<>(List.of(dist.resolve("bin/tablesync").toString(), "status", job.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TABLESYNC_JVM_OPTS", "-Xms64m -Xmx256m -XX:TieredStopAtLevel=1");
        Path err = Files.createTempFile("status-stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("status did not end within 60 s");
        }
        String errText = Files.readString(err, StandardCharsets.UTF_8);
        Files.delete(err);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), errText);
    }
}
