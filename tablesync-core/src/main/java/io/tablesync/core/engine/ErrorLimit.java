package io.tablesync.core.engine;

import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.FrameworkErrorCode;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.config.Configuration;
import io.tablesync.core.stats.JobSnapshot;

/**
 * {@code job.setting.errorLimit}: {@code record} (strict {@code >}, checked on every dirty record)
 * or else {@code percentage} (dirty ÷ read, checked once at the end). No errorLimit: dirty records
 * are never fatal.
 */
public final class ErrorLimit {
    private final Long recordLimit;
    private final Double percentageLimit;

    ErrorLimit(Long recordLimit, Double percentageLimit) {
        this.recordLimit = recordLimit;
        this.percentageLimit = percentageLimit;
    }

    public static ErrorLimit from(Configuration root) {
        Long record = root.getLong("job.setting.errorLimit.record");
        Double percentage = root.getDouble("job.setting.errorLimit.percentage");
        if (record != null && record < 0) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    "job.setting.errorLimit.record must be >= 0, but is " + record);
        }
        if (record == null && percentage != null && (percentage < 0 || percentage > 1)) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    "job.setting.errorLimit.percentage must be between 0 and 1, but is " + percentage);
        }
        return new ErrorLimit(record, record == null ? percentage : null);
    }

    /** The continuous check: called whenever the dirty count grows. */
    public void checkRecords(long dirty) {
        if (recordLimit != null && dirty > recordLimit) {
            throw TablesyncException.userError(FrameworkErrorCode.PLUGIN_DIRTY_DATA_LIMIT_EXCEED,
                    String.format("脏数据条数检查不通过，限制是[%d]条，但实际上捕获了[%d]条.", recordLimit, dirty));
        }
    }

    /** The final check: the record limit again, then the percentage limit. */
    public void checkAtEnd(JobSnapshot s) {
        checkRecords(s.totalErrorRecords());
        if (percentageLimit != null) {
            long total = s.totalReadRecords();
            if (total > 0) {
                double ratio = (double) s.totalErrorRecords() / total;
                if (ratio > percentageLimit) {
                    throw TablesyncException.userError(FrameworkErrorCode.PLUGIN_DIRTY_DATA_LIMIT_EXCEED,
                            String.format("脏数据百分比检查不通过，限制是[%f]，但实际上捕获到[%f].", percentageLimit, ratio));
                }
            }
        }
    }
}
