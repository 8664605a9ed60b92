package io.cbec.etl.check;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The Expected or the Actual of a check. A number is a {@link Figure}: a numeric cell in the Checks sheet
 * whose number format keeps its qualifier and unit in view ("nearly 20,000,000", "4,153.9 亿元", "92.8%"),
 * so that Excel never sees a number stored as text. Anything else ("none", "2015-03-07 / 国函〔2015〕44号",
 * a range) is {@link Text}.
 */
public sealed interface CheckValue {

    /** No value: an empty cell. */
    Text EMPTY = new Text("");

    /** Decimals a figure keeps: as many as check_result stores. */
    int MAX_DECIMALS = 10;

    /** Characters of a unit or qualifier a number format shows. */
    int MAX_WORDS = 100;

    /** The value as plain text, for the log (and for state written before figures were stored). */
    String text();

    /** Text that is not one number. */
    record Text(String text) implements CheckValue {

        public Text {
            text = text == null ? "" : text;
        }
    }

    /**
     * A number with its Excel number format.
     *
     * @param value  the number in the cell, at most {@value #MAX_DECIMALS} decimals
     * @param format an Excel number format, its words in double quotes, e.g. {@code "nearly "#,##0}
     * @param text   the same as plain text ("nearly 20000000"), for the log
     */
    record Figure(BigDecimal value, String format, String text) implements CheckValue {

        /** The same figure after a qualifier, e.g. "at least", "nearly", "about". */
        public Figure qualified(String qualifier) {
            return new Figure(value, literal(qualifier + " ") + format, qualifier + " " + text);
        }
    }

    static Text text(String text) {
        return text == null || text.isEmpty() ? EMPTY : new Text(text);
    }

    /** A count with thousands separators: 1,234. */
    static Figure count(long count) {
        return count(count, null);
    }

    /** A count and what it counts, e.g. "165 zones", "2 batches": 1,234 zones. */
    static Figure count(long count, String unit) {
        return number(BigDecimal.valueOf(count), unit);
    }

    /**
     * A number with thousands separators and the decimals it has (up to {@value #MAX_DECIMALS}): 4,153.9;
     * with its unit after it when there is one (null for a count): 4,153.9 亿元, 500,400,000,000 CNY.
     */
    static Figure number(BigDecimal value, String unit) {
        BigDecimal v = value.stripTrailingZeros();
        int decimals = Math.min(Math.max(v.scale(), 0), MAX_DECIMALS);
        v = v.setScale(decimals, RoundingMode.HALF_UP);
        String format = "#,##0" + (decimals == 0 ? "" : "." + "0".repeat(decimals));
        boolean unitShown = unit != null && !unit.isBlank();
        return new Figure(v, unitShown ? format + literal(" " + unit) : format,
                v.toPlainString() + (unitShown ? " " + unit : ""));
    }

    /** A share given as a fraction (0.928), shown as a percentage with one decimal: 92.8%. */
    static Figure share(BigDecimal fraction) {
        BigDecimal v = fraction.setScale(MAX_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
        return new Figure(v, "0.0%", v.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%");
    }

    /**
     * Words shown by a number format: in double quotes, which cannot themselves be quoted there, so they
     * and backslashes are dropped, and cut to keep the format within Excel's 255 characters (Excel
     * repairs a workbook whose format it cannot read).
     */
    private static String literal(String words) {
        String kept = words.replaceAll("[\"\\\\\\p{Cntrl}]", "");
        return "\"" + (kept.length() > MAX_WORDS ? kept.substring(0, MAX_WORDS - 1) + "…" : kept) + "\"";
    }
}
