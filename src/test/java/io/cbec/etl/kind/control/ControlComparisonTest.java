package io.cbec.etl.kind.control;

import io.cbec.etl.normalise.quantity.Quantity;
import io.cbec.etl.normalise.quantity.QuantityParser;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ControlComparisonTest {

    private static boolean passes(String declared, String actual, String unit) {
        Quantity expected = QuantityParser.parse(declared, null).value();
        return ControlComparison.compare(expected, new MetricValue(new BigDecimal(actual), unit, "test")).pass();
    }

    @Test
    void theQualifierSetsTheComparison() {
        assertThat(passes("165", "165", "count")).isTrue();
        assertThat(passes("165", "164", "count")).isFalse();
        assertThat(passes("nearly 20 million", "19500000", "count")).isTrue();
        assertThat(passes("nearly 20 million", "20000001", "count")).isFalse();
        assertThat(passes("nearly 20 million", "17900000", "count")).isFalse(); // more than 10 % below
        assertThat(passes("more than 700", "710", "count")).isTrue();
        assertThat(passes("more than 700", "700", "count")).isFalse();
        assertThat(passes("约5000亿元", "500400000000", "CNY")).isTrue();
        assertThat(passes("约5000亿元", "530000000000", "CNY")).isFalse(); // 6 % above
        assertThat(passes("10 to 15", "12", "count")).isTrue();
        assertThat(passes("700以上", "700", "count")).isTrue(); // 以上 includes the figure
        assertThat(passes("700以上", "699", "count")).isFalse();
        assertThat(passes("up to 21", "20", "count")).isTrue();
        assertThat(passes("up to 21", "22", "count")).isFalse();
    }

    @Test
    void theRuleNamesTheQualifierAsWritten() {
        Quantity upTo = QuantityParser.parse("up to 21", null).value();
        assertThat(ControlComparison.compare(upTo, new MetricValue(new BigDecimal("22"), "count", "t")).rule())
                .isEqualTo("up to: at most 21 and at most 10 % below (18.9 to 21)");
    }

    @Test
    void unitsMustAgreeAndCurrenciesAreNeverConverted() {
        assertThat(passes("5000亿元", "500000000000", "USD")).isFalse();
        Quantity expected = QuantityParser.parse("5000亿元", null).value();
        assertThat(ControlComparison.compare(expected, new MetricValue(new BigDecimal("500000000000"), "USD", "t")).rule())
                .contains("CNY").contains("USD").contains("never converted");
    }
}
