package io.tablesync.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before anything is logged. DataX masks only keys ending in {@code password} or
 * {@code accessKey}; we also cover secrets, tokens and API keys, keys that look like a misspelt
 * secret key ({@code pasword}, {@code passwd}), and credentials written into a URL
 * ({@code http://user:pass@host}), because a logged credential is a credential leaked into every
 * log shipper downstream.
 */
public final class SecretMasker {
    public static final String MASK = "********";
    /** The printed configuration stops here: a 50 MB job file must not flood the console and the log. */
    public static final int DUMP_LIMIT_BYTES = 64 * 1024;

    /** The secret keys that misspellings are measured against. */
    private static final List<String> SECRET_KEYS = List.of("password", "accesskey", "secret", "secretkey",
            "accesskeysecret", "apikey", "token", "passphrase", "credentials", "authorization");
    private static final String[] SECRET_PARTS = {"pass", "pwd", "secret", "token"};
    /** scheme://userinfo@ — the userinfo part is what we mask. */
    private static final Pattern URL_USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/@\\s\"',]+)@");

    /** Secret values of the running job: the log output scrubs them from every line. */
    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    private SecretMasker() {
    }

    /** Adds values to scrub from every log line ({@link #scrubRegistered}). */
    public static void register(Collection<String> secrets) {
        for (String s : secrets) {
            if (s != null && s.length() >= 3) {
                REGISTERED.add(s);
            }
        }
    }

    /** A log line with every registered secret and every URL credential masked. */
    public static String scrubRegistered(String text) {
        return scrub(text, REGISTERED);
    }

    private static String normalize(String key) {
        return key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** A key whose value is a credential (the plugins' own names for them). */
    public static boolean isSecretKey(String key) {
        String k = normalize(key);
        return k.endsWith("password") || k.endsWith("accesskey") || k.contains("secret") || k.endsWith("token")
                || k.endsWith("apikey") || k.endsWith("passphrase") || k.equals("authorization")
                || k.endsWith("credentials");
    }

    /**
     * A key that is a secret key, a misspelt one (edit distance at most 2, e.g. {@code pasword},
     * {@code acessKey}), or one whose name contains pass, pwd, secret, token or key: its value is
     * masked in the printed configuration. (A plugin ignores a misspelt key, but its value is still
     * somebody's password.)
     */
    public static boolean looksLikeSecretKey(String key) {
        if (isSecretKey(key)) {
            return true;
        }
        String k = normalize(key);
        for (String part : SECRET_PARTS) {
            if (k.contains(part)) {
                return true;
            }
        }
        if (k.contains("key")) {
            return true;
        }
        if (k.length() < 5) {
            return false;
        }
        for (String s : SECRET_KEYS) {
            if (ParameterChecker.distance(k, s) <= 2) {
                return true;
            }
        }
        return false;
    }

    /** A key whose text value is scrubbed from free text too (not the broad "contains key" rule: ids, names). */
    static boolean isScrubbedKey(String key) {
        if (isSecretKey(key)) {
            return true;
        }
        String k = normalize(key);
        for (String part : SECRET_PARTS) {
            if (k.contains(part)) {
                return true;
            }
        }
        if (k.length() < 5) {
            return false;
        }
        for (String s : SECRET_KEYS) {
            if (ParameterChecker.distance(k, s) <= 2) {
                return true;
            }
        }
        return false;
    }

    /** {@code http://user:pass@host} → {@code http://********@host}, anywhere in a text. */
    public static String maskUrl(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        return URL_USERINFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
    }

    /** The userinfo of every URL in a text, and its password part: values to scrub from any message. */
    public static List<String> urlCredentials(String text) {
        List<String> out = new ArrayList<>();
        if (text == null || text.indexOf('@') < 0) {
            return out;
        }
        Matcher m = URL_USERINFO.matcher(text);
        while (m.find()) {
            String userinfo = m.group(2);
            out.add(userinfo);
            int colon = userinfo.indexOf(':');
            if (colon >= 0 && colon + 1 < userinfo.length()) {
                out.add(userinfo.substring(colon + 1));
            }
        }
        return out;
    }

    /** Every value in a configuration tree that must never appear in a message: secret keys' values, URL credentials. */
    public static List<String> secretValues(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (isScrubbedKey(e.getKey()) && v.isValueNode() && !v.isNull() && !v.asText().isEmpty()) {
                    out.add(v.asText());
                } else {
                    collect(v, out);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        } else if (node.isTextual()) {
            out.addAll(urlCredentials(node.asText()));
        }
    }

    /** A masked deep copy of a configuration tree. */
    public static JsonNode mask(JsonNode node) {
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    /** The configuration as DataX prints it at start, masked, and cut at {@link #DUMP_LIMIT_BYTES}. */
    public static String maskedPrettyJson(Configuration conf) {
        return cap(mask(conf.node()).toPrettyString(), DUMP_LIMIT_BYTES);
    }

    /** The text cut to at most {@code limitBytes} UTF-8 bytes, then "… N bytes more". */
    static String cap(String text, int limitBytes) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= limitBytes) {
            return text;
        }
        int cut = limitBytes;
        while (cut > 0 && (bytes[cut] & 0xC0) == 0x80) {
            cut--; // never split a character
        }
        return new String(bytes, 0, cut, StandardCharsets.UTF_8) + "\n… " + (bytes.length - cut)
                + " bytes more (the configuration is cut at " + limitBytes / 1024 + " KiB)";
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode) {
            ObjectNode obj = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (looksLikeSecretKey(e.getKey()) && v.isValueNode() && !v.isNull() && !v.asText().isEmpty()) {
                    e.setValue(obj.textNode(MASK));
                } else if (v.isTextual()) {
                    String masked = maskUrl(v.asText());
                    if (!masked.equals(v.asText())) {
                        e.setValue(obj.textNode(masked));
                    }
                } else {
                    maskInPlace(v);
                }
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode arr = (ArrayNode) node;
            for (int i = 0; i < arr.size(); i++) {
                JsonNode v = arr.get(i);
                if (v.isTextual()) {
                    String masked = maskUrl(v.asText());
                    if (!masked.equals(v.asText())) {
                        arr.set(i, arr.textNode(masked));
                    }
                } else {
                    maskInPlace(v);
                }
            }
        }
    }

    /** Replaces every occurrence of the given secret values, and URL credentials, in free text. */
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
        return maskUrl(out);
    }
}
