package io.tablesync.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tablesync.core.config.Configuration;
import org.junit.jupiter.api.Test;

class ChannelPlannerTest {
    private static Configuration conf(String speed, String core) {
        return Configuration.fromJson("{\"job\":{\"setting\":{\"speed\":" + speed + "}},\"core\":{\"transport\":{\"channel\":{\"speed\":"
                + core + "}}}}");
    }

    @Test
    void channelIsUsedWhenNoRateIsSet() {
        assertThat(ChannelPlanner.channels(conf("{\"channel\":4}", "{\"byte\":-1,\"record\":-1}"))).isEqualTo(4);
    }

    @Test
    void byteRateDividesByPerChannelRateAndIgnoresChannel() {
        assertThat(ChannelPlanner.channels(conf("{\"channel\":9,\"byte\":10485760}", "{\"byte\":1048576}"))).isEqualTo(10);
        assertThat(ChannelPlanner.channels(conf("{\"byte\":100}", "{\"byte\":1048576}"))).isEqualTo(1);
    }

    @Test
    void smallerOfByteAndRecordResultsWins() {
        assertThat(ChannelPlanner.channels(conf("{\"byte\":10485760,\"record\":30000}",
                "{\"byte\":1048576,\"record\":10000}"))).isEqualTo(3);
    }

    @Test
    void byteRateWithoutPerChannelByteRateIsFramework03() {
        assertThatThrownBy(() -> ChannelPlanner.channels(conf("{\"byte\":1048576}", "{\"byte\":-1}")))
                .hasMessageContaining("Framework-03").hasMessageContaining("在有总bps限速条件下，单个channel的bps值不能为空，也不能为非正数");
    }

    @Test
    void recordRateWithoutPerChannelRecordRateIsFramework03() {
        assertThatThrownBy(() -> ChannelPlanner.channels(conf("{\"record\":1000}", "{\"record\":-1}")))
                .hasMessageContaining("Framework-03").hasMessageContaining("在有总tps限速条件下，单个channel的tps值不能为空，也不能为非正数");
    }

    @Test
    void nothingSetIsFramework03() {
        assertThatThrownBy(() -> ChannelPlanner.channels(conf("{}", "{}"))).hasMessageContaining("Job运行速度必须设置");
    }
}
