package io.tablesync.plugin.elasticsearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes bulk NDJSON bodies with Jackson's streaming generator straight into one growing byte
 * buffer: no per-document strings, no intermediate trees.
 *
 * <p>Action lines carry only {@code _id}, {@code routing}, {@code parent} (ES 6), {@code version} +
 * {@code version_type}; index and type come from the request path, as DataX does.
 */
final class BulkRequestBuilder {
    private static final ObjectMapper CODEC = new ObjectMapper();
    private static final JsonFactory FACTORY = JsonFactory.builder().build().setRootValueSeparator(null).setCodec(CODEC);

    /** Painless: drop the deleted fields, then set the present ones ({@code params.remove}, {@code params.set}). */
    static final String REMOVE_AND_SET = "for (def f : params.remove) { ctx._source.remove(f); } ctx._source.putAll(params.set);";

    private final ByteArrayBuilder buffer = new ByteArrayBuilder(64 * 1024);
    private JsonGenerator gen;
    private int count;

    BulkRequestBuilder() {
        reset();
    }

    /** Appends one action (one or two lines). */
    void append(EsAction a) {
        try {
            JsonGenerator g = gen;
            g.writeStartObject();
            g.writeFieldName(switch (a.kind) {
                case INDEX -> "index";
                case CREATE -> "create";
                case UPDATE -> "update";
                case DELETE -> "delete";
            });
            g.writeStartObject();
            if (a.id != null) {
                g.writeStringField("_id", a.id);
            }
            if (a.routing != null) {
                g.writeStringField("routing", a.routing);
            }
            if (a.parent != null) {
                g.writeStringField("parent", a.parent);
            }
            if (a.version != null) {
                g.writeNumberField("version", a.version);
                g.writeStringField("version_type", "external");
            }
            if (a.kind == EsAction.Kind.UPDATE) {
                // concurrent writers of one document (another task, a manual edit) must not fail a partial update
                g.writeNumberField("retry_on_conflict", 3);
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
            if (a.kind != EsAction.Kind.DELETE) {
                g.writeStartObject();
                if (a.kind == EsAction.Kind.UPDATE && a.removed != null) {
                    writeScriptedUpdate(g, a);
                    g.writeEndObject();
                } else if (a.kind == EsAction.Kind.UPDATE) {
                    g.writeFieldName("doc");
                    writeSource(g, a);
                    g.writeBooleanField("doc_as_upsert", true);
                    g.writeEndObject();
                } else {
                    writeFields(g, a);
                    g.writeEndObject();
                }
                g.writeRaw('\n');
            }
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
    }

    /**
     * An UPDATE that deletes fields: the script removes them and sets the present ones. A partial
     * {@code doc} cannot remove a key, hence the script. When the document does not exist, {@code upsert}
     * creates it from the present fields, as {@code doc_as_upsert} does for other updates (the deleted
     * fields are simply not in it), and the script does not run. The source is constant and the fields
     * travel as parameters, so the server compiles it once.
     */
    private static void writeScriptedUpdate(JsonGenerator g, EsAction a) throws IOException {
        g.writeObjectFieldStart("script");
        g.writeStringField("lang", "painless");
        g.writeStringField("source", REMOVE_AND_SET);
        g.writeObjectFieldStart("params");
        g.writeArrayFieldStart("remove");
        for (String field : a.removed) {
            g.writeString(field);
        }
        g.writeEndArray();
        g.writeFieldName("set");
        writeSource(g, a);
        g.writeEndObject();
        g.writeEndObject();
        g.writeFieldName("upsert");
        writeSource(g, a);
    }

    private static void writeSource(JsonGenerator g, EsAction a) throws IOException {
        g.writeStartObject();
        writeFields(g, a);
        g.writeEndObject();
    }

    private static void writeFields(JsonGenerator g, EsAction a) throws IOException {
        for (int i = 0; i < a.size; i++) {
            g.writeFieldName(a.names[i]);
            writeValue(g, a.values[i]);
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof JsonNode n) {
            g.writeTree(n);
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    /** The document an INDEX or CREATE action sends, as a JSON tree: what the index stores as _source. */
    static JsonNode source(EsAction a) {
        try (com.fasterxml.jackson.databind.util.TokenBuffer buffer = new com.fasterxml.jackson.databind.util.TokenBuffer(CODEC, false)) {
            writeSource(buffer, a);
            return CODEC.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory
        }
    }

    int count() {
        return count;
    }

    /** Bytes written so far (flushes the generator's small internal buffer). */
    int size() {
        try {
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.size();
    }

    /** The body; the builder is reset afterwards. */
    byte[] take() {
        try {
            gen.flush();
            byte[] body = buffer.toByteArray();
            reset();
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends lines serialised before (an action kept back from a request), as they are. */
    void appendSerialised(byte[] source, int offset, int length) {
        try {
            gen.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buffer.write(source, offset, length);
        count++;
    }

    void reset() {
        buffer.reset();
        count = 0;
        try {
            gen = FACTORY.createGenerator(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A body for a list of actions (used for retries of a subset). */
    static byte[] build(List<EsAction> actions) {
        BulkRequestBuilder b = new BulkRequestBuilder();
        actions.forEach(b::append);
        return b.take();
    }
}
