package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tablesync.core.TablesyncException;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.Operation;
import io.tablesync.core.element.Record;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Record → {@link EsAction}: picks the bulk action from the record's operation, {@code deleteBy} and
 * {@code actionType}; computes id, routing, parent and version from the virtual columns; converts
 * column values (research datax.md §4.3). A value that cannot be converted throws
 * {@link ConversionException} naming the column; the caller makes the record dirty.
 */
final class DocumentConverter {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record that cannot become a document; the message names the column. */
    static final class ConversionException extends RuntimeException {
        ConversionException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final EsWriterConfig cfg;
    private final boolean typeless;
    private final boolean scripts;
    private final List<EsColumn> columns;
    private final int[] idColumns;
    private final int[] routingColumns;
    private final int parentColumn;
    private final int versionColumn;
    private final boolean[] inDocument;
    private final Pattern splitter;
    private final ZoneId defaultZone = ZoneId.systemDefault();

    /**
     * @param scripts whether the server runs painless: then a deleted column of an UPDATE removes its field
     *                (a scripted update); otherwise it is set to null, the closest a partial document can get
     */
    DocumentConverter(EsWriterConfig cfg, boolean typeless, boolean scripts) {
        this.cfg = cfg;
        this.typeless = typeless;
        this.scripts = scripts;
        this.columns = cfg.columns;
        this.idColumns = cfg.primaryKeyColumns != null ? indexes(cfg.primaryKeyColumns)
                : columns.stream().filter(c -> c.type() == EsFieldType.ID).mapToInt(EsColumn::index).toArray();
        this.routingColumns = cfg.partitionColumns != null ? indexes(cfg.partitionColumns)
                : columns.stream().filter(c -> c.type() == EsFieldType.ROUTING).mapToInt(EsColumn::index).toArray();
        this.parentColumn = columns.stream().filter(c -> c.type() == EsFieldType.PARENT).mapToInt(EsColumn::index).findFirst().orElse(-1);
        this.versionColumn = columns.stream().filter(c -> c.type() == EsFieldType.VERSION).mapToInt(EsColumn::index).findFirst().orElse(-1);
        this.inDocument = new boolean[columns.size()];
        for (EsColumn c : columns) {
            inDocument[c.index()] = !c.isVirtual() && !MappingBuilder.combinedAway(cfg, c);
        }
        this.splitter = Pattern.compile(Pattern.quote(cfg.splitter));
    }

    /** The fields a document of this job can have, in column order (virtual and combined-away columns excluded). */
    List<String> documentFields() {
        List<String> out = new ArrayList<>();
        for (EsColumn c : columns) {
            if (inDocument[c.index()]) {
                out.add(c.name());
            }
        }
        return out;
    }

    /**
     * The record columns a document id was made of (column index → text), or null when the id cannot be
     * taken apart: several columns joined without a delimiter, or an id combined from other fields.
     */
    java.util.Map<Integer, String> idParts(String id) {
        if (idColumns.length == 0) {
            return null;
        }
        java.util.Map<Integer, String> out = new java.util.HashMap<>();
        if (cfg.primaryKeyColumns != null) {
            if (idColumns.length == 1) {
                out.put(idColumns[0], id);
                return out;
            }
            if (cfg.primaryKeyDelimiter.isEmpty()) {
                return null;
            }
            String[] parts = id.split(Pattern.quote(cfg.primaryKeyDelimiter), -1);
            if (parts.length != idColumns.length) {
                return null;
            }
            for (int k = 0; k < parts.length; k++) {
                out.put(idColumns[k], parts[k]);
            }
            return out;
        }
        if (idColumns.length != 1) {
            return null;
        }
        EsColumn c = columns.get(idColumns[0]);
        if (c.combineFields().isEmpty()) {
            out.put(c.index(), id);
            return out;
        }
        if (c.combineSeparator() == null || c.combineSeparator().isEmpty()) {
            return null;
        }
        String[] parts = id.split(Pattern.quote(c.combineSeparator()), -1);
        if (parts.length != c.combineFields().size()) {
            return null;
        }
        for (int k = 0; k < parts.length; k++) {
            out.put(indexOf(c.combineFields().get(k)), parts[k]);
        }
        return out;
    }

    boolean usesExternalVersion() {
        return versionColumn >= 0;
    }

    /** Checks the record's width (DataX: equal to {@code column}, or larger with enableRedundantColumn). */
    void checkWidth(Record r) {
        int n = r.getColumnNumber();
        if (n == columns.size() || (cfg.enableRedundantColumn && n > columns.size())) {
            return;
        }
        throw TablesyncException.userError(EsWriterErrorCode.BAD_CONFIG_VALUE, String.format(
                "column number not equal error, reader column size is %s, but the writer column size is %s", n, columns.size()));
    }

    EsAction convert(Record r) {
        Operation op = r.getOperation() == null ? Operation.UPSERT : r.getOperation();
        EsAction.Kind kind;
        if (op == Operation.DELETE || matchesDeleteBy(r)) {
            kind = EsAction.Kind.DELETE;
        } else if (op == Operation.UPDATE) {
            kind = EsAction.Kind.UPDATE;
        } else {
            kind = switch (cfg.actionType) {
                case INDEX -> EsAction.Kind.INDEX;
                case UPDATE -> EsAction.Kind.UPDATE;
                case CREATE -> EsAction.Kind.CREATE;
                case DELETE -> EsAction.Kind.DELETE;
            };
        }
        String id = id(r);
        if (id == null && (kind == EsAction.Kind.UPDATE || kind == EsAction.Kind.DELETE)) {
            throw new ConversionException(idColumns.length == 0
                    ? "a " + kind.name().toLowerCase() + " needs a document id, but the job has no column of type id and no primaryKeyInfo"
                    : "a " + kind.name().toLowerCase() + " needs a document id, but the id column value is null", null);
        }
        String routing = join(r, routingColumns, "");
        String parent = parentColumn < 0 ? null : str(r, parentColumn);
        if (parent != null && typeless && routing == null) {
            routing = parent; // ES 7+ has no bulk "parent"; join fields route children by the parent id
            parent = null;
        } else if (typeless) {
            parent = null;
        }
        Long version = null;
        if (versionColumn >= 0 && kind != EsAction.Kind.UPDATE) {
            try {
                version = r.getColumn(versionColumn).asLong();
            } catch (RuntimeException e) {
                throw new ConversionException("parse error for column: " + columns.get(versionColumn).name() + " errorMessage: " + e.getMessage(), e);
            }
        }
        if (kind == EsAction.Kind.DELETE) {
            return new EsAction(r, kind, id, routing, parent, version, null, null, 0, null);
        }
        String[] names = new String[columns.size()];
        Object[] values = new Object[columns.size()];
        int n = 0;
        List<String> removed = null;
        for (EsColumn c : columns) {
            int i = c.index();
            if (!inDocument[i]) {
                continue;
            }
            ColumnState state = r.getColumnState(i);
            if (state == ColumnState.ABSENT) {
                continue; // not touched by this change: never erase it
            }
            if (state == ColumnState.DELETED) {
                if (scripts) {
                    if (removed == null) {
                        removed = new ArrayList<>(2);
                    }
                    removed.add(c.name());
                } else {
                    names[n] = c.name();
                    values[n++] = null; // no scripts: null removes the value (not the key), whatever enableWriteNull says
                }
                continue;
            }
            Object v;
            try {
                v = value(c, r.getColumn(i));
            } catch (ConversionException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ConversionException("parse error for column: " + c.name() + " errorMessage: " + e.getMessage(), e);
            }
            if (v == null && !cfg.enableWriteNull) {
                continue;
            }
            names[n] = c.name();
            values[n++] = v;
        }
        return new EsAction(r, kind, id, routing, parent, version, names, values, n, removed);
    }

    private Object value(EsColumn c, Column col) {
        if (col == null || col.getRawData() == null) {
            return null;
        }
        if (c.array()) {
            return array(c, col.asString());
        }
        if (c.jsonArray()) {
            return json(c, col.asString());
        }
        switch (c.type().value()) {
            case STRING:
                return col.asString();
            case LONG:
                return col.asLong();
            case DOUBLE:
                return col.asDouble();
            case BOOLEAN:
                return col.asBoolean();
            case BINARY:
                // ES binary fields take base64; DataX sent the decoded text, which ES rejects
                return col.getType() == Column.Type.BYTES ? Base64.getEncoder().encodeToString(col.asBytes()) : col.asString();
            case JSON:
                return json(c, col.asString());
            case DATE:
                return date(c, col);
            default:
                throw new IllegalStateException("virtual column in document: " + c.name());
        }
    }

    private Object date(EsColumn c, Column col) {
        if (c.origin()) {
            return col.asString();
        }
        ZoneId zone = c.timezone() != null ? c.timezone() : defaultZone;
        if (col.getType() == Column.Type.DATE) {
            return DateParsing.iso(col.asLong(), zone);
        }
        if (c.format() != null) {
            try {
                return DateParsing.parseToIso(col.asString(), c.format(), zone);
            } catch (RuntimeException e) {
                throw new ConversionException("parse error for column: " + c.name() + " errorMessage: \"" + col.asString()
                        + "\" does not match format \"" + c.format() + "\" (" + e.getMessage() + ")", e);
            }
        }
        return col.asString();
    }

    private List<Object> array(EsColumn c, String text) {
        String[] parts = splitter.split(text, -1);
        List<Object> out = new ArrayList<>(parts.length);
        for (String p : parts) {
            if (!c.dstArray()) {
                out.add(p);
                continue;
            }
            try {
                switch (c.type().value()) {
                    case LONG -> out.add(Long.parseLong(p.trim()));
                    case DOUBLE -> out.add(Double.parseDouble(p.trim()));
                    default -> out.add(p);
                }
            } catch (NumberFormatException e) {
                // DataX drops the field and logs at INFO; a silently missing field is data loss, so the record is dirty
                throw new ConversionException("parse error for column: " + c.name() + " errorMessage: array element \"" + p
                        + "\" is not a " + c.type().mappingType(), e);
            }
        }
        return out;
    }

    private static JsonNode json(EsColumn c, String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConversionException("parse error for column: " + c.name() + " errorMessage: not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The record's document id, or null when the job gives it none (the server generates one). */
    String documentId(Record r) {
        return id(r);
    }

    private String id(Record r) {
        if (cfg.primaryKeyColumns != null) {
            return join(r, idColumns, cfg.primaryKeyDelimiter);
        }
        if (idColumns.length == 0) {
            return null;
        }
        if (idColumns.length == 1 && columns.get(idColumns[0]).combineFields().isEmpty()) {
            return str(r, idColumns[0]); // the common case: the id is one column's text, taken without copying it
        }
        StringBuilder sb = null;
        for (int i : idColumns) {
            EsColumn c = columns.get(i);
            String part;
            if (!c.combineFields().isEmpty()) {
                StringBuilder comb = new StringBuilder();
                for (String f : c.combineFields()) {
                    String v = str(r, indexOf(f));
                    if (comb.length() > 0) {
                        comb.append(c.combineSeparator());
                    }
                    comb.append(v == null ? "" : v);
                }
                part = comb.toString();
            } else {
                part = str(r, i);
            }
            if (part != null) {
                sb = sb == null ? new StringBuilder(part) : sb.append(part);
            }
        }
        return sb == null ? null : sb.toString();
    }

    private boolean matchesDeleteBy(Record r) {
        for (Map<String, Set<String>> cond : cfg.deleteBy) {
            boolean all = true;
            for (Map.Entry<String, Set<String>> e : cond.entrySet()) {
                String v = str(r, indexOf(e.getKey()));
                if (v == null || !e.getValue().contains(v)) {
                    all = false;
                    break;
                }
            }
            if (all && !cond.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private String join(Record r, int[] idx, String sep) {
        if (idx.length == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        for (int k = 0; k < idx.length; k++) {
            String v = str(r, idx[k]);
            if (k > 0) {
                sb.append(sep);
            }
            if (v != null) {
                sb.append(v);
                any = true;
            }
        }
        return any ? sb.toString() : null;
    }

    private static String str(Record r, int i) {
        Column c = r.getColumn(i);
        return c == null ? null : c.asString();
    }

    private int indexOf(String name) {
        for (EsColumn c : columns) {
            if (c.name().equals(name)) {
                return c.index();
            }
        }
        throw new IllegalStateException("unknown column " + name);
    }

    private int[] indexes(List<String> names) {
        return names.stream().mapToInt(this::indexOf).toArray();
    }
}
