package io.tablesync.core.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tablesync.core.config.JsonSupport;
import io.tablesync.core.config.SecretMasker;
import io.tablesync.core.element.Column;
import io.tablesync.core.element.ColumnState;
import io.tablesync.core.element.Record;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where every dirty record goes: the first {@code maxDirtyNumber − 1} are logged as DataX does
 * ({@code 脏数据: {json}}), and all of them are appended as JSON lines to a file (DataX keeps
 * none, issue #142). The file is created on the first dirty record only.
 */
public final class DirtyRecordSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("io.tablesync.core.engine.StdoutPluginCollector");
    private static final ObjectMapper MAPPER = JsonSupport.mapper();

    private final Path file;
    private final int maxLogged;
    private final List<String> secrets;
    private final AtomicLong count = new AtomicLong();
    private BufferedWriter out;
    private boolean fileFailed;

    public DirtyRecordSink(Path file, int maxDirtyNumber, List<String> secrets) {
        this.file = file;
        this.maxLogged = Math.max(0, maxDirtyNumber - 1);
        this.secrets = secrets;
    }

    public enum Side { reader, writer }

    public void accept(Side side, Record record, Throwable cause, String message) {
        long n = count.incrementAndGet();
        String json = toJson(side, record, cause, message);
        if (n <= maxLogged) {
            LOG.error("脏数据: \n{}", json);
        } else if (n == maxLogged + 1) {
            LOG.warn("more dirty records follow; they are counted and written to {} but no longer logged", file);
        }
        append(json);
    }

    public long count() {
        return count.get();
    }

    /** The dirty-record file, or null if no dirty record was written. */
    public synchronized Path writtenFile() {
        return out == null ? null : file;
    }

    private synchronized void append(String json) {
        if (fileFailed) {
            return;
        }
        try {
            if (out == null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            }
            out.write(json.replace('\n', ' '));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            fileFailed = true;
            LOG.error("cannot write the dirty-record file {}: {} (dirty records are still counted)", file, e.getMessage());
        }
    }

    String toJson(Side side, Record record, Throwable cause, String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", side.name());
        node.put("message", SecretMasker.scrub(message != null ? message : cause != null ? cause.getMessage() : null, secrets));
        node.put("exception", cause == null ? null : SecretMasker.scrub(cause.toString(), secrets));
        if (record != null) {
            node.put("operation", record.getOperation().name());
            if (record.getPosition() != null) {
                node.put("position", record.getPosition().toString());
            }
            ArrayNode cols = node.putArray("record");
            for (int i = 0; i < record.getColumnNumber(); i++) {
                Column c = record.getColumn(i);
                ObjectNode cn = cols.addObject();
                cn.put("byteSize", c == null ? 0 : c.getByteSize());
                cn.put("index", i);
                Object raw = c == null ? null : c.getRawData();
                if (raw instanceof byte[]) {
                    cn.put("rawData", Base64.getEncoder().encodeToString((byte[]) raw));
                } else {
                    cn.putPOJO("rawData", raw == null ? null : raw instanceof Number || raw instanceof Boolean ? raw : raw.toString());
                }
                cn.put("type", c == null ? Column.Type.NULL.ordinal() : c.getType().ordinal());
                ColumnState st = record.getColumnState(i);
                if (st != ColumnState.PRESENT) {
                    cn.put("state", st.name());
                }
            }
        }
        try {
            return MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValueAsString(node);
        } catch (IOException e) {
            return node.toString();
        }
    }

    @Override
    public synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("cannot close the dirty-record file {}: {}", file, e.getMessage());
            }
        }
    }
}
