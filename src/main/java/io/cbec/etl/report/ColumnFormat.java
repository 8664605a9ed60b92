package io.cbec.etl.report;

/**
 * How a report column displays its values. The Excel number format of each constant is part of the
 * report contract: readers expect thousands separators on counts, {@code 0.0%} on shares and real
 * date cells.
 */
public enum ColumnFormat {
    /** Free text; numbers that land here are still numeric cells, in the General format. */
    TEXT("General"),
    /** Counts: {@code #,##0}. */
    INTEGER("#,##0"),
    /** Amounts and measures: {@code #,##0.00}. */
    DECIMAL("#,##0.00"),
    /** Shares as fractions (0.125 shows 12.5%): {@code 0.0%}. */
    PERCENT("0.0%"),
    /** Day-precision dates: {@code yyyy-mm-dd}. */
    DATE("yyyy-mm-dd"),
    /** Month-precision dates, still real date cells (first of the month): {@code yyyy-mm}. */
    MONTH("yyyy-mm"),
    /** Year-precision dates, still real date cells (1 January): {@code yyyy}. */
    YEAR("yyyy"),
    /** Timestamps such as "Generated at": {@code yyyy-mm-dd hh:mm:ss}. */
    DATE_TIME("yyyy-mm-dd hh:mm:ss"),
    /**
     * Identifiers that look like numbers, e.g. the GB/T 2260 code "330100": always string cells, with
     * the Text format so that a person editing the cell keeps it text.
     */
    CODE("@");

    private final String excelFormat;

    ColumnFormat(String excelFormat) {
        this.excelFormat = excelFormat;
    }

    /** The Excel number format string. */
    public String excelFormat() {
        return excelFormat;
    }

    /** Whether values in this format are date cells. */
    public boolean isDate() {
        return this == DATE || this == MONTH || this == YEAR || this == DATE_TIME;
    }
}
