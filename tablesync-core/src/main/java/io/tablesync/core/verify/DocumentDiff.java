package io.tablesync.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Field-by-field comparison of the document the writer would send with the stored one, over the
 * job's document fields. A missing field and a null are the same (the writer leaves nulls out when
 * {@code enableWriteNull} is false, and a deleted column is null where the server runs no scripts);
 * numbers compare by value (a stored 1.0 and 1 are the same number).
 */
final class DocumentDiff {
    private DocumentDiff() {
    }

    /** "field: table X, index Y" for every differing field; empty when equal. */
    static List<String> diff(List<String> fields, JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        for (String f : fields) {
            JsonNode e = expected.get(f);
            JsonNode a = actual.get(f);
            if (!same(e, a)) {
                out.add(f + ": table " + show(e) + ", index " + show(a));
            }
        }
        return out;
    }

    private static boolean isNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    static boolean same(JsonNode e, JsonNode a) {
        if (isNull(e) || isNull(a)) {
            return isNull(e) && isNull(a);
        }
        if (e.isNumber() && a.isNumber()) {
            return e.decimalValue().compareTo(a.decimalValue()) == 0;
        }
        if (e.isArray() && a.isArray()) {
            if (e.size() != a.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!same(e.get(i), a.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (e.isObject() && a.isObject()) {
            if (e.size() != a.size()) {
                return false;
            }
            var names = e.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!same(e.get(n), a.get(n))) {
                    return false;
                }
            }
            return true;
        }
        return e.equals(a);
    }

    private static String show(JsonNode n) {
        if (isNull(n)) {
            return "(none)";
        }
        String s = n.toString();
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
