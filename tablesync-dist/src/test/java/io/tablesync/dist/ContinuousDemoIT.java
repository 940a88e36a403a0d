package io.tablesync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.testkit.demo.ContinuousDemo;
import io.tablesync.testkit.elasticsearch.EsDistribution;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, as {@code ./demo.sh --exit} runs it: every step converges, latency is measured, sync exits 0. */
class ContinuousDemoIT {
    @TempDir
    Path dir;

    @Test
    @ResourceLock(Ports.TABLESTORE_LOCAL_DEFAULT) // the demo takes port 8600 when it is free
    void theDemoFollowsEveryStepAndMeasuresLatency() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        ContinuousDemo.Outcome outcome = new ContinuousDemo(Path.of(System.getProperty("tablesync.dist")), EsDistribution.ES_8, out, "demo_it")
                .run(dir, false);
        String report = log.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertThat(outcome.converged()).as(report).isTrue();
        assertThat(outcome.syncExitCode()).as(report).isEqualTo(0);
        assertThat(outcome.latency().count()).as(report).isEqualTo(300);
        assertThat(report).contains("split into").contains("write -> searchable");
    }
}
