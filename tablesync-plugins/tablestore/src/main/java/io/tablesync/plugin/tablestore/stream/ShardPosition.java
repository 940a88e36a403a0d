package io.tablesync.plugin.tablestore.stream;

import io.tablesync.core.element.Position;

/**
 * A record's place in its shard: the shard id is the partition, the sequence counts records sent
 * from that shard in this run (strictly increasing, as the ack tracker requires).
 */
public record ShardPosition(String partition, long sequence) implements Position {
}
