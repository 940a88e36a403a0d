package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Folds two consecutive changes of one document into one action that leaves the document exactly as
 * the two would, one after the other:
 * <ul>
 *   <li>a later INDEX or DELETE replaces whatever came before (neither depends on the stored document);</li>
 *   <li>an UPDATE after an INDEX is an INDEX of the earlier document without the fields the update deletes,
 *       with the fields it sets;</li>
 *   <li>an UPDATE after a DELETE is an INDEX of the fields it sets (the update would create the document
 *       from its {@code upsert} / {@code doc_as_upsert} part, and a scripted update does not run its script
 *       on a missing document);</li>
 *   <li>an UPDATE after an UPDATE sets the earlier fields overlaid by the later ones, minus the fields the
 *       later one deletes, and deletes every field either deletes that is not set again (field by field:
 *       the later change decides, otherwise the earlier one, otherwise the stored document).</li>
 * </ul>
 * Not coalesced, so they keep their own bulk item: actions without an id (the server picks one), with an
 * external version (a stale one is skipped by the server, so the result depends on the stored version),
 * CREATE (fails when the document exists), actions of the same id with another routing or parent, and
 * UPDATEs that set an object-valued field (a partial {@code doc} merges objects deeply, which a replacing
 * document would not).
 */
final class ActionCoalescer {
    private ActionCoalescer() {
    }

    /** Whether {@code a} may be folded with another change of its document at all. */
    static boolean coalescable(EsAction a) {
        if (a.id == null || a.version != null) {
            return false;
        }
        return switch (a.kind) {
            case INDEX, DELETE -> true;
            case UPDATE -> !setsAnObject(a);
            case CREATE -> false;
        };
    }

    /** One action equivalent to {@code earlier} followed by {@code later}, or null when they must stay apart. */
    static EsAction combine(EsAction earlier, EsAction later) {
        if (!coalescable(earlier) || !coalescable(later) || !earlier.id.equals(later.id)
                || !Objects.equals(earlier.routing, later.routing) || !Objects.equals(earlier.parent, later.parent)) {
            return null;
        }
        List<EsAction> parts = new ArrayList<>(earlier.recordCount() + later.recordCount());
        addParts(parts, earlier);
        addParts(parts, later);
        if (later.kind != EsAction.Kind.UPDATE) {
            return with(later, later.kind, fields(later), later.removed, parts);
        }
        Map<String, Object> set = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        switch (earlier.kind) {
            case DELETE -> {
                // the update creates the document from the fields it sets
            }
            case INDEX -> set.putAll(fields(earlier));
            case UPDATE -> {
                set.putAll(fields(earlier));
                if (earlier.removed != null) {
                    removed.addAll(earlier.removed);
                }
            }
            default -> throw new IllegalStateException("not coalescable: " + earlier.kind);
        }
        if (later.removed != null) {
            for (String f : later.removed) {
                set.remove(f);
                removed.add(f);
            }
        }
        set.putAll(fields(later));
        removed.removeAll(set.keySet());
        if (earlier.kind == EsAction.Kind.UPDATE) {
            return with(later, EsAction.Kind.UPDATE, set, removed.isEmpty() ? null : List.copyOf(removed), parts);
        }
        return with(later, EsAction.Kind.INDEX, set, null, parts); // a whole document: nothing to remove from it
    }

    private static void addParts(List<EsAction> parts, EsAction a) {
        if (a.parts == null) {
            parts.add(a);
        } else {
            parts.addAll(a.parts);
        }
    }

    private static Map<String, Object> fields(EsAction a) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < a.size; i++) {
            out.put(a.names[i], a.values[i]);
        }
        return out;
    }

    private static EsAction with(EsAction latest, EsAction.Kind kind, Map<String, Object> fields, List<String> removed, List<EsAction> parts) {
        String[] names = fields.keySet().toArray(new String[0]);
        Object[] values = fields.values().toArray();
        return new EsAction(latest.record, kind, latest.id, latest.routing, latest.parent, null,
                kind == EsAction.Kind.DELETE ? null : names, kind == EsAction.Kind.DELETE ? null : values,
                kind == EsAction.Kind.DELETE ? 0 : names.length, removed, List.copyOf(parts));
    }

    private static boolean setsAnObject(EsAction a) {
        for (int i = 0; i < a.size; i++) {
            if (a.values[i] instanceof ObjectNode) {
                return true;
            }
        }
        return false;
    }
}
