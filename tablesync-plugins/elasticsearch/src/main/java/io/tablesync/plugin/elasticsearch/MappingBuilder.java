package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.config.Configuration;

/**
 * The index mapping generated from {@code column} (research datax.md §4.8): {@code {"type":...}} per
 * non-virtual column plus the options DataX copies for that type; nothing else.
 */
final class MappingBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MappingBuilder() {
    }

    /** The per-type options of one column entry that go into its field mapping. */
    static ObjectNode options(Configuration col, EsFieldType type) {
        ObjectNode o = JSON.createObjectNode();
        if (type.isVirtual()) {
            return o;
        }
        if (type == EsFieldType.TEXT || type == EsFieldType.STRING) {
            copy(col, o, "analyzer", "norms", "index_options", "fields");
        }
        if (type == EsFieldType.KEYWORD) {
            copy(col, o, "eager_global_ordinals", "fields");
        }
        copy(col, o, "doc_values", "ignore_above", "index");
        if (type == EsFieldType.DATE && col.getBool("origin", false)) {
            // with origin the values are passed through, so the mapping must know their format
            String f = col.has("dstFormat") ? col.getString("dstFormat") : col.getString("format");
            if (f != null) {
                o.put("format", f);
            }
        }
        if (type == EsFieldType.GEO_SHAPE) {
            copy(col, o, "tree", "precision");
        }
        if (type == EsFieldType.OBJECT || type == EsFieldType.NESTED) {
            copy(col, o, "dynamic");
        }
        return o;
    }

    private static void copy(Configuration col, ObjectNode o, String... keys) {
        for (String k : keys) {
            JsonNode v = col.get(k);
            if (v != null && !v.isNull()) {
                o.set(k, v);
            }
        }
    }

    /** {@code {"properties":{...}}} (plus {@code "dynamic"} from dstDynamic) for typeless servers. */
    static ObjectNode typeless(EsWriterConfig cfg) {
        ObjectNode root = JSON.createObjectNode();
        if (cfg.dstDynamic != null && !cfg.dstDynamic.isNull()) {
            root.set("dynamic", cfg.dstDynamic);
        }
        ObjectNode props = root.putObject("properties");
        for (EsColumn c : cfg.columns) {
            if (c.isVirtual() || combinedAway(cfg, c)) {
                continue;
            }
            ObjectNode f = props.putObject(c.name());
            f.put("type", c.type().mappingType());
            f.setAll(c.mappingOptions());
            if (c.otherParams() != null && c.otherParams().isObject()) {
                f.setAll((ObjectNode) c.otherParams());
            }
        }
        return root;
    }

    /** {@code {"<type>":{"properties":{...}}}} for Elasticsearch 6. */
    static ObjectNode typed(EsWriterConfig cfg, String type) {
        ObjectNode root = JSON.createObjectNode();
        root.set(type, typeless(cfg));
        return root;
    }

    /** Columns listed in an id column's combineFields are part of the id only, not of the document. */
    static boolean combinedAway(EsWriterConfig cfg, EsColumn c) {
        for (EsColumn id : cfg.columns) {
            if (id.combineFields().contains(c.name())) {
                return true;
            }
        }
        return false;
    }
}
