package io.tablesync.plugin.tablestore.source;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.alicloud.openservices.tablestore.model.ColumnValue;
import com.alicloud.openservices.tablestore.model.PutRowRequest;
import com.alicloud.openservices.tablestore.model.RowPutChange;
import io.tablesync.core.element.Record;
import io.tablesync.core.source.SourceSplit;
import io.tablesync.core.source.SplitFetch;
import io.tablesync.core.source.SplitPosition;
import io.tablesync.plugin.tablestore.OtsFixtureAccess;
import io.tablesync.plugin.tablestore.stream.DeleteMode;
import io.tablesync.plugin.tablestore.stream.RowExistence;
import io.tablesync.plugin.tablestore.stream.SingleVersionRecordMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The shared shard reader on real tablestore-local: positions, resumable states, idle reads, bounds, shard ends. */
class ShardSplitReaderTest {
    private OtsFixtureAccess ots;
    private String table;
    private String streamId;
    private String shard;

    @BeforeEach
    void start() {
        ots = new OtsFixtureAccess(1);
        table = ots.createTable();
        streamId = ots.streamId(table);
        shard = ots.shardIds(table).get(0);
    }

    @AfterEach
    void stop() {
        ots.close();
    }

    private void put(String id, String s, String other) {
        RowPutChange c = new RowPutChange(table, OtsFixtureAccess.pk(id, 1));
        if (s != null) {
            c.addColumn("s", ColumnValue.fromString(s));
        }
        if (other != null) {
            c.addColumn("other", ColumnValue.fromString(other));
        }
        ots.client().putRow(new PutRowRequest(c));
    }

    /**
     * Reads column s only, so a change that touches only "other" (and no key column listed) maps to nothing;
     * pages of 100 records, tablestore-local's default.
     */
    private ShardSplitReader reader(String state, long endMillis) {
        return reader(state, endMillis, 100);
    }

    private ShardSplitReader reader(String state, long endMillis, int recordLimit) {
        SingleVersionRecordMapper mapper = new SingleVersionRecordMapper(List.of("s"), false, DeleteMode.PROPAGATE, () -> { },
                RowExistence.of(ots.client(), table, new io.tablesync.core.spi.TaskPluginCollector() {
                    @Override
                    public void collectDirtyRecord(Record record, Throwable cause, String message) {
                        throw new AssertionError(message, cause);
                    }

                    @Override
                    public void incrementCounter(String label, long delta) {
                    }
                }));
        return new ShardSplitReader(ots.client(), new ShardSplitReader.Settings(streamId, table, false, -1, endMillis, 0, recordLimit),
                new SourceSplit(shard, List.of(), state), mapper, (s, e, r) -> {
                    throw e;
                }, System::currentTimeMillis);
    }

    private static List<String> values(List<Record> records) {
        List<String> out = new ArrayList<>();
        records.forEach(r -> out.add(r.getColumn(0).asString()));
        return out;
    }

    @Test
    void aPagesLastRecordResumesAfterThePageTheOthersReadThePageAgain() {
        put("a", "1", null);
        put("b", "2", null);
        put("c", "3", null);
        ShardSplitReader r = reader(ShardState.TRIM_HORIZON, -1);
        SplitFetch page = r.fetch();
        assertThat(values(page.records())).containsExactly("1", "2", "3");
        SplitPosition first = (SplitPosition) page.records().get(0).getPosition();
        SplitPosition last = (SplitPosition) page.records().get(2).getPosition();
        assertThat(page.end()).isEqualTo(last);
        assertThat(first.state()).isEqualTo(r.lastPageIterator()).isNotEqualTo(last.state());
        assertThat(first.sequence()).isLessThan(last.sequence());

        put("d", "4", null);
        assertThat(values(reader(first.state(), -1).fetch().records())).as("a mid-page state re-reads its page")
                .containsExactly("1", "2", "3", "4");
        assertThat(values(reader(last.state(), -1).fetch().records())).as("the last record's state reads on after it")
                .containsExactly("4");
    }

    @Test
    void aFullPageMeansReadOnAtOnceAShortPageThatTheHeadWasReached() {
        for (int i = 0; i < 130; i++) {
            put("k" + i, Integer.toString(i), null);
        }
        ShardSplitReader r = reader(ShardState.TRIM_HORIZON, -1);
        SplitFetch full = r.fetch();
        assertThat(full.records()).hasSize(100);
        assertThat(full.atHead()).as("a full page: more is waiting, read again at once").isFalse();
        SplitFetch rest = r.fetch();
        assertThat(rest.records()).hasSize(30);
        assertThat(rest.idle()).isFalse();
        assertThat(rest.atHead()).as("a short page: the reader caught up, a pause lets changes gather").isTrue();
        assertThat(r.fetch().atHead()).as("idle is at the head too").isTrue();
    }

    @Test
    void eachCallAsksForTheConfiguredNumberOfRecords() {
        putMany(1234);
        ShardSplitReader r = reader(ShardState.TRIM_HORIZON, -1, 1000);
        SplitFetch first = r.fetch();
        assertThat(first.records()).as("more than the service's default page of 100").hasSize(1000);
        assertThat(first.atHead()).isFalse();
        SplitFetch second = r.fetch();
        assertThat(second.records()).hasSize(234);
        assertThat(second.atHead()).as("a page of at least 100 may have been ended by size: read on").isFalse();
        assertThat(r.fetch().idle()).isTrue();
        List<String> all = new ArrayList<>(values(first.records()));
        all.addAll(values(second.records()));
        assertThat(all).as("every change once, in order").isEqualTo(expectedValues(1234));
        assertThat(values(reader(((SplitPosition) first.records().get(999).getPosition()).state(), -1, 1000).fetch().records()))
                .as("a page's last record resumes after the page").isEqualTo(expectedValues(1234).subList(1000, 1234));
    }

    @Test
    void aServiceThatRefusesTheLimitIsReadInPagesOfItsDefaultSize() {
        putMany(250);
        Logger logger = (Logger) LoggerFactory.getLogger(ShardSplitReader.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            // tablestore-local answers OTSParameterInvalid to a limit above its maximum of 10,000
            ShardSplitReader r = reader(ShardState.TRIM_HORIZON, -1, 10_001);
            List<String> all = new ArrayList<>();
            List<Integer> sizes = new ArrayList<>();
            for (SplitFetch f = r.fetch(); !f.idle(); f = r.fetch()) {
                sizes.add(f.records().size());
                all.addAll(values(f.records()));
            }
            assertThat(sizes).containsExactly(100, 100, 50);
            assertThat(all).isEqualTo(expectedValues(250));
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("refused GetStreamRecord with limit 10001") && m.contains("OTSParameterInvalid")
                        && m.contains("default size"));
    }

    private void putMany(int n) {
        for (int i = 0; i < n; i++) {
            put("k" + i, Integer.toString(i), null);
        }
    }

    private static List<String> expectedValues(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i));
        }
        return out;
    }

    @Test
    void changesThatMapToNothingStillMoveThePositionAndAnEmptyReadIsIdle() {
        put("a", null, "x"); // touches only a column this job does not read
        ShardSplitReader r = reader(ShardState.TRIM_HORIZON, -1);
        SplitFetch moved = r.fetch();
        assertThat(moved.records()).isEmpty();
        assertThat(moved.idle()).isFalse();
        assertThat(moved.end()).as("a position without a record").isNotNull();
        SplitFetch idle = r.fetch();
        assertThat(idle.idle()).isTrue();
        assertThat(idle.finished()).as("nothing yet, never done").isFalse();
        assertThat(idle.end()).as("nothing moved").isNull();
        put("b", "5", null);
        assertThat(values(reader(moved.end().state(), -1).fetch().records())).containsExactly("5");
    }

    @Test
    void aBoundFinishesTheShardExactlyAtTheFirstChangeAtOrAfterIt() throws InterruptedException {
        put("a", "1", null);
        put("b", "2", null);
        long end = System.currentTimeMillis() + 1;
        Thread.sleep(5);
        put("c", "3", null);
        SplitFetch page = reader(ShardState.TRIM_HORIZON, end).fetch();
        assertThat(values(page.records())).containsExactly("1", "2");
        assertThat(page.finished()).isTrue();
        assertThat(values(reader(page.end().state(), -1).fetch().records())).as("resumes at the first change after the bound")
                .containsExactly("3");
    }

    @Test
    void aClosedShardEndsWithShardEndOnceReadToItsEnd() {
        put("a", "1", null);
        ots.splitShard(table, shard);
        SplitFetch page = reader(ShardState.TRIM_HORIZON, -1).fetch();
        assertThat(values(page.records())).containsExactly("1");
        assertThat(page.finished()).isTrue();
        assertThat(page.end().state()).isEqualTo(ShardState.SHARD_END);
    }
}
