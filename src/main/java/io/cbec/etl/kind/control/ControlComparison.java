package io.cbec.etl.kind.control;

import io.cbec.etl.normalise.quantity.Qualifier;
import io.cbec.etl.normalise.quantity.Quantity;
import io.cbec.etl.normalise.quantity.QuantityParser;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How a declared figure is compared with the data, by its qualifier (README, "Control totals"):
 * <ul>
 *   <li>exact ("165", "10 to 15"): the actual value equals it, or lies in the range;</li>
 *   <li>about ("about", "约", "around"): within {@value #ABOUT_PERCENT} % either way;</li>
 *   <li>at most ("nearly", "近", "almost", "up to"): not above it, and not more than
 *       {@value #NEARLY_PERCENT} % below it ("nearly 20 million" is 18 to 20 million);</li>
 *   <li>at least ("at least", "以上"): not below it; more than ("more than", "over", "超过", "逾"): above it;
 *       less than ("less than", "under", "不到"): below it.</li>
 * </ul>
 * Units must agree: a count with a count (a bare number counts as a count), CNY with CNY, USD with USD.
 * A sum in one currency is never compared with a figure in another: that fails, it is not converted.
 */
final class ControlComparison {

    static final int ABOUT_PERCENT = 5;
    static final int NEARLY_PERCENT = 10;

    record Verdict(boolean pass, String rule) { }

    private ControlComparison() {
    }

    static Verdict compare(Quantity expected, MetricValue actual) {
        String expectedUnit = expected.unit() == null ? Quantity.COUNT : expected.unit();
        String actualUnit = actual.unit() == null ? Quantity.COUNT : actual.unit();
        if (!expectedUnit.equals(actualUnit)) {
            return new Verdict(false, "the declared figure is in " + expectedUnit + " but the data are in " + actualUnit
                    + (expected.isMoney() && (Quantity.CNY.equals(actualUnit) || Quantity.USD.equals(actualUnit))
                    ? " (currencies are never converted)" : ""));
        }
        BigDecimal a = actual.value();
        BigDecimal low = expected.low();
        BigDecimal high = expected.high();
        Qualifier q = expected.qualifier();
        return switch (q) {
            case EXACT -> expected.isRange()
                    ? new Verdict(a.compareTo(low) >= 0 && a.compareTo(high) <= 0, "between " + plain(low) + " and " + plain(high))
                    : new Verdict(a.compareTo(low) == 0, "equal to " + plain(low));
            case ABOUT -> {
                BigDecimal from = percentOf(low, 100 - ABOUT_PERCENT);
                BigDecimal to = percentOf(high, 100 + ABOUT_PERCENT);
                yield new Verdict(a.compareTo(from) >= 0 && a.compareTo(to) <= 0,
                        "about: within " + ABOUT_PERCENT + " % (" + plain(from) + " to " + plain(to) + ")");
            }
            case AT_MOST -> {
                BigDecimal from = percentOf(high, 100 - NEARLY_PERCENT);
                yield new Verdict(a.compareTo(high) <= 0 && a.compareTo(from) >= 0,
                        word(expected) + ": at most " + plain(high) + " and at most " + NEARLY_PERCENT + " % below (" + plain(from)
                                + " to " + plain(high) + ")");
            }
            case AT_LEAST -> new Verdict(a.compareTo(low) >= 0, "at least " + plain(low));
            case MORE_THAN -> new Verdict(a.compareTo(low) > 0, "more than " + plain(low));
            case LESS_THAN -> new Verdict(a.compareTo(high) < 0, "less than " + plain(high));
        };
    }

    /**
     * The declared qualifier in words, as written where its words differ ("up to", not "nearly"); null for an
     * exact figure.
     */
    static String word(Quantity expected) {
        Qualifier q = expected.qualifier();
        return q == Qualifier.EXACT ? null : QuantityParser.qualifierWord(expected.original()).orElse(q.word());
    }

    private static BigDecimal percentOf(BigDecimal value, int percent) {
        return value.multiply(BigDecimal.valueOf(percent)).divide(BigDecimal.valueOf(100), 10, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
