package io.tablesync.plugin.elasticsearch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;

/**
 * The HTTP entity of one {@code _bulk} request: the NDJSON body, gzip-compressed when the job's
 * {@code compression} is on (DataX's default). Compressed here, at the fastest level, rather than by the
 * REST client, which uses gzip's default level: bulk bodies are repetitive NDJSON, so the fastest level
 * keeps most of the saving (measured in BENCHMARKS.md) for a fraction of the CPU on both ends.
 */
final class BulkEntity {
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson");

    private BulkEntity() {
    }

    static HttpEntity of(byte[] body, boolean compress) {
        if (!compress) {
            return new NByteArrayEntity(body, NDJSON);
        }
        NByteArrayEntity e = new NByteArrayEntity(gzip(body), NDJSON);
        e.setContentEncoding("gzip");
        return e;
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new FastGzip(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory
        }
        return out.toByteArray();
    }

    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(ByteArrayOutputStream out) throws IOException {
            super(out, 8192);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
