package io.tablesync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamTokensTest {
    @Test
    void splitsLikeAShell() {
        assertThat(ParamTokens.split("-Dstart_time=1 -Dend_time=2")).containsExactly("-Dstart_time=1", "-Dend_time=2");
        assertThat(ParamTokens.split("  -Da='x y'  -Db=\"p \\\"q\\\"\" -Dc=z\\ w ")).containsExactly("-Da=x y", "-Db=p \"q\"", "-Dc=z w");
        assertThat(ParamTokens.split("")).isEmpty();
    }

    @Test
    void minusPAndMinusDBecomePlaceholderValuesLaterOnesWinning() {
        JobArguments run = new JobArguments();
        run.params.add("-Dstart_time=1 -Dtable='t 1'");
        run.params.add("-Xmx4g");
        run.defines.put("start_time", "5");
        Map<String, String> values = run.placeholderValues();
        assertThat(values).containsEntry("start_time", "5").containsEntry("table", "t 1").doesNotContainKey("-Xmx4g");
    }
}
