package io.tablesync.tablestore.local.engine;

import java.time.Clock;
import java.time.Instant;

/**
 * Server time. Cell versions are milliseconds; stream commit timestamps are microseconds and strictly increasing
 * (also across restarts: the store raises the floor to the newest persisted record). Tests inject a clock to make
 * stream expiration observable without waiting hours.
 */
public final class MicroClock {

    private final Clock clock;
    private long lastCommitMicros;

    public MicroClock(Clock clock) {
        this.clock = clock;
    }

    public long nowMillis() {
        return clock.millis();
    }

    public long nowMicros() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
    }

    /** A commit timestamp greater than every one handed out before; call under the store's write lock. */
    public long nextCommitMicros() {
        long now = nowMicros();
        lastCommitMicros = Math.max(now, lastCommitMicros + 1);
        return lastCommitMicros;
    }

    /** Raises the floor for commit timestamps (after loading persisted records). */
    public void observeCommitMicros(long micros) {
        lastCommitMicros = Math.max(lastCommitMicros, micros);
    }
}
