package io.tablesync.core.source;

import io.tablesync.core.config.Configuration;
import java.util.OptionalLong;

/**
 * A source that can also be read in contiguous, bounded windows (DataX's way), for
 * {@code sync --every}: where the windows stand, what they must respect, and how one window is set
 * in the job's reader parameters. Each window then runs as an ordinary DataX job.
 */
public interface WindowedSource {
    /** End of the last window {@code sync --every} finished for this job, if any. */
    OptionalLong lastWindowEnd();

    /** Records that the window ending at {@code endMillis} finished (the next one starts there). */
    void windowFinished(long endMillis, long intervalMillis);

    /** End of the newest complete window a DataX run left for this job, if any: a seamless place to continue. */
    OptionalLong lastDataxWindowEnd();

    /** The start the job file itself sets, if any. */
    OptionalLong configuredStart();

    /** A window may only end this far in the past (DataX's clock-skew margin). */
    long safetyMarginMillis();

    /** The oldest start the source still retains (with its safety margin), at {@code nowMillis}. */
    long earliestStart(long nowMillis);

    /** Sets the window {@code [start, end)} in (a copy of) the job's reader parameters, replacing every other window key. */
    void setWindow(Configuration readerParameter, long startMillis, long endMillis);
}
