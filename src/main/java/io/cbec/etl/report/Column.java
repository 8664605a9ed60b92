package io.cbec.etl.report;

import java.util.Objects;

/**
 * One column of a list sheet: its header text (a contract, see report-contract.md) and how its values
 * display.
 */
public record Column(String header, ColumnFormat format) {

    public Column {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(format, "format");
        if (header.isBlank()) {
            // Excel tables reject blank column names, and a blank header breaks Power Query loads.
            throw new IllegalArgumentException("A column header must not be blank");
        }
    }

    public static Column text(String header) { return new Column(header, ColumnFormat.TEXT); }

    public static Column integer(String header) { return new Column(header, ColumnFormat.INTEGER); }

    public static Column decimal(String header) { return new Column(header, ColumnFormat.DECIMAL); }

    public static Column percent(String header) { return new Column(header, ColumnFormat.PERCENT); }

    public static Column date(String header) { return new Column(header, ColumnFormat.DATE); }

    public static Column month(String header) { return new Column(header, ColumnFormat.MONTH); }

    public static Column dateTime(String header) { return new Column(header, ColumnFormat.DATE_TIME); }

    public static Column code(String header) { return new Column(header, ColumnFormat.CODE); }
}
