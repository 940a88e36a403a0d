package io.tablesync.flink;

import io.tablesync.core.element.Record;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The key records are partitioned by before the sink: the document the record changes, as the writer
 * itself computes it ({@link io.tablesync.core.spi.WriterPlugin#documentKey}). Every change of one
 * document thus reaches the same sink subtask, through one channel, in order. A record that names no
 * document (an insert with a generated id) cannot be reordered against anything: it is spread by its bytes.
 */
public final class DocumentKeys {
    private final Function<Record, String> documentKey;

    public DocumentKeys(JobSpec spec) {
        this.documentKey = spec.writerPlugin().documentKey(spec.writerParameter());
    }

    public String key(Record r, byte[] encoded) {
        String id;
        try {
            id = documentKey.apply(r);
        } catch (RuntimeException e) {
            id = null; // the sink's own conversion fails the same way and makes it a dirty record
        }
        return id != null ? "d:" + id : "h:" + Arrays.hashCode(encoded);
    }
}
