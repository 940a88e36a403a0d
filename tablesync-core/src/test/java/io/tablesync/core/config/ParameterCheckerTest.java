package io.tablesync.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ParameterCheckerTest {
    @Test
    void suggestsTheClosestKnownKeyForATypo() {
        Configuration p = Configuration.fromJson("{\"batchsize\":1,\"endpoint\":\"x\",\"zzzzzzzz\":1}")
                .withPrefix("job.content[0].writer.parameter");
        assertThat(ParameterChecker.unknownKeyWarnings(p, Set.of("batchSize", "endpoint", "index"))).containsExactly(
                "unknown key job.content[0].writer.parameter.batchsize is ignored; did you mean \"batchSize\"?",
                "unknown key job.content[0].writer.parameter.zzzzzzzz is ignored");
    }

    @Test
    void noCheckWithoutKnownKeys() {
        assertThat(ParameterChecker.unknownKeyWarnings(Configuration.fromJson("{\"a\":1}"), Set.of())).isEmpty();
    }
}
