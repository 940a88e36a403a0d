package io.tablesync.core.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DataX's placeholder rule: {@code ${name}} and {@code $name} (braces optional, name = {@code \w+})
 * are replaced in the raw job text by the value of a property. Unset or blank properties leave the
 * placeholder as it is; {@link Configuration} reports it by name where a value is actually needed.
 *
 * <p>Unlike DataX (plain String.replace in hash order) we substitute in one left-to-right pass,
 * so {@code $n} can never clobber part of {@code $name}, and braces only count in pairs: DataX's
 * optional-brace pattern makes {@code "x":$n}}} swallow the object's closing brace.
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)\\}|\\$(\\w+)");

    private Placeholders() {
    }

    public static String substitute(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String value = values.get(name(m));
            String replacement = value == null || value.isBlank() ? m.group() : value;
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Names of placeholders in {@code text} that {@code values} does not resolve. */
    public static Set<String> unresolved(String text, Map<String, String> values) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String value = values.get(name(m));
            if (value == null || value.isBlank()) {
                names.add(name(m));
            }
        }
        return names;
    }

    /** The name of the first placeholder in a value, or null. */
    public static String firstPlaceholderName(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        return m.find() ? name(m) : null;
    }

    private static String name(Matcher m) {
        return m.group(1) != null ? m.group(1) : m.group(2);
    }
}
