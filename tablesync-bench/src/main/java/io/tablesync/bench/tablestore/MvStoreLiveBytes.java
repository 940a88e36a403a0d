package io.tablesync.bench.tablestore;

import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * Live data in a data directory of the MVStore-based tablestore-local (before issue 15): the sum of the byte lengths
 * of every stored key and value (table metadata, rows, stream records). Run it on a closed data directory; it opens
 * the file read-only. The data directory's file size divided by this is the space amplification.
 *
 * <p>Usage: {@code MvStoreLiveBytes DIR}.
 */
public final class MvStoreLiveBytes {

    public static void main(String[] args) {
        Path file = Path.of(args[0]).resolve("tablestore-local.mv.db");
        MVStore mv = new MVStore.Builder().fileName(file.toString()).readOnly().open();
        long keys = 0;
        long bytes = 0;
        try {
            for (String name : mv.getMapNames()) {
                MVMap<?, byte[]> map = mv.openMap(name, new MVMap.Builder<Object, byte[]>()
                        .keyType(keyType(name)).valueType(ByteArrayDataType.INSTANCE));
                for (var c = map.cursor(null); c.hasNext(); ) {
                    Object k = c.next();
                    bytes += length(k) + c.getValue().length;
                    keys++;
                }
            }
        } finally {
            mv.close();
        }
        System.out.printf("live data: %,d keys, %,d bytes of keys and values%n", keys, bytes);
    }

    @SuppressWarnings("unchecked")
    private static DataType<Object> keyType(String map) {
        Object t = map.startsWith("rows/") ? ByteArrayDataType.INSTANCE
                : map.startsWith("log/") ? LongDataType.INSTANCE : StringDataType.INSTANCE;
        return (DataType<Object>) t;
    }

    private static long length(Object o) {
        if (o instanceof byte[] b) {
            return b.length;
        }
        if (o instanceof String s) {
            return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return 8; // Long keys of the stream logs
    }
}
