package io.cbec.etl.report;

import java.util.Objects;

/**
 * A number written with an Excel number format of its own, for a cell whose unit or qualifier must stay
 * visible while the cell stays numeric: {@code new FormattedNumber(20_000_000, "\"nearly \"#,##0")} shows
 * "nearly 20,000,000" and holds 20000000 for formulas, links and Power Query. Each distinct format is one
 * style of the workbook, so the formats should be few (a unit or qualifier, not a per-row text).
 *
 * @param value        the number in the cell
 * @param excelFormat  a valid Excel number format; literal text in double quotes
 */
public record FormattedNumber(Number value, String excelFormat) {

    public FormattedNumber {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(excelFormat, "excelFormat");
        if (excelFormat.isBlank() || excelFormat.length() > 255) {
            // Excel refuses (repairs away) a number format longer than 255 characters.
            throw new IllegalArgumentException("An Excel number format has 1 to 255 characters: " + excelFormat);
        }
    }
}
