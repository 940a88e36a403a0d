package io.tablesync.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.TablesyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values a job takes from outside its file, so secrets never sit in a job file or a process list:
 * {@code ${env:NAME}} (an environment variable) and {@code ${file:PATH}} (a file's content, one
 * trailing newline trimmed), anywhere inside a JSON string. They are resolved on the parsed job, so a
 * value may hold any character; every resolved value is treated as a secret (masked in every log
 * line). DataX's own {@code ${name}} placeholders are untouched: a name never contains a colon.
 */
public final class ExternalValues {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private ExternalValues() {
    }

    /**
     * Replaces every reference in the job's strings; returns the values put in. A variable that is
     * not set or a file that cannot be read is a configuration error naming the key and the reference.
     */
    public static List<String> resolve(Configuration root, Function<String, String> environment) {
        List<String> resolved = new ArrayList<>();
        walk(root.node(), "", environment, resolved);
        return resolved;
    }

    private static void walk(JsonNode node, String path, Function<String, String> env, List<String> resolved) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getValue().isTextual()) {
                    String text = e.getValue().asText();
                    String value = substitute(text, child, env, resolved);
                    if (!value.equals(text)) {
                        e.setValue(TextNode.valueOf(value));
                    }
                } else {
                    walk(e.getValue(), child, env, resolved);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String child = path + "[" + i + "]";
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    String text = item.asText();
                    String value = substitute(text, child, env, resolved);
                    if (!value.equals(text)) {
                        array.set(i, TextNode.valueOf(value));
                    }
                } else {
                    walk(item, child, env, resolved);
                }
            }
        }
    }

    private static String substitute(String text, String key, Function<String, String> env, List<String> resolved) {
        Matcher m = REFERENCE.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        do {
            String value = m.group(1).equals("env") ? fromEnvironment(m.group(2), key, env) : fromFile(m.group(2), key);
            if (!value.isEmpty()) {
                resolved.add(value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    private static String fromEnvironment(String name, String key, Function<String, String> env) {
        String value = env.apply(name.trim());
        if (value == null) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR, key + " refers to ${env:" + name
                    + "}, but the environment variable " + name + " is not set");
        }
        return value;
    }

    private static String fromFile(String pathText, String key) {
        Path path = Path.of(pathText.trim());
        try {
            String value = Files.readString(path, StandardCharsets.UTF_8);
            return value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
                    : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        } catch (NoSuchFileException e) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR, key + " refers to ${file:" + pathText
                    + "}, but there is no such file");
        } catch (IOException | RuntimeException e) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR, key + " refers to ${file:" + pathText
                    + "}, but the file cannot be read: " + e.getMessage());
        }
    }
}
