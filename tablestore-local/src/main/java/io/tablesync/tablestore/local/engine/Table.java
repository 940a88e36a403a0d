package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.storage.TableInfo;
import org.h2.mvstore.MVMap;

/** A live table: its current description and its sorted row map (encoded primary key → encoded row). */
public final class Table {

    private volatile TableInfo info;
    private final MVMap<byte[], byte[]> rows;

    Table(TableInfo info, MVMap<byte[], byte[]> rows) {
        this.info = info;
        this.rows = rows;
    }

    public TableInfo info() {
        return info;
    }

    void setInfo(TableInfo info) {
        this.info = info;
    }

    public MVMap<byte[], byte[]> rows() {
        return rows;
    }
}
