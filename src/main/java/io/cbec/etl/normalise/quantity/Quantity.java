package io.cbec.etl.normalise.quantity;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A number read from a cell, with its unit and qualifier.
 *
 * @param low       the value, or the low end of a range ("10 to 15 days": 10)
 * @param high      the high end of a range; equal to {@code low} for a single value
 * @param unit      {@code "CNY"} or {@code "USD"} (money in base currency units: "1.2亿元" is 120,000,000),
 *                  {@code "count"}, {@code "percent"} (stored as a fraction: "90%" is 0.90),
 *                  {@code "days"}, or {@code null} for a bare number
 * @param qualifier how the stated value relates to the true one
 * @param original  the text as given (including any noun, e.g. "100 Chinese brands (first phase)")
 */
public record Quantity(BigDecimal low, BigDecimal high, String unit, Qualifier qualifier, String original) {

    public static final String CNY = "CNY";
    public static final String USD = "USD";
    public static final String COUNT = "count";
    public static final String PERCENT = "percent";
    public static final String DAYS = "days";

    public Quantity {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(qualifier, "qualifier");
        if (high.compareTo(low) < 0) {
            throw new IllegalArgumentException("range runs backwards: " + low + " to " + high);
        }
    }

    public static Quantity of(BigDecimal value, String unit, Qualifier qualifier, String original) {
        return new Quantity(value, value, unit, qualifier, original);
    }

    /** True for "10 to 15 days", false for "15 days". */
    public boolean isRange() {
        return high.compareTo(low) != 0;
    }

    /** True when the unit is a currency. */
    public boolean isMoney() {
        return CNY.equals(unit) || USD.equals(unit);
    }
}
