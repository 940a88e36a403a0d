package io.tablesync.tablestore.local.engine;

import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.stream.ShardInfo;
import io.tablesync.tablestore.local.stream.Stream;
import io.tablesync.tablestore.local.stream.Streams;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A table's write units and how rows map to them. A unit is a stream shard when the table has a stream, otherwise
 * a partition; each has its own lock, so writers of different units (and of different tables) never wait for each
 * other, while the writes of one shard keep one order. Immutable; rebuilt under the table's exclusive topology lock
 * whenever partitions or shards change, so no writer holds a unit lock of an old routing.
 */
final class Routing {

    /**
     * One write unit.
     *
     * @param tableNo the table's number, then
     * @param order the position in the table's unit list, give the order in which requests lock units
     * @param shard the stream shard it appends to, or null when the table has no stream
     */
    record Unit(long tableNo, int order, ReentrantLock lock, ShardInfo shard, byte[] start, byte[] end) {
    }

    private final boolean hash;
    private final List<Unit> units;

    private Routing(boolean hash, List<Unit> units) {
        this.hash = hash;
        this.units = units;
    }

    /** One unit per partition (no stream), given the partitions' encoded boundaries. */
    static Routing ofPartitions(long tableNo, List<byte[]> boundaries) {
        List<Unit> units = new ArrayList<>();
        for (int i = 0; i <= boundaries.size(); i++) {
            units.add(new Unit(tableNo, i, new ReentrantLock(), null, i == 0 ? null : boundaries.get(i - 1),
                    i == boundaries.size() ? null : boundaries.get(i)));
        }
        return new Routing(false, List.copyOf(units));
    }

    /** One unit per open shard of the stream. */
    static Routing ofStream(long tableNo, Stream stream) {
        List<Unit> units = new ArrayList<>();
        for (ShardInfo s : stream.openShards()) {
            units.add(new Unit(tableNo, units.size(), new ReentrantLock(), s, s.start(), s.end()));
        }
        return new Routing(stream.hashRouting(), List.copyOf(units));
    }

    Unit unitFor(Value partitionKey) {
        byte[] key = Streams.routingKey(hash, partitionKey);
        for (Unit u : units) {
            if ((u.start() == null || java.util.Arrays.compareUnsigned(key, u.start()) >= 0)
                    && (u.end() == null || java.util.Arrays.compareUnsigned(key, u.end()) < 0)) {
                return u;
            }
        }
        throw new IllegalStateException("no write unit owns the partition key " + partitionKey);
    }
}
