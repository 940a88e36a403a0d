package io.tablesync.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Masks secrets before anything is logged. DataX masks only keys ending in {@code password} or
 * {@code accessKey}; we also cover secrets, tokens and API keys, because a logged credential is
 * a credential leaked into every log shipper downstream.
 */
public final class SecretMasker {
    public static final String MASK = "********";

    private SecretMasker() {
    }

    public static boolean isSecretKey(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return k.endsWith("password") || k.endsWith("accesskey") || k.contains("secret") || k.endsWith("token")
                || k.endsWith("apikey") || k.endsWith("passphrase") || k.equals("authorization")
                || k.endsWith("credentials");
    }

    /** A masked deep copy of a configuration tree. */
    public static JsonNode mask(JsonNode node) {
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    public static String maskedPrettyJson(Configuration conf) {
        return mask(conf.node()).toPrettyString();
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode) {
            ObjectNode obj = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isSecretKey(e.getKey()) && e.getValue().isValueNode() && !e.getValue().isNull()) {
                    e.setValue(obj.textNode(MASK));
                } else {
                    maskInPlace(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode) {
            node.forEach(SecretMasker::maskInPlace);
        }
    }

    /** Replaces every occurrence of the given secret values in free text (error messages, URLs). */
    public static String scrub(String text, Iterable<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String s : secrets) {
            if (s != null && s.length() >= 3) {
                out = out.replace(s, MASK);
            }
        }
        return out;
    }
}
