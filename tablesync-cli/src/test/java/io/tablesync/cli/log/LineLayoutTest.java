package io.tablesync.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.CoreConstants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tablesync.core.config.SecretMasker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped configuration's layout: text in DataX's pattern, or one JSON object per line; secrets masked in both. */
class LineLayoutTest {
    private static final String SECRET = "line-layout-test-secret-5f2c";

    private static LineLayout layout(String format) {
        LoggerContext context = new LoggerContext();
        Map<String, String> rules = new HashMap<>();
        rules.put("smsg", ScrubbingMessageConverter.class.getName());
        rules.put("sex", ScrubbingThrowableConverter.class.getName());
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
        LineLayout layout = new LineLayout();
        layout.setContext(context);
        layout.setFormat(format);
        layout.setPattern("%-5level %logger{0} - %smsg%n%sex");
        layout.start();
        return layout;
    }

    private static LoggingEvent event(String message, Throwable thrown) {
        Logger logger = new LoggerContext().getLogger("io.tablesync.Test");
        LoggingEvent e = new LoggingEvent("fqcn", logger, Level.WARN, message, thrown, null);
        e.setMDCPropertyMap(Map.of("job", "a.json"));
        return e;
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheJobAndNoSecret() throws Exception {
        SecretMasker.register(List.of(SECRET));
        String line = layout("json").doLayout(event("connecting with " + SECRET, new IllegalStateException("key " + SECRET)));
        assertThat(line).endsWith("\n").doesNotContain(SECRET);
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("level").asText()).isEqualTo("WARN");
        assertThat(json.path("logger").asText()).isEqualTo("io.tablesync.Test");
        assertThat(json.path("job").asText()).isEqualTo("a.json");
        assertThat(json.path("message").asText()).isEqualTo("connecting with " + SecretMasker.MASK);
        assertThat(json.path("exception").asText()).contains("IllegalStateException: key " + SecretMasker.MASK);
        assertThat(json.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void textLinesKeepThePatternAndMaskTheSecret() {
        SecretMasker.register(List.of(SECRET));
        String line = layout("text").doLayout(event("connecting with " + SECRET, null));
        assertThat(line).isEqualTo("WARN  Test - connecting with " + SecretMasker.MASK + "\n");
    }

    @Test
    void anUnknownFormatWritesText() {
        String line = layout("xml").doLayout(event("hello", null));
        assertThat(line).isEqualTo("WARN  Test - hello\n");
    }
}
