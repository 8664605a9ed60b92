package io.cbec.etl.kind;

import io.cbec.etl.normalise.TextNormaliser;
import java.math.BigDecimal;

/** What a kind made of one source row below the header. */
public sealed interface RowOutcome {

    /** A normalised record, staged by its kind. */
    record Accepted(Object record) implements RowOutcome { }

    /**
     * A stated total or subtotal row: not a record, but a figure the validate step compares with the
     * detail rows it covers. {@code subtotal} rows cover the rows since the previous subtotal; totals cover
     * the whole sheet. {@code measure} names what is summed (for the registry: "zones"). {@code value} is null
     * when the row gives no figure that can be read: it is still a total row, and its check fails.
     */
    record StatedTotal(int row, String label, boolean subtotal, String measure, BigDecimal value, String column,
                       String raw) implements RowOutcome { }

    /**
     * The row cannot be used; the reason says why and, where it can, what to do. A reason quotes at most the
     * start of a long value: the value itself has its own column in Rejected Rows, and a reason that repeats
     * a 3,000-character cell buries the why in a cell nobody can read.
     */
    record Rejected(String column, String raw, String reason) implements RowOutcome {

        /** Values longer than this are quoted by their start (short enough not to be shortened again). */
        static final int QUOTE_LIMIT = 80;

        public Rejected {
            if (raw != null && reason != null && raw.length() > QUOTE_LIMIT) {
                // reasons quote the value as read or as cleaned (SheetPlan.cellText): both are shortened
                String cleaned = TextNormaliser.clean(raw);
                reason = reason.replace(raw, shortened(raw));
                if (cleaned.length() > QUOTE_LIMIT) {
                    reason = reason.replace(cleaned, shortened(cleaned));
                }
            }
        }

        /** The value, or its start and its length when it is longer than {@link #QUOTE_LIMIT}. */
        public static String shortened(String value) {
            if (value.length() <= QUOTE_LIMIT) {
                return value;
            }
            int end = QUOTE_LIMIT - 30;
            if (Character.isHighSurrogate(value.charAt(end - 1))) {
                end--; // never half a character outside the Basic Multilingual Plane (an emoji, a rare hanzi)
            }
            return value.substring(0, end) + "... (" + String.format("%,d", value.codePointCount(0, value.length()))
                    + " characters)";
        }
    }

    /** A row that carries nothing (a repeated header, a note line); counted as read, not as a record. */
    record Ignored(String why) implements RowOutcome { }
}
