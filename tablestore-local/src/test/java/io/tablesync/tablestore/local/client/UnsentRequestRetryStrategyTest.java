package io.tablesync.tablestore.local.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alicloud.openservices.tablestore.ClientException;
import com.aliyun.ots.thirdparty.org.apache.http.ConnectionClosedException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UnsentRequestRetryStrategyTest {

    /** What the SDK throws when its HTTP client is handed a pooled connection the server already closed. */
    private static ClientException closedWhenAllocated() {
        ConnectionClosedException closed = new ConnectionClosedException("Connection closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.aliyun.ots.thirdparty.org.apache.http.impl.nio.client.DefaultClientExchangeHandlerImpl",
                    "connectionAllocated", "DefaultClientExchangeHandlerImpl.java", 1),
            new StackTraceElement("com.aliyun.ots.thirdparty.org.apache.http.impl.nio.client.DefaultClientExchangeHandlerImpl$1",
                    "completed", "DefaultClientExchangeHandlerImpl.java", 1)});
        return new ClientException("Unexpected error: " + closed, closed);
    }

    /** The same exception raised while a response was being read: the server may have applied the write. */
    private static ClientException closedWhileReading() {
        ConnectionClosedException closed = new ConnectionClosedException("Connection closed");
        closed.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("com.aliyun.ots.thirdparty.org.apache.http.impl.nio.client.HttpAsyncRequestExecutor",
                    "closed", "HttpAsyncRequestExecutor.java", 1)});
        return new ClientException("Unexpected error: " + closed, closed);
    }

    @Test
    void aWriteNeverSentIsRetriedAFewTimesWhichTheSdkDefaultDoesNot() {
        UnsentRequestRetryStrategy s = new UnsentRequestRetryStrategy(2, TimeUnit.SECONDS);
        for (int i = 0; i < UnsentRequestRetryStrategy.MAX_UNSENT_RETRIES; i++) {
            assertTrue(s.nextPause("PutRow", closedWhenAllocated()) > 0, "attempt " + i);
        }
        assertEquals(UnsentRequestRetryStrategy.MAX_UNSENT_RETRIES, s.getRetries());
        // then the SDK's default decides: no retry of a non-idempotent write after a client error
        assertEquals(0, s.nextPause("PutRow", closedWhenAllocated()));
    }

    @Test
    void aWriteThatMayHaveReachedTheServerIsLeftToTheSdkDefault() {
        UnsentRequestRetryStrategy s = new UnsentRequestRetryStrategy(2, TimeUnit.SECONDS);
        assertEquals(0, s.nextPause("UpdateRow", closedWhileReading()));
        assertTrue(s.nextPause("GetRow", closedWhileReading()) > 0, "idempotent reads are retried as the SDK does");
    }

    @Test
    void everyRequestStartsWithItsOwnBudget() {
        UnsentRequestRetryStrategy s = new UnsentRequestRetryStrategy(2, TimeUnit.SECONDS);
        for (int i = 0; i < UnsentRequestRetryStrategy.MAX_UNSENT_RETRIES; i++) {
            s.nextPause("PutRow", closedWhenAllocated());
        }
        assertTrue(s.clone().nextPause("PutRow", closedWhenAllocated()) > 0);
    }
}
