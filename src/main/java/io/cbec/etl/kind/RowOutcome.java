package io.cbec.etl.kind;

import java.math.BigDecimal;

/** What a kind made of one source row below the header. */
public sealed interface RowOutcome {

    /** A normalised record, staged by its kind. */
    record Accepted(Object record) implements RowOutcome { }

    /**
     * A stated total or subtotal row: not a record, but a figure the validate step compares with the
     * detail rows it covers. {@code subtotal} rows cover the rows since the previous subtotal; totals cover
     * the whole sheet. {@code measure} names what is summed (for the registry: "zones").
     */
    record StatedTotal(int row, String label, boolean subtotal, String measure, BigDecimal value, String column,
                       String raw) implements RowOutcome { }

    /** The row cannot be used; the reason says why and, where it can, what to do. */
    record Rejected(String column, String raw, String reason) implements RowOutcome { }

    /** A row that carries nothing (a repeated header, a note line); counted as read, not as a record. */
    record Ignored(String why) implements RowOutcome { }
}
