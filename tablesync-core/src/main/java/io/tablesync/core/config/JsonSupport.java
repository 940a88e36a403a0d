package io.tablesync.core.config;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The shared Jackson mappers: a lenient one for user-written job files, a plain one for everything else. */
public final class JsonSupport {
    private static final ObjectMapper PLAIN = JsonMapper.builder().build();

    /**
     * Job files as users really write them: the official documentation's examples carry {@code #}
     * and {@code //} comments, and DataX's fastjson tolerates trailing commas and single quotes.
     */
    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();

    private JsonSupport() {
    }

    public static ObjectMapper mapper() {
        return PLAIN;
    }

    public static ObjectMapper lenientMapper() {
        return LENIENT;
    }
}
