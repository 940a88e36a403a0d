package io.tablesync.plugin.tablestore.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The job description's shard list: a JSON array of ids, Deflate-compressed (zlib format), cut
 * into chunks of at most 64 KiB because a Tablestore cell has a size limit.
 */
public final class ShardIdsCodec {
    static final int CHUNK_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ShardIdsCodec() {
    }

    public static List<byte[]> encode(List<String> shardIds) {
        byte[] compressed;
        try {
            compressed = deflate(JSON.writeValueAsBytes(shardIds));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> chunks = new ArrayList<>();
        for (int off = 0; off < compressed.length; off += CHUNK_BYTES) {
            chunks.add(Arrays.copyOfRange(compressed, off, Math.min(compressed.length, off + CHUNK_BYTES)));
        }
        if (chunks.isEmpty()) {
            chunks.add(new byte[0]);
        }
        return chunks;
    }

    public static List<String> decode(List<byte[]> chunks) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        chunks.forEach(all::writeBytes);
        try {
            return JSON.readValue(inflate(all.toByteArray()), new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("the shard list of the job description cannot be read", e);
        }
    }

    private static byte[] deflate(byte[] raw) {
        Deflater d = new Deflater();
        try {
            d.setInput(raw);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 16);
            byte[] buf = new byte[8192];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            return out.toByteArray();
        } finally {
            d.end();
        }
    }

    private static byte[] inflate(byte[] data) throws IOException {
        Inflater inf = new Inflater();
        try {
            inf.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 4 + 16);
            byte[] buf = new byte[8192];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IOException("truncated compressed shard list");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new IOException("corrupt compressed shard list: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }
}
