package io.tablesync.tablestore.local.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tablesync.tablestore.local.plainbuffer.Cell;
import io.tablesync.tablestore.local.plainbuffer.PbRow;
import io.tablesync.tablestore.local.plainbuffer.Value;
import io.tablesync.tablestore.local.storage.TableInfo;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 7: there is no global write lock. A writer blocked on one table (or on one partition) does not hold
 * up writers of other tables or other partitions; it waits only for its own table's topology changes and its own
 * write unit.
 */
class WriteUnitLockingTest {

    private Database db;
    private ExecutorService pool;

    @BeforeEach
    void open() {
        db = new Database(null, Clock.systemUTC(), 0);
        pool = Executors.newCachedThreadPool();
        db.createTable(draft("a", List.of()), null);
        db.createTable(draft("b", List.of(Value.ofString("m"))), null);
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        db.close();
    }

    private static TableInfo draft(String name, List<Value> splitPoints) {
        return new TableInfo(name, 0, 0, List.of(new TableInfo.PkColumn("pk", Value.Type.STRING, false)), List.of(),
                -1, 1, 86400, true, 0, 0, 0, splitPoints, null, 0, List.of(), 0);
    }

    private Future<RowWriter.Applied> put(String table, String pk) {
        RowChange change = new RowChange(RowChange.Type.PUT,
                new PbRow(List.of(Cell.pk("pk", Value.ofString(pk))), List.of(new Cell("v", Value.ofInteger(1), io.tablesync.tablestore.local.plainbuffer.CellOp.PUT, null))),
                RowCondition.NONE, RowChange.RT_NONE, List.of());
        return pool.submit(() -> db.writes().one(db.table(table), change));
    }

    @Test
    void aTableBeingReshapedBlocksOnlyItsOwnWriters() throws Exception {
        Table a = db.table("a");
        a.topology().writeLock().lock(); // what a split, merge, stream trim or UpdateTable of "a" holds
        Future<RowWriter.Applied> writeA;
        try {
            writeA = put("a", "x");
            assertThat(put("b", "x").get(10, TimeUnit.SECONDS).writeUnits()).isEqualTo(1);
            await().atMost(10, TimeUnit.SECONDS).until(() -> a.topology().hasQueuedThreads());
            assertThat(writeA).isNotDone();
        } finally {
            a.topology().writeLock().unlock();
        }
        assertThat(writeA.get(10, TimeUnit.SECONDS).writeUnits()).isEqualTo(1);
    }

    @Test
    void writersOfDifferentPartitionsOfOneTableDoNotWaitForEachOther() throws Exception {
        Table b = db.table("b");
        Routing.Unit first = b.routing().unitFor(Value.ofString("a"));
        assertThat(b.routing().unitFor(Value.ofString("z"))).isNotSameAs(first);
        first.lock().lock(); // a writer of partition [INF_MIN, "m") in the middle of its write
        Future<RowWriter.Applied> samePartition;
        try {
            samePartition = put("b", "c");
            assertThat(put("b", "z").get(10, TimeUnit.SECONDS).writeUnits()).isEqualTo(1);
            await().atMost(10, TimeUnit.SECONDS).until(() -> first.lock().hasQueuedThreads());
            assertThat(samePartition).isNotDone();
        } finally {
            first.lock().unlock();
        }
        assertThat(samePartition.get(10, TimeUnit.SECONDS).writeUnits()).isEqualTo(1);
    }
}
