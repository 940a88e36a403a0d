package io.tablesync.core.engine;

import io.tablesync.core.stats.JobSnapshot;
import java.nio.file.Path;

/** How a job ended, with its final counters; the exit code follows DataX (research §2.11). */
public record JobOutcome(Status status, Throwable error, JobSnapshot snapshot, Path dirtyRecordFile) {
    public enum Status { SUCCEEDED, FAILED, STOPPED }

    public int exitCode() {
        switch (status) {
            case SUCCEEDED:
                return 0;
            case STOPPED:
                return 143;
            default:
                return 1;
        }
    }
}
