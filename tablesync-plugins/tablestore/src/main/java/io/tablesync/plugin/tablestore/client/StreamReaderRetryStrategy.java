package io.tablesync.plugin.tablestore.client;

import com.alicloud.openservices.tablestore.TableStoreException;
import com.alicloud.openservices.tablestore.model.RetryStrategy;
import io.tablesync.core.net.NetworkErrors;
import java.util.Set;

/**
 * Retries a request up to {@code maxRetries} times with exponential pauses (100 ms doubling, at
 * most 10 s). Errors that cannot succeed on a retry (bad credentials, bad parameters, missing
 * objects, trimmed stream data) fail at once.
 *
 * <p>The SDK clones the strategy for every request. DataX's clone forgets the configured limit
 * and falls back to 30, which is why its {@code maxRetries} is ignored; ours keeps it.
 */
public final class StreamReaderRetryStrategy implements RetryStrategy {
    static final Set<String> NOT_RETRIABLE = Set.of("OTSAuthFailed", "OTSConditionCheckFail", "OTSParameterInvalid",
            "OTSInvalidPK", "OTSObjectAlreadyExist", "OTSObjectNotExist", "OTSOutOfColumnCountLimit",
            "OTSOutOfRowSizeLimit", "OTSRequestTooLarge", "OTSTrimmedDataAccess", "OTSNoPermissionAccess",
            "OTSUnsupportOperation");
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long MAX_PAUSE_MILLIS = 10_000;
    /**
     * How long a request keeps retrying when the service cannot be reached at all (refused, timed out):
     * an unreachable endpoint fails in about 10 s naming the cause, instead of a minute of silence.
     */
    static final long UNREACHABLE_BUDGET_MILLIS = 10_000;

    private final int maxRetries;
    private int retries;
    private long firstClientFailureNanos;

    public StreamReaderRetryStrategy(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    @Override
    public RetryStrategy clone() {
        return new StreamReaderRetryStrategy(maxRetries);
    }

    @Override
    public int getRetries() {
        return retries;
    }

    public int maxRetries() {
        return maxRetries;
    }

    @Override
    public long nextPause(String action, Exception ex) {
        if (retries >= maxRetries || !isRetriable(ex) || Thread.currentThread().isInterrupted()) {
            return 0;
        }
        long pause = Math.min(FIRST_PAUSE_MILLIS << Math.min(retries, 20), MAX_PAUSE_MILLIS);
        if (!(ex instanceof TableStoreException)) {
            // no answer from the service at all: retry only within the budget
            long now = System.nanoTime();
            if (firstClientFailureNanos == 0) {
                firstClientFailureNanos = now;
            }
            long left = UNREACHABLE_BUDGET_MILLIS - (now - firstClientFailureNanos) / 1_000_000;
            if (left <= 0) {
                return 0;
            }
            pause = Math.min(pause, left);
        }
        retries++;
        return pause;
    }

    static boolean isRetriable(Exception ex) {
        if (ex instanceof TableStoreException tse) {
            return !NOT_RETRIABLE.contains(tse.getErrorCode());
        }
        // a TLS or protocol mismatch, or a host DNS does not know, fails the same way every time
        return !NetworkErrors.isPermanent(ex);
    }
}
