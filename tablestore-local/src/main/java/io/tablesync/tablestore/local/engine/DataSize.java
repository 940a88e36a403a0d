package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.Value;
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
        return utf8Length(c.name()) + of(c.value()) + (c.timestamp() != null ? 8 : 0);
    }

    /** UTF-8 length of a string without encoding it (sizes are computed for every cell of every write). */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                n++;
            } else if (ch < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
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
