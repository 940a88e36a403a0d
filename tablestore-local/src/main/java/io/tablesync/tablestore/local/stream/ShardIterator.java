package io.tablesync.tablestore.local.stream;

import io.tablesync.tablestore.local.engine.OtsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A shard iterator is just a position: stream, shard and record offset, Base64url-encoded. It holds no server
 * state, so consumers may persist it, reuse it, and use it after a restart until the data it points at expires.
 */
public record ShardIterator(String streamId, String shardId, long offset) {

    private static final String VERSION = "tsl1";

    public String encode() {
        String raw = VERSION + ":" + streamId + ":" + shardId + ":" + offset;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static ShardIterator decode(String text) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            String[] parts = raw.split(":");
            if (parts.length != 4 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException();
            }
            return new ShardIterator(parts[1], parts[2], Long.parseLong(parts[3]));
        } catch (IllegalArgumentException e) {
            throw OtsException.parameterInvalid("Invalid shard iterator.");
        }
    }
}
