package io.tablesync.tablestore.local.client;

import com.alicloud.openservices.tablestore.model.DefaultRetryStrategy;
import com.alicloud.openservices.tablestore.model.RetryStrategy;
import java.util.concurrent.TimeUnit;

/**
 * An SDK retry strategy for clients of tablestore-local (tests, benchmarks, demos): the SDK's default, plus the one
 * failure it leaves to the caller although the server never saw the request. The SDK's HTTP client keeps idle
 * connections in a pool; when the server has closed one and the client leases it before noticing, the request
 * fails with "Connection closed" as the connection is allocated, before a byte is sent. The default strategy
 * retries client errors only for idempotent actions, so a PutRow or UpdateRow would fail; a request that was never
 * sent is safe to send again whatever the action.
 */
public final class UnsentRequestRetryStrategy implements RetryStrategy {
    static final int MAX_UNSENT_RETRIES = 3;

    private final RetryStrategy delegate;
    private int unsentRetries;

    /** The SDK's default strategy with the given retry budget, plus retries of unsent requests. */
    public UnsentRequestRetryStrategy(long budget, TimeUnit unit) {
        this(new DefaultRetryStrategy(budget, unit));
    }

    public UnsentRequestRetryStrategy(RetryStrategy delegate) {
        this.delegate = delegate;
    }

    @Override
    public RetryStrategy clone() {
        return new UnsentRequestRetryStrategy(delegate.clone());
    }

    @Override
    public int getRetries() {
        return delegate.getRetries() + unsentRetries;
    }

    @Override
    public long nextPause(String action, Exception ex) {
        if (neverSent(ex) && unsentRetries < MAX_UNSENT_RETRIES) {
            unsentRetries++;
            return 1; // the SDK treats 0 as "do not retry"
        }
        return delegate.nextPause(action, ex);
    }

    /** The HTTP client failed the request when it was handed a pooled connection that was already closed. */
    static boolean neverSent(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("ConnectionClosedException")) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getMethodName().equals("connectionAllocated")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
