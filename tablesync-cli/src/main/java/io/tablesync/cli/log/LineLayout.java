package io.tablesync.cli.log;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.LayoutBase;
import java.util.Locale;

/**
 * The shipped configuration's one layout: {@code text} lines in the given pattern (DataX's shape) or
 * {@code json} lines ({@link JsonLineLayout}), chosen by {@code <format>} — so switching the format
 * is one variable ({@code TABLESYNC_LOG_FORMAT}) and needs no second set of appenders.
 */
public final class LineLayout extends LayoutBase<ILoggingEvent> {
    private String format = "text";
    private String pattern;
    private Layout<ILoggingEvent> delegate;

    public void setFormat(String format) {
        this.format = format == null ? "text" : format.trim().toLowerCase(Locale.ROOT);
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if ("json".equals(format)) {
            delegate = new JsonLineLayout();
        } else {
            if (!"text".equals(format)) {
                addWarn("log format \"" + format + "\" is neither text nor json; writing text");
            }
            PatternLayout text = new PatternLayout();
            text.setPattern(pattern);
            delegate = text;
        }
        if (delegate instanceof LayoutBase<ILoggingEvent> base) {
            base.setContext(getContext());
        }
        delegate.start();
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return delegate.doLayout(event);
    }
}
