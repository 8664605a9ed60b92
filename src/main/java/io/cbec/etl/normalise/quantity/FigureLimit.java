package io.cbec.etl.normalise.quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How large a figure read from an input may be before it is rejected. Figures, stated totals and declared
 * control totals are staged as {@code DECIMAL(38, 10)} (schema.sql; an indicator's amount as the wider
 * {@code DECIMAL(38, 6)}), and the checks record the sums they make of them in check_result, also
 * {@code DECIMAL(38, 10)}: 28 digits before the point. A value that does not fit fails its insert, and with it
 * the whole run, with a stack trace, no data-quality workbook and the same crash on every rerun. So every
 * normaliser rejects a figure of more than {@value #MAX_DIGITS} digits with its place; the digits left over
 * hold the sums of up to ten billion such figures, more rows than any run reads. No real figure comes near
 * it: China's whole CBEC trade of 2023 was 2.38万亿元, 13 digits in CNY.
 */
public final class FigureLimit {

    /** The staging columns' {@code DECIMAL(PRECISION, SCALE)}, as schema.sql declares them. */
    public static final int PRECISION = 38;
    public static final int SCALE = 10;

    /** Digits kept for sums: ten billion figures of the limit still fit. */
    private static final int SUM_DIGITS = 10;

    /** Digits a figure may have before the point. */
    public static final int MAX_DIGITS = PRECISION - SCALE - SUM_DIGITS;

    private static final BigDecimal LIMIT = BigDecimal.TEN.pow(MAX_DIGITS);

    /**
     * Digits a number as written may have, decimals included: no staging column holds more, and BigDecimal
     * reads (and strips the zeros of) a longer digit string in time that grows with the square of its length:
     * "1" and 200,000 zeros in a CSV took three minutes. A longer number is refused before it is read.
     */
    public static final int MAX_WRITTEN_DIGITS = PRECISION;

    private FigureLimit() {
    }

    /** Whether the figure (in its base unit: CNY, USD, a count) can be staged and summed. */
    public static boolean fits(BigDecimal value) {
        return value.abs().compareTo(LIMIT) < 0;
    }

    /** Digits in a number as written ("1,234.5": 5), counted without reading it. */
    public static int writtenDigits(CharSequence number) {
        int n = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                n++;
            }
        }
        return n;
    }

    /** Digits before the point, for the reason given: 34 for 1E+33. */
    public static int digits(BigDecimal value) {
        BigDecimal whole = value.abs().setScale(0, RoundingMode.DOWN);
        return whole.signum() == 0 ? 1 : whole.precision();
    }
}
