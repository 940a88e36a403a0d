package io.tablesync.cli.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tablesync.core.config.SecretMasker;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON object per line ({@code TABLESYNC_LOG_FORMAT=json}) for log shippers: time, level, thread,
 * logger, the job (MDC {@code job}, set by a multi-job {@code sync}), message and stack trace. The
 * message and the trace are scrubbed exactly as the text lines are ({@code %smsg}/{@code %sex}):
 * logback's own JSON encoder would write them unscrubbed.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public String doLayout(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("thread", event.getThreadName());
            g.writeStringField("logger", event.getLoggerName());
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null && mdc.get("job") != null) {
                g.writeStringField("job", mdc.get("job"));
            }
            g.writeStringField("message", SecretMasker.scrubRegistered(event.getFormattedMessage()));
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                g.writeStringField("exception", SecretMasker.scrubRegistered(ThrowableProxyUtil.asString(thrown)));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }
}
