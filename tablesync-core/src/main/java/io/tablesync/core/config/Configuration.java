package io.tablesync.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.CommonErrorCode;
import io.tablesync.core.TablesyncException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JSON configuration addressed by DataX-style paths ({@code job.content[0].reader.name}).
 *
 * <p>Every error names the full path of the offending key (including the prefix of the block this
 * configuration was cut from), and a value that is still an unresolved {@code ${placeholder}}
 * is reported as such instead of as an obscure parse failure.
 */
public final class Configuration {
    private static final ObjectMapper MAPPER = JsonSupport.mapper();

    private final ObjectNode root;
    private final String prefix;

    private Configuration(ObjectNode root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    public static Configuration empty() {
        return new Configuration(JsonNodeFactory.instance.objectNode(), "");
    }

    /** Parses strict JSON text (internal use: tests, plugin-produced task configs). */
    public static Configuration fromJson(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (!(node instanceof ObjectNode)) {
                throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR, "configuration must be a JSON object");
            }
            return new Configuration((ObjectNode) node, "");
        } catch (JsonProcessingException e) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    "configuration is not valid JSON: " + e.getOriginalMessage());
        }
    }

    public static Configuration of(ObjectNode node, String prefix) {
        return new Configuration(node, prefix == null ? "" : prefix);
    }

    /** The full path of a key, as it appears in the user's job file. */
    public String describe(String path) {
        if (path == null || path.isEmpty()) {
            return prefix.isEmpty() ? "<root>" : prefix;
        }
        if (prefix.isEmpty()) {
            return path;
        }
        return path.startsWith("[") ? prefix + path : prefix + "." + path;
    }

    public String prefix() {
        return prefix;
    }

    public ObjectNode node() {
        return root;
    }

    public JsonNode get(String path) {
        JsonNode node = root;
        for (PathSegment seg : PathSegment.parse(path)) {
            if (node == null) {
                return null;
            }
            node = seg.index >= 0 ? (node.isArray() ? node.get(seg.index) : null) : node.get(seg.key);
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    public boolean has(String path) {
        JsonNode n = get(path);
        return n != null && !n.isNull();
    }

    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        root.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    // ---- strings ----

    public String getString(String path) {
        JsonNode n = get(path);
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }

    public String getString(String path, String defaultValue) {
        String s = getString(path);
        return s == null ? defaultValue : s;
    }

    /** A required, non-blank string that must not be an unresolved placeholder. */
    public String getNecessaryString(String path) {
        String s = getString(path);
        if (s == null || s.trim().isEmpty()) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    "missing required key " + describe(path) + " (it must be set and not blank)");
        }
        rejectUnresolvedPlaceholder(path, s);
        return s;
    }

    // ---- numbers and booleans (numeric strings are accepted, as DataX does) ----

    public Long getLong(String path) {
        JsonNode n = get(path);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.longValue();
        }
        String text = n.asText().trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            rejectUnresolvedPlaceholder(path, text);
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    describe(path) + " must be an integer, but is " + quote(n));
        }
    }

    public long getLong(String path, long defaultValue) {
        Long v = getLong(path);
        return v == null ? defaultValue : v;
    }

    public Integer getInt(String path) {
        Long v = getLong(path);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    describe(path) + " is out of range for an int: " + v);
        }
        return v.intValue();
    }

    public int getInt(String path, int defaultValue) {
        Integer v = getInt(path);
        return v == null ? defaultValue : v;
    }

    public Double getDouble(String path) {
        JsonNode n = get(path);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        String text = n.asText().trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            rejectUnresolvedPlaceholder(path, text);
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    describe(path) + " must be a number, but is " + quote(n));
        }
    }

    public double getDouble(String path, double defaultValue) {
        Double v = getDouble(path);
        return v == null ? defaultValue : v;
    }

    public Boolean getBool(String path) {
        JsonNode n = get(path);
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        String text = n.asText().trim();
        if ("true".equalsIgnoreCase(text)) {
            return true;
        }
        if ("false".equalsIgnoreCase(text)) {
            return false;
        }
        rejectUnresolvedPlaceholder(path, text);
        throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                describe(path) + " must be true or false, but is " + quote(n));
    }

    public boolean getBool(String path, boolean defaultValue) {
        Boolean v = getBool(path);
        return v == null ? defaultValue : v;
    }

    // ---- nested ----

    /** The object at path, or null when absent; errors if it is not an object. */
    public Configuration getConfiguration(String path) {
        JsonNode n = get(path);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    describe(path) + " must be a JSON object, but is " + quote(n));
        }
        return new Configuration((ObjectNode) n, describe(path));
    }

    /** The array at path, or an empty list when absent; errors if it is not an array. */
    public List<JsonNode> getList(String path) {
        JsonNode n = get(path);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray()) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    describe(path) + " must be a JSON array, but is " + quote(n));
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    /** Each element of the array at path as an object configuration (errors name the element). */
    public List<Configuration> getListConfiguration(String path) {
        List<JsonNode> items = getList(path);
        List<Configuration> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = describe(path) + "[" + i + "]";
            if (!item.isObject()) {
                throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                        where + " must be a JSON object, but is " + quote(item));
            }
            out.add(new Configuration((ObjectNode) item, where));
        }
        return out;
    }

    public List<String> getStringList(String path) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : getList(path)) {
            out.add(n.isValueNode() ? n.asText() : n.toString());
        }
        return out;
    }

    // ---- mutation ----

    public Configuration set(String path, Object value) {
        List<PathSegment> segs = PathSegment.parse(path);
        JsonNode parent = root;
        for (int i = 0; i < segs.size() - 1; i++) {
            PathSegment seg = segs.get(i);
            PathSegment next = segs.get(i + 1);
            JsonNode child = seg.index >= 0 ? parent.get(seg.index) : parent.get(seg.key);
            if (child == null || child.isNull() || !child.isContainerNode()) {
                child = next.index >= 0 ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode();
                put(parent, seg, child);
            }
            parent = child;
        }
        put(parent, segs.get(segs.size() - 1), MAPPER.valueToTree(value));
        return this;
    }

    public Configuration remove(String path) {
        List<PathSegment> segs = PathSegment.parse(path);
        JsonNode parent = segs.size() == 1 ? root : get(path.substring(0, path.lastIndexOf('.')));
        PathSegment last = segs.get(segs.size() - 1);
        if (parent instanceof ObjectNode && last.index < 0) {
            ((ObjectNode) parent).remove(last.key);
        }
        return this;
    }

    /** Adds keys of {@code defaults} that this configuration lacks (recursively); existing keys win. */
    public Configuration mergeDefaults(Configuration defaults) {
        mergeInto(root, defaults.root);
        return this;
    }

    private static void mergeInto(ObjectNode target, ObjectNode defaults) {
        Iterator<String> names = defaults.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode d = defaults.get(name);
            JsonNode t = target.get(name);
            if (t == null) {
                target.set(name, d.deepCopy());
            } else if (t.isObject() && d.isObject()) {
                mergeInto((ObjectNode) t, (ObjectNode) d);
            }
        }
    }

    public Configuration copy() {
        return new Configuration(root.deepCopy(), prefix);
    }

    /** A copy re-rooted with a different error-message prefix. */
    public Configuration withPrefix(String newPrefix) {
        return new Configuration(root, newPrefix);
    }

    public String toJson() {
        return root.toString();
    }

    public String toPrettyJson() {
        return root.toPrettyString();
    }

    @Override
    public String toString() {
        return toJson();
    }

    private void rejectUnresolvedPlaceholder(String path, String value) {
        String name = Placeholders.firstPlaceholderName(value);
        if (name != null) {
            throw TablesyncException.userError(CommonErrorCode.CONFIG_ERROR,
                    "placeholder ${" + name + "} in " + describe(path) + " has no value: pass it as -p \"-D" + name
                            + "=<value>\" (datax.py) or -D" + name + "=<value> (tablesync run)");
        }
    }

    /** A value for a message: objects and arrays with their secrets masked, and cut short. */
    private static String quote(JsonNode n) {
        if (n.isTextual()) {
            return "\"" + SecretMasker.maskUrl(n.asText()) + "\"";
        }
        String text = n.isContainerNode() ? SecretMasker.mask(n).toString() : n.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void put(JsonNode parent, PathSegment seg, JsonNode value) {
        if (seg.index >= 0) {
            ArrayNode arr = (ArrayNode) parent;
            while (arr.size() <= seg.index) {
                arr.addNull();
            }
            arr.set(seg.index, value);
        } else {
            ((ObjectNode) parent).set(seg.key, value);
        }
    }

    /** One step of a path: an object key or an array index. */
    private static final class PathSegment {
        final String key;
        final int index;

        private PathSegment(String key, int index) {
            this.key = key;
            this.index = index;
        }

        static List<PathSegment> parse(String path) {
            List<PathSegment> out = new ArrayList<>();
            if (path == null || path.isEmpty()) {
                return out;
            }
            for (String part : path.split("\\.")) {
                int bracket = part.indexOf('[');
                String key = bracket < 0 ? part : part.substring(0, bracket);
                if (!key.isEmpty()) {
                    out.add(new PathSegment(key, -1));
                }
                while (bracket >= 0) {
                    int close = part.indexOf(']', bracket);
                    if (close < 0) {
                        throw new IllegalArgumentException("bad configuration path: " + path);
                    }
                    out.add(new PathSegment(null, Integer.parseInt(part.substring(bracket + 1, close))));
                    bracket = part.indexOf('[', close);
                }
            }
            return out;
        }
    }
}
