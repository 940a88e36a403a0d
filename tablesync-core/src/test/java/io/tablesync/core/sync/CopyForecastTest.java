package io.tablesync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.tablesync.core.sync.CopyForecast.Verdict;
import org.junit.jupiter.api.Test;

class CopyForecastTest {
    private static final long HOUR = 3_600_000L;
    private static final long NOW = 1_700_000_000_000L;

    @Test
    void aCopyThatEndsWellBeforeTheDeadlineIsOkAndItsEtaFollowsTheRate() {
        // 100,000 rows left at 100 rows/s: 1,000 s; 24 h left
        CopyForecast f = CopyForecast.of(NOW, NOW + 24 * HOUR, 50_000, 150_000, 100);
        assertThat(f.verdict()).isEqualTo(Verdict.OK);
        assertThat(f.finishAtMillis()).isEqualTo(NOW + 1_000_000);
        assertThat(f.etaMillis(NOW)).isEqualTo(1_000_000);
        assertThat(f.requiredRowsPerSecond()).isCloseTo(100_000 / (24 * 3600.0), within(1e-9));
    }

    @Test
    void aCopyThatEndsAfterTheDeadlineIsTooSlowAndSaysWhatRateItNeeds() {
        // 1,000,000 rows left at 10 rows/s: 100,000 s > 1 h
        CopyForecast f = CopyForecast.of(NOW, NOW + HOUR, 0, 1_000_000, 10);
        assertThat(f.verdict()).isEqualTo(Verdict.TOO_SLOW);
        assertThat(f.requiredRowsPerSecond()).isCloseTo(1_000_000 / 3600.0, within(1e-6));
        assertThat(f.describe(NOW)).contains("0 of about 1,000,000 rows copied").contains("10 rows/s measured")
                .contains("ends in about 27 h 46 min").contains("needs 278 rows/s").contains("1 h 0 min from now");
    }

    @Test
    void aCopyThatUsesMostOfTheTimeLeftIsTight() {
        // 85 % of the hour left: still in time, but tight; 75 % is fine
        assertThat(CopyForecast.of(NOW, NOW + HOUR, 0, 3_060, 1).verdict()).isEqualTo(Verdict.TIGHT);
        assertThat(CopyForecast.of(NOW, NOW + HOUR, 0, 2_700, 1).verdict()).isEqualTo(Verdict.OK);
        // exactly at the deadline still ends in time
        assertThat(CopyForecast.of(NOW, NOW + HOUR, 0, 3_600, 1).verdict()).isEqualTo(Verdict.TIGHT);
        assertThat(CopyForecast.of(NOW, NOW + HOUR, 0, 3_601, 1).verdict()).isEqualTo(Verdict.TOO_SLOW);
    }

    @Test
    void withoutARateOrAnEstimateTheVerdictIsUnknownButThePassedDeadlineIsAlwaysKnown() {
        CopyForecast noRate = CopyForecast.of(NOW, NOW + HOUR, 0, 7_200, 0);
        assertThat(noRate.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(noRate.requiredRowsPerSecond()).isEqualTo(2.0);
        assertThat(noRate.etaMillis(NOW)).isEqualTo(-1);
        assertThat(CopyForecast.of(NOW, NOW + HOUR, 10, -1, 50).verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(CopyForecast.of(NOW, NOW, 10, 100, 50).verdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(CopyForecast.of(NOW + 1, NOW, 10, -1, 0).verdict()).isEqualTo(Verdict.EXPIRED);
    }

    @Test
    void anEstimateBelowWhatWasCopiedMeansNearlyDone() {
        CopyForecast f = CopyForecast.of(NOW, NOW + HOUR, 5_000, 4_000, 100);
        assertThat(f.verdict()).isEqualTo(Verdict.OK);
        assertThat(f.etaMillis(NOW)).isZero();
    }

    @Test
    void rowsAreEstimatedFromTheTableSizeAndTheMeasuredBytesPerRow() {
        // 1,000 rows of 500 bytes measured; 100 MB table: 209,715 rows
        assertThat(CopyForecast.estimateRows(100L * 1024 * 1024, 1_000, 500_000, 1_000)).isEqualTo(209_715);
        assertThat(CopyForecast.estimateRows(1_000, 1_000, 500_000, 1_000)).as("never below the rows copied").isEqualTo(1_000);
        assertThat(CopyForecast.estimateRows(-1, 1_000, 500_000, 0)).isEqualTo(-1);
        assertThat(CopyForecast.estimateRows(1_000_000, 0, 0, 0)).as("nothing measured yet").isEqualTo(-1);
    }

    @Test
    void anEndlessCopyDoesNotOverflow() {
        CopyForecast f = CopyForecast.of(NOW, NOW + HOUR, 0, Long.MAX_VALUE / 2, 1e-300);
        assertThat(f.verdict()).isEqualTo(Verdict.TOO_SLOW);
        assertThat(f.describe(NOW)).contains("never end");
    }

    @Test
    void slowRatesKeepADecimal() {
        assertThat(CopyForecast.rate(0.26)).isEqualTo("0.3");
        assertThat(CopyForecast.rate(9.94)).isEqualTo("9.9");
        assertThat(CopyForecast.rate(12_345.6)).isEqualTo("12,346");
    }
}
