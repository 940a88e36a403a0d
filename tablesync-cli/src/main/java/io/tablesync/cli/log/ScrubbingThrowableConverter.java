package io.tablesync.cli.log;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.tablesync.core.config.SecretMasker;

/** {@code %sex}: a logged stack trace (internal faults only) with secrets masked in its messages. */
public final class ScrubbingThrowableConverter extends ThrowableProxyConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return SecretMasker.scrubRegistered(super.convert(event));
    }
}
