package io.tablesync.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import io.tablesync.core.element.Record;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A writer's sink read as {@code verify} needs it: what document the writer makes of a record (the
 * writer's own conversion, so types are normalised exactly as it writes them), documents by id,
 * every id in pages, and a repair through the writer's own bulk path. Opened by
 * {@link io.tablesync.core.spi.WriterPlugin#openTarget}.
 */
public interface IndexTarget extends AutoCloseable {
    /** The document a record becomes: its id and its fields as the writer sends them. */
    record Expected(String id, JsonNode source) {
    }

    /** What is read, for messages (no secrets). */
    String describe();

    /** The fields a document of this job has (the column mapping's document fields). */
    List<String> fields();

    /** The document the writer makes of this UPSERT record; throws IllegalArgumentException naming the column it cannot convert. */
    Expected expected(Record record);

    /** The stored documents' sources by id; ids not in the index are absent from the map. */
    Map<String, JsonNode> fetch(Collection<String> ids);

    /** Makes every acknowledged write visible to searches and counts. */
    void refresh();

    /** How many documents the index holds. */
    long count();

    /** Every id in the index, page by page (point-in-time + search_after, or scroll where the server has no PIT). */
    IdPages ids(int pageSize);

    /** Up to {@code n} ids drawn at random from the index. */
    List<String> sampleIds(int n, long seed);

    /**
     * The key columns an id was made of (record column index → text), or null when the id cannot be
     * taken apart (e.g. several columns joined without a delimiter).
     */
    Map<Integer, String> idParts(String id);

    /** Rewrites the documents of these records and deletes these ids through the writer's bulk path; returns how many failed. */
    long repair(List<Record> rewrite, List<String> deleteIds);

    @Override
    void close();

    /** Pages of ids; an empty page ends it. */
    interface IdPages extends AutoCloseable {
        List<String> next();

        @Override
        void close();
    }
}
