package io.cbec.etl.report;

import java.util.Objects;

/**
 * A value written with its own display format instead of its column's, e.g. a month-precision date in
 * a {@link ColumnFormat#DATE} column: {@code new Formatted(LocalDate.of(2015, 3, 1), ColumnFormat.MONTH)}.
 * The value may be anything {@link ListSheet#row(Object...)} accepts except another {@code Formatted}.
 */
public record Formatted(Object value, ColumnFormat format) {

    public Formatted {
        Objects.requireNonNull(format, "format");
        if (value instanceof Formatted) {
            throw new IllegalArgumentException("Formatted values do not nest");
        }
    }
}
