package io.tablesync.core.element;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tablesync.core.config.Configuration;
import org.junit.jupiter.api.Test;

class ColumnTest {
    @Test
    void stringConversionsFollowDataX() {
        assertThat(new StringColumn("12.9").asLong()).isEqualTo(12L);
        assertThat(new StringColumn("NaN").asDouble()).isNaN();
        assertThat(new StringColumn("TRUE").asBoolean()).isTrue();
        assertThatThrownBy(() -> new StringColumn("yes").asBoolean()).hasMessageContaining("Common-01");
        assertThatThrownBy(() -> new StringColumn("abc").asLong()).hasMessageContaining("Common-01");
        assertThat(new StringColumn("abc").getByteSize()).isEqualTo(3);
        assertThat(new StringColumn(null).asLong()).isNull();
    }

    @Test
    void datesUseTheConfiguredZoneAndFormats() {
        ColumnCast.bind(Configuration.fromJson("{\"common\":{\"column\":{\"timeZone\":\"GMT+8\"}}}"));
        long utcMidnight = 1704067200000L; // 2024-01-01T00:00:00Z
        assertThat(new DateColumn(utcMidnight).asString()).isEqualTo("2024-01-01 08:00:00");
        assertThat(new StringColumn("2024-01-01 08:00:00").asDate().getTime()).isEqualTo(utcMidnight);
        assertThat(new StringColumn("20240101").asDate().getTime()).isEqualTo(utcMidnight - 8 * 3600_000L);
        ColumnCast.bind(Configuration.fromJson("{\"common\":{\"column\":{\"timeZone\":\"UTC\"}}}"));
        assertThat(new DateColumn(utcMidnight).asString()).isEqualTo("2024-01-01 00:00:00");
        ColumnCast.bind(Configuration.empty());
        assertThatThrownBy(() -> ColumnCast.bind(Configuration.fromJson("{\"common\":{\"column\":{\"timeZone\":\"Mars/Base\"}}}")))
                .hasMessageContaining("unknown time zone \"Mars/Base\"");
    }

    @Test
    void numbersBoolsAndBytes() {
        assertThat(new LongColumn("99999999999999999999").asString()).isEqualTo("99999999999999999999");
        assertThatThrownBy(() -> new LongColumn("99999999999999999999").asLong()).hasMessageContaining("Common-02");
        assertThat(new LongColumn(0L).asBoolean()).isFalse();
        assertThat(new DoubleColumn(1.5).asString()).isEqualTo("1.5");
        assertThat(new DoubleColumn("2.9").asLong()).isEqualTo(2L);
        assertThatThrownBy(() -> new DoubleColumn(1.0).asBoolean()).hasMessageContaining("Common-01");
        assertThat(new BoolColumn(true).asLong()).isEqualTo(1L);
        assertThat(new BytesColumn("hé".getBytes(java.nio.charset.StandardCharsets.UTF_8)).asString()).isEqualTo("hé");
        assertThatThrownBy(() -> new BytesColumn(new byte[] {1}).asLong()).hasMessageContaining("Common-01");
    }

    @Test
    void recordsKeepOperationStatesAndSizes() {
        DefaultRecord r = new DefaultRecord();
        r.addColumn(new StringColumn("pk"));
        r.addColumn(null, ColumnState.ABSENT);
        r.addColumn(new StringColumn(null), ColumnState.DELETED);
        r.setOperation(Operation.UPDATE);
        assertThat(r.getColumnState(0)).isEqualTo(ColumnState.PRESENT);
        assertThat(r.getColumnState(1)).isEqualTo(ColumnState.ABSENT);
        assertThat(r.getColumn(1).isNull()).isTrue(); // DataX plugins see an absent column as null
        assertThat(r.getColumnState(2)).isEqualTo(ColumnState.DELETED);
        assertThat(r.getColumn(7)).isNull();
        assertThat(r.getByteSize()).isEqualTo(2);
        assertThat(r.getOperation()).isEqualTo(Operation.UPDATE);
    }
}
