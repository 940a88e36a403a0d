package io.tablesync.plugin.elasticsearch;

import io.tablesync.core.element.Record;
import java.util.List;

/**
 * One bulk action made from one record, or from several changes of one document coalesced into one
 * ({@link ActionCoalescer}). {@code values} holds String, Long, Double, Boolean, JsonNode, List (array
 * columns) or null (an explicit JSON null); only the first {@code size} entries are used. {@code removed}
 * names the fields an UPDATE deletes (a scripted update), or is null. {@code parts} is null for an action
 * made from one record; for a coalesced one it holds the original single-record actions in their order,
 * so every record can be acknowledged, and sent on its own if the server rejects the combined document.
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
    final List<EsAction> parts;

    EsAction(Record record, Kind kind, String id, String routing, String parent, Long version, String[] names, Object[] values, int size,
             List<String> removed) {
        this(record, kind, id, routing, parent, version, names, values, size, removed, null);
    }

    EsAction(Record record, Kind kind, String id, String routing, String parent, Long version, String[] names, Object[] values, int size,
             List<String> removed, List<EsAction> parts) {
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
        this.parts = parts;
    }

    /** The records this action stands for, oldest first. */
    List<Record> records() {
        return parts == null ? List.of(record) : parts.stream().map(p -> p.record).toList();
    }

    int recordCount() {
        return parts == null ? 1 : parts.size();
    }
}
