package io.tablesync.dist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code chromium} in headless mode, one process per page: the DOM after the page's scripts ran
 * ({@code --dump-dom}, with virtual time so its timers and fetches complete), or a screenshot. Missing
 * chromium is a failure, not a skip: {@code .ci/run} installs it.
 */
final class HeadlessChromium {
    private final Path binary;
    private final Path workDir;

    private HeadlessChromium(Path binary, Path workDir) {
        this.binary = binary;
        this.workDir = workDir;
    }

    /** The chromium on the PATH (or {@code -Dtablesync.chromium}); fails saying what to install when there is none. */
    static HeadlessChromium find(Path workDir) {
        String configured = System.getProperty("tablesync.chromium");
        if (configured != null) {
            return new HeadlessChromium(Path.of(configured), workDir);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return new HeadlessChromium(p, workDir);
                }
            }
        }
        throw new AssertionError("no chromium on the PATH: the status page is tested in a real browser; install Debian's"
                + " package (apt-get install -y chromium; .ci/run does) or pass -Dtablesync.chromium=/path/to/chromium");
    }

    /** The page's DOM once its scripts ran for {@code virtualMillis} of virtual time. */
    String dumpDom(String url, int virtualMillis) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=" + virtualMillis, "--dump-dom", url), "dump-dom");
    }

    /** A PNG of the page at 1280×1000 once its scripts ran for {@code virtualMillis} of virtual time. */
    void screenshot(String url, Path png, int virtualMillis) throws IOException, InterruptedException {
        Files.createDirectories(png.getParent());
        run(List.of("--virtual-time-budget=" + virtualMillis, "--window-size=1280,1000", "--hide-scrollbars",
                "--screenshot=" + png.toAbsolutePath(), url), "screenshot");
    }

    private String run(List<String> args, String what) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "chromium-profile"); // empty: no state between runs
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        cmd.addAll(args);
        Path err = workDir.resolve("chromium-" + what + ".log");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium " + what + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium " + what + " exited " + p.exitValue() + ": " + Files.readString(err));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
