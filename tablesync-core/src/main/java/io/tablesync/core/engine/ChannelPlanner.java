package io.tablesync.core.engine;

import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;

/**
 * DataX's channel-count rules (research/datax.md §1.2): a global byte or record rate divides by
 * the per-channel rate; otherwise {@code speed.channel}; the smaller wins when both rates are set.
 */
public final class ChannelPlanner {
    private ChannelPlanner() {
    }

    public static int channels(Configuration root) {
        long globalBytes = root.getLong("job.setting.speed.byte", 0);
        long globalRecords = root.getLong("job.setting.speed.record", 0);
        if (globalBytes > 0 || globalRecords > 0) {
            int byBytes = Integer.MAX_VALUE;
            int byRecords = Integer.MAX_VALUE;
            if (globalBytes > 0) {
                long perChannel = root.getLong("core.transport.channel.speed.byte", -1);
                if (perChannel <= 0) {
                    throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                            "在有总bps限速条件下，单个channel的bps值不能为空，也不能为非正数 (job.setting.speed.byte is "
                                    + globalBytes + ": set core.transport.channel.speed.byte > 0 as well, or drop job.setting.speed.byte)");
                }
                byBytes = (int) Math.max(1, globalBytes / perChannel);
            }
            if (globalRecords > 0) {
                long perChannel = root.getLong("core.transport.channel.speed.record", -1);
                if (perChannel <= 0) {
                    throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR,
                            "在有总tps限速条件下，单个channel的tps值不能为空，也不能为非正数 (job.setting.speed.record is "
                                    + globalRecords + ": set core.transport.channel.speed.record > 0 as well, or drop job.setting.speed.record)");
                }
                byRecords = (int) Math.max(1, globalRecords / perChannel);
            }
            return Math.min(byBytes, byRecords);
        }
        long channel = root.getLong("job.setting.speed.channel", 0);
        if (channel > 0) {
            return (int) Math.min(channel, 1024);
        }
        throw TablesyncException.userError(FrameworkErrorCode.JOB_CONFIG_ERROR, "Job运行速度必须设置 ("
                + (root.has("job.setting.speed.channel") ? "job.setting.speed.channel is " + channel + "; it must be 1 or more"
                        : "set job.setting.speed.channel to 1 or more") + ", or a positive job.setting.speed.byte / record)");
    }
}
