package io.tablesync.tablestore.local.storage;

import io.tablesync.tablestore.local.plainbuffer.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stored row: its primary key and, per attribute column (sorted by name), the versions newest first.
 * Mutable while a write builds the new state; never shared between threads after it is encoded.
 */
public final class StoredRow {

    /** One version of a column. */
    public record Version(long ts, Value value) {
    }

    private final List<Value> primaryKey;
    private final TreeMap<String, List<Version>> columns;

    public StoredRow(List<Value> primaryKey) {
        this(primaryKey, new TreeMap<>());
    }

    private StoredRow(List<Value> primaryKey, TreeMap<String, List<Version>> columns) {
        this.primaryKey = primaryKey;
        this.columns = columns;
    }

    public List<Value> primaryKey() {
        return primaryKey;
    }

    public Map<String, List<Version>> columns() {
        return columns;
    }

    public boolean hasColumns() {
        return !columns.isEmpty();
    }

    /** Versions of a column, newest first; empty if the column is absent. */
    public List<Version> versions(String column) {
        List<Version> v = columns.get(column);
        return v == null ? List.of() : v;
    }

    /** Adds or replaces the version with this timestamp, keeping newest-first order. */
    public void putVersion(String column, long ts, Value value) {
        List<Version> list = columns.computeIfAbsent(column, k -> new ArrayList<>(1));
        int i = 0;
        while (i < list.size() && list.get(i).ts() > ts) {
            i++;
        }
        if (i < list.size() && list.get(i).ts() == ts) {
            list.set(i, new Version(ts, value));
        } else {
            list.add(i, new Version(ts, value));
        }
    }

    public void deleteVersion(String column, long ts) {
        List<Version> list = columns.get(column);
        if (list != null) {
            list.removeIf(v -> v.ts() == ts);
            if (list.isEmpty()) {
                columns.remove(column);
            }
        }
    }

    public void deleteColumn(String column) {
        columns.remove(column);
    }

    /** Drops versions beyond the table's max_versions. */
    public void trimVersions(int maxVersions) {
        for (List<Version> list : columns.values()) {
            while (list.size() > maxVersions) {
                list.remove(list.size() - 1);
            }
        }
    }

    public StoredRow copy() {
        TreeMap<String, List<Version>> c = new TreeMap<>();
        columns.forEach((k, v) -> c.put(k, new ArrayList<>(v)));
        return new StoredRow(primaryKey, c);
    }

    public byte[] encode() {
        Bin.Out out = new Bin.Out(64);
        out.u8(primaryKey.size());
        for (Value v : primaryKey) {
            out.value(v);
        }
        out.i32(columns.size());
        for (Map.Entry<String, List<Version>> e : columns.entrySet()) {
            out.str(e.getKey());
            out.i32(e.getValue().size());
            for (Version v : e.getValue()) {
                out.i64(v.ts());
                out.value(v.value());
            }
        }
        return out.toByteArray();
    }

    public static StoredRow decode(byte[] bytes) {
        Bin.In in = new Bin.In(bytes);
        int pkn = in.u8();
        List<Value> pk = new ArrayList<>(pkn);
        for (int i = 0; i < pkn; i++) {
            pk.add(in.value());
        }
        int n = in.i32();
        TreeMap<String, List<Version>> cols = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String name = in.str();
            int vn = in.i32();
            List<Version> versions = new ArrayList<>(vn);
            for (int j = 0; j < vn; j++) {
                long ts = in.i64();
                versions.add(new Version(ts, in.value()));
            }
            cols.put(name, versions);
        }
        return new StoredRow(pk, cols);
    }
}
