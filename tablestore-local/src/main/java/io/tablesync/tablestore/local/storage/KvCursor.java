package io.tablesync.tablestore.local.storage;

/** A forward-only walk over a key range: {@code while (c.next()) { c.key(); c.value(); }}. Close it after use. */
public interface KvCursor extends AutoCloseable {

    boolean next();

    byte[] key();

    byte[] value();

    @Override
    void close();
}
