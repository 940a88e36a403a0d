package io.tablesync.plugin.elasticsearch;

import io.tablesync.core.element.Record;
import java.util.List;

/**
 * One bulk action made from one record. {@code values} holds String, Long, Double, Boolean, JsonNode,
 * List (array columns) or null (an explicit JSON null); only the first {@code size} entries are used.
 * {@code removed} names the fields an UPDATE deletes (a scripted update), or is null.
 */
final class EsAction {
    enum Kind { INDEX, CREATE, UPDATE, DELETE }

    final Record record;
    final Kind kind;
    final String id;
    final String routing;
    final String parent;
    final Long version;
    final String[] names;
    final Object[] values;
    final int size;
    final List<String> removed;

    EsAction(Record record, Kind kind, String id, String routing, String parent, Long version, String[] names, Object[] values, int size,
             List<String> removed) {
        this.record = record;
        this.kind = kind;
        this.id = id;
        this.routing = routing;
        this.parent = parent;
        this.version = version;
        this.names = names;
        this.values = values;
        this.size = size;
        this.removed = removed;
    }
}
