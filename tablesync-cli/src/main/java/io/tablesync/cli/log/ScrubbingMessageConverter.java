package io.tablesync.cli.log;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.tablesync.core.config.SecretMasker;

/**
 * {@code %smsg}: the log message with the job's secrets and every URL credential masked, so no
 * line on the console or in log/ can carry one, whichever code logged it (a plugin, an SDK, a retry).
 */
public final class ScrubbingMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return SecretMasker.scrubRegistered(event.getFormattedMessage());
    }
}
