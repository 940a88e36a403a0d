package io.tablesync.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tablesync.core.ack.AckTracker;
import io.tablesync.core.element.DefaultRecord;
import io.tablesync.core.element.LongColumn;
import io.tablesync.core.element.Position;
import io.tablesync.core.element.Record;
import io.tablesync.core.element.StringColumn;
import io.tablesync.core.spi.TaskPluginCollector;
import io.tablesync.core.stats.TaskCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ChannelTest {
    record P(String partition, long sequence) implements Position {
    }

    private final List<String> dirty = new ArrayList<>();
    private final TaskPluginCollector collector = new TaskPluginCollector() {
        @Override
        public void collectDirtyRecord(Record record, Throwable cause, String message) {
            dirty.add(message);
        }

        @Override
        public void incrementCounter(String label, long delta) {
        }
    };

    private static Record record(long id, String payload) {
        Record r = new DefaultRecord();
        r.addColumn(new LongColumn(id));
        r.addColumn(new StringColumn(payload));
        return r;
    }

    @Test
    void readerBlocksWhenTheChannelIsFullOfRecords() throws Exception {
        TaskCounters counters = new TaskCounters();
        Channel channel = new Channel(4, 1 << 20, Throttle.unlimited(), counters);
        ChannelRecordSender sender = new ChannelRecordSender(channel, 2, new AckTracker(), collector);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 10; i++) {
                sender.sendToWriter(record(i, "x"));
            }
            sender.terminate();
        });
        Thread.sleep(300);
        assertThat(producer).isNotDone(); // 10 records cannot fit in 4 slots without a consumer
        assertThat(counters.readSucceedRecords.get()).isLessThanOrEqualTo(4);
        ChannelRecordReceiver receiver = new ChannelRecordReceiver(channel, new AckTracker());
        List<Long> got = new ArrayList<>();
        Record r;
        while ((r = receiver.getFromReader()) != null) {
            got.add(r.getColumn(0).asLong());
        }
        producer.get(5, TimeUnit.SECONDS);
        assertThat(got).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(receiver.isEnded()).isTrue();
        assertThat(counters.waitWriterNanos.get()).isPositive();
    }

    @Test
    void channelIsBoundedInBytesToo() throws Exception {
        Channel channel = new Channel(1000, 2_000, Throttle.unlimited(), new TaskCounters());
        ChannelRecordSender sender = new ChannelRecordSender(channel, 1, new AckTracker(), collector);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 5; i++) {
                sender.sendToWriter(record(i, "y".repeat(900)));
            }
        });
        assertThat(producer).failsWithin(Duration.ofMillis(300)).withThrowableOfType(TimeoutException.class);
        producer.cancel(true);
        channel.abort();
    }

    @Test
    void aRecordLargerThanTheByteCapacityIsAReaderDirtyRecord() {
        Channel channel = new Channel(10, 500, Throttle.unlimited(), new TaskCounters());
        ChannelRecordSender sender = new ChannelRecordSender(channel, 4, new AckTracker(), collector);
        sender.sendToWriter(record(1, "z".repeat(1000)));
        sender.terminate();
        assertThat(dirty).containsExactly("单条记录超过大小限制，当前限制为:500");
    }

    @Test
    void acknowledgementsFlowFromTheWriterBackToTheReader() {
        AckTracker acks = new AckTracker();
        Channel channel = new Channel(100, 1 << 20, Throttle.unlimited(), new TaskCounters());
        ChannelRecordSender sender = new ChannelRecordSender(channel, 8, acks, collector);
        for (int i = 1; i <= 3; i++) {
            Record r = record(i, "p");
            r.setPosition(new P("shard-1", i));
            sender.sendToWriter(r);
        }
        sender.terminate();
        ChannelRecordReceiver receiver = new ChannelRecordReceiver(channel, acks);
        Record first = receiver.getFromReader();
        Record second = receiver.getFromReader();
        receiver.acknowledge(second);
        assertThat(sender.acknowledgements().committed("shard-1")).isNull();
        receiver.acknowledge(first);
        assertThat(sender.acknowledgements().committed("shard-1")).isEqualTo(new P("shard-1", 2));
        assertThat(sender.acknowledgements().pending()).isEqualTo(1);
    }

    @Test
    void pollReturnsNullOnTimeoutAndTellsTimeoutFromEnd() {
        Channel channel = new Channel(10, 1 << 20, Throttle.unlimited(), new TaskCounters());
        ChannelRecordReceiver receiver = new ChannelRecordReceiver(channel, new AckTracker());
        assertThat(receiver.poll(Duration.ofMillis(20))).isNull();
        assertThat(receiver.isEnded()).isFalse();
        ChannelRecordSender sender = new ChannelRecordSender(channel, 4, new AckTracker(), collector);
        sender.sendToWriter(record(1, "a"));
        sender.flush();
        assertThat(receiver.poll(Duration.ofSeconds(1))).isNotNull();
        sender.terminate();
        assertThat(receiver.poll(Duration.ofSeconds(1))).isNull();
        assertThat(receiver.isEnded()).isTrue();
    }

    @Test
    void throttleHoldsTheRecordRate() throws Exception {
        Throttle t = new Throttle(-1, 1000, 20);
        long start = System.nanoTime();
        for (int i = 0; i < 30; i++) {
            t.afterPush(10, 100); // 300 records at 1000 rec/s ≈ 0.3 s
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(200));
    }
}
