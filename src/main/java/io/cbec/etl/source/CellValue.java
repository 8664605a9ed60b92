package io.cbec.etl.source;

import java.time.LocalDateTime;

/**
 * One non-empty cell as the source file holds it, before any interpretation. Readers never turn an
 * error or an uncalculated formula into a number: those stay visible so the row can be rejected.
 */
public sealed interface CellValue {

    /** The cell as a person would read it in the sheet, used in reject messages. */
    String raw();

    record Text(String text) implements CellValue {
        public String raw() { return text; }
    }

    /** A numeric cell; {@code format} is the cell's number format string (null when general). */
    record Numeric(double value, String format) implements CellValue {
        public String raw() {
            return value == Math.rint(value) && Math.abs(value) < 1e15
                    ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** A numeric cell whose style is a date format, already converted with the workbook's date system. */
    record DateTime(LocalDateTime value, String format) implements CellValue {
        public String raw() {
            return value.toLocalTime().toSecondOfDay() == 0 ? value.toLocalDate().toString() : value.toString();
        }
    }

    record Bool(boolean value) implements CellValue {
        public String raw() { return Boolean.toString(value); }
    }

    /** A formula whose cached result is an error such as #REF! or #DIV/0!. */
    record Error(String code) implements CellValue {
        public String raw() { return code; }
    }

    /** A formula with no cached value: the workbook was never recalculated and saved. */
    record Uncalculated(String formula) implements CellValue {
        public String raw() { return "=" + formula; }
    }
}
