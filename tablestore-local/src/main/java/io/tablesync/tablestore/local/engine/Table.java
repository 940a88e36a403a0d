package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.storage.Keys;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A live table: its current description, its write routing and the lock that orders the two kinds of change.
 * Row writers hold the topology lock shared (and their units' locks); changes of partitions, shards, options or
 * the table's existence hold it exclusively.
 */
public final class Table {

    private volatile TableInfo info;
    private volatile Routing routing;
    private volatile boolean dropped;
    private final ReentrantReadWriteLock topology = new ReentrantReadWriteLock();
    /** Last auto-increment value handed out (values are also at least the current time in microseconds). */
    final AtomicLong autoIncrement;

    Table(TableInfo info, Routing routing, long autoIncrement) {
        this.info = info;
        this.routing = routing;
        this.autoIncrement = new AtomicLong(autoIncrement);
    }

    public TableInfo info() {
        return info;
    }

    void setInfo(TableInfo info) {
        this.info = info;
    }

    Routing routing() {
        return routing;
    }

    void setRouting(Routing routing) {
        this.routing = routing;
    }

    ReentrantReadWriteLock topology() {
        return topology;
    }

    boolean dropped() {
        return dropped;
    }

    void markDropped() {
        dropped = true;
    }

    /** Key of a row in the store, from its encoded primary key. */
    public byte[] rowKey(byte[] encodedPk) {
        return Keys.row(info.tableNo(), encodedPk);
    }
}
