package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Data sizes as the service measures them for capacity units and request limits: a column is its name's UTF-8
 * bytes plus its value (strings and binaries by length, integers and doubles 8 bytes, booleans 1) plus 8 bytes for
 * an explicit timestamp. Capacity units are charged per started 4 KB.
 */
public final class DataSize {

    public static final int CU_BYTES = 4096;

    private DataSize() {
    }

    public static long of(Value v) {
        if (v == null) {
            return 0;
        }
        return switch (v.type()) {
            case INTEGER, DOUBLE -> 8;
            case BOOLEAN -> 1;
            case STRING, BINARY -> v.bytes().length;
            default -> 0;
        };
    }

    public static long of(Cell c) {
        return c.name().getBytes(StandardCharsets.UTF_8).length + of(c.value()) + (c.timestamp() != null ? 8 : 0);
    }

    public static long of(List<Cell> cells) {
        long n = 0;
        for (Cell c : cells) {
            n += of(c);
        }
        return n;
    }

    /** Capacity units for this many bytes: one per started 4 KB, at least one. */
    public static int units(long bytes) {
        return (int) Math.max(1, (bytes + CU_BYTES - 1) / CU_BYTES);
    }
}
