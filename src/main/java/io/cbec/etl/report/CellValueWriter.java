package io.cbec.etl.report;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;

/**
 * Turns one Java value into one cell, applying every cell-safety rule of the report contract in one
 * place: numbers are numeric cells, dates are date cells, codes are strings, and text is sanitised
 * and never a formula.
 */
final class CellValueWriter {

    /** Excel's 1900 date system cannot hold earlier dates; those are written as ISO text instead. */
    private static final int FIRST_EXCEL_YEAR = 1900;

    /** What was written: the style (so a row can be re-styled bold) and the width it needs. */
    record Written(WorkbookStyles.Key style, int displayChars) {
    }

    private final WorkbookStyles styles;
    /** Renders {@link FormattedNumber}s for their width; made on first use (most sheets have none). */
    private DataFormatter formatter;
    /** The shapes of the formats seen: a workbook has a few (each is a cell style). */
    private final Map<String, GroupedFormat> groupedFormats = new HashMap<>();

    CellValueWriter(WorkbookStyles styles) {
        this.styles = styles;
    }

    /** Strips a {@link Formatted} wrapper: the value that actually goes into the cell. */
    static Object plainValue(Object value) {
        if (value instanceof FormattedNumber number) {
            return number.value();
        }
        return value instanceof Formatted formatted ? formatted.value() : value;
    }

    /**
     * Writes {@code value} into column {@code column} of {@code row}; answers null when nothing was
     * written (null, or a double that is not a number Excel can hold).
     */
    Written write(Row row, int column, Object value, ColumnFormat columnFormat, boolean bold) {
        if (value instanceof FormattedNumber number) {
            return formattedNumber(row, column, number, bold);
        }
        ColumnFormat format = columnFormat;
        boolean explicit = false;
        Object plain = value;
        if (value instanceof Formatted formatted) {
            plain = formatted.value();
            format = formatted.format();
            explicit = true;
        }
        if (plain == null) {
            return null;
        }
        if (plain instanceof CharSequence || plain instanceof Character) {
            return text(row, column, plain.toString(), format, bold);
        }
        if (plain instanceof Enum<?> constant) {
            return text(row, column, constant.name(), format, bold);
        }
        if (plain instanceof Number number) {
            if (format == ColumnFormat.CODE) {
                return text(row, column, codeText(number), format, bold);
            }
            return number(row, column, number, format, bold);
        }
        if (plain instanceof LocalDate date) {
            return date(row, column, date.atStartOfDay(), dateFormat(format, ColumnFormat.DATE), bold);
        }
        if (plain instanceof LocalDateTime dateTime) {
            return date(row, column, dateTime, dateFormat(format, ColumnFormat.DATE_TIME), bold);
        }
        if (plain instanceof YearMonth month) {
            // A YearMonth is month precision by nature; only an explicit Formatted overrides that.
            ColumnFormat monthFormat = explicit ? dateFormat(format, ColumnFormat.MONTH) : ColumnFormat.MONTH;
            return date(row, column, month.atDay(1).atStartOfDay(), monthFormat, bold);
        }
        if (plain instanceof Boolean flag) {
            WorkbookStyles.Key key = new WorkbookStyles.Key(ColumnFormat.TEXT, bold, false);
            Cell cell = row.createCell(column);
            cell.setCellValue(flag);
            cell.setCellStyle(styles.get(key));
            return new Written(key, 5);
        }
        throw new IllegalArgumentException("Cannot write a " + plain.getClass().getName()
                + " to a cell (column " + (column + 1) + "): pass a String, Number, LocalDate, LocalDateTime,"
                + " YearMonth, Boolean, enum, Formatted or FormattedNumber");
    }

    private Written text(Row row, int column, String raw, ColumnFormat format, boolean bold) {
        CellTextSanitiser.SafeText safe = CellTextSanitiser.sanitise(raw);
        if (safe.text().isEmpty()) {
            return null; // a blank cell, as for null: COUNTA and Power Query treat "" cells as values
        }
        WorkbookStyles.Key key = new WorkbookStyles.Key(format, bold, safe.quotePrefixed());
        Cell cell = row.createCell(column);
        cell.setCellValue(safe.text()); // a string cell: never setCellFormula, whatever the text says
        cell.setCellStyle(styles.get(key));
        return new Written(key, ColumnWidthTracker.displayChars(safe.text()));
    }

    private Written number(Row row, int column, Number number, ColumnFormat format, boolean bold) {
        double value = toDouble(number);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null; // Excel has no NaN or infinity; an empty cell is the honest rendering
        }
        ColumnFormat numberFormat = switch (format) {
            case INTEGER, DECIMAL, PERCENT -> format;
            default -> ColumnFormat.TEXT; // General: shows the number as it is
        };
        WorkbookStyles.Key key = new WorkbookStyles.Key(numberFormat, bold, false);
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(styles.get(key));
        return new Written(key, numberDisplayChars(value, numberFormat));
    }

    private Written formattedNumber(Row row, int column, FormattedNumber number, boolean bold) {
        double value = toDouble(number.value());
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        WorkbookStyles.Key key = new WorkbookStyles.Key(number.excelFormat(), bold, false);
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(styles.get(key));
        // The format's own text (a unit, a qualifier) is part of the width.
        GroupedFormat grouped = groupedFormats.computeIfAbsent(number.excelFormat(), GroupedFormat::of);
        if (grouped.counts(value)) {
            return new Written(key, grouped.displayChars(value));
        }
        if (formatter == null) {
            formatter = new DataFormatter(Locale.ROOT);
        }
        // Any other format: render it as Excel would.
        String shown = formatter.formatRawCellContents(value, -1, number.excelFormat());
        return new Written(key, ColumnWidthTracker.displayChars(shown));
    }

    /**
     * A number format of the shape the checks write, {@code "words "#,##0.00" words"}: the width of its words
     * and its decimals, so that a figure's width is counted rather than rendered by POI's DataFormatter, which
     * was a fifth of writing a Checks row (tens of thousands of rows: one per stated platform total).
     * A test holds the count to what DataFormatter shows.
     */
    record GroupedFormat(int wordsChars, int decimals) {

        /** Not of that shape: rendered by DataFormatter. */
        static final GroupedFormat OTHER = new GroupedFormat(-1, -1);
        /** 10 to the power of each number of decimals the shape allows, not computed per cell. */
        private static final double[] SCALE = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
        private static final Pattern SHAPE =
                Pattern.compile("(?:\"([^\"]*)\")?#,##0(?:\\.(0{1,9}))?(?:\"([^\"]*)\")?");

        static GroupedFormat of(String format) {
            Matcher m = SHAPE.matcher(format);
            if (!m.matches()) {
                return OTHER;
            }
            int words = (m.group(1) == null ? 0 : ColumnWidthTracker.displayChars(m.group(1)))
                    + (m.group(3) == null ? 0 : ColumnWidthTracker.displayChars(m.group(3)));
            return new GroupedFormat(words, m.group(2) == null ? 0 : m.group(2).length());
        }

        /** Whether {@link #displayChars} can count {@code value}: its digits fit a long with room to spare. */
        boolean counts(double value) {
            return this != OTHER && Math.abs(value) * SCALE[decimals] < 1e15;
        }

        /** Characters shown for {@code value}, when it {@link #counts}. */
        int displayChars(double value) {
            double scale = SCALE[decimals];
            long rounded = Math.round(Math.abs(value) * scale);
            int sign = value < 0 ? 1 : 0; // as POI shows it: -0.4 is "-0"
            return wordsChars + sign + groupedDigits((long) (rounded / scale)) + (decimals == 0 ? 0 : decimals + 1);
        }
    }

    private Written date(Row row, int column, LocalDateTime value, ColumnFormat format, boolean bold) {
        if (value.getYear() < FIRST_EXCEL_YEAR) {
            return text(row, column, value.toLocalDate().toString(), ColumnFormat.TEXT, bold);
        }
        WorkbookStyles.Key key = new WorkbookStyles.Key(format, bold, false);
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(styles.get(key));
        return new Written(key, format.excelFormat().length());
    }

    private static ColumnFormat dateFormat(ColumnFormat requested, ColumnFormat fallback) {
        return requested.isDate() ? requested : fallback;
    }

    static double toDouble(Number number) {
        if (number instanceof Float f) {
            return Double.parseDouble(f.toString()); // 0.1f should stay 0.1, not 0.10000000149
        }
        return number.doubleValue(); // BigDecimal and BigInteger round to the nearest double
    }

    /** A number in a CODE column: the digits a person would type, without exponent or ".0". */
    static String codeText(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (number instanceof BigInteger || number instanceof Long || number instanceof Integer
                || number instanceof Short || number instanceof Byte) {
            return number.toString();
        }
        double value = toDouble(number);
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** Characters the formatted number shows, for column widths. */
    static int numberDisplayChars(double value, ColumnFormat format) {
        // Counted rather than formatted for the formats of large sheets: String.format per number cell was a
        // visible share of writing a sheet of a million rows. Very large values take the formatted path.
        double magnitude = Math.abs(value);
        if (magnitude < 1e15) {
            int sign = Double.doubleToRawLongBits(value) < 0 ? 1 : 0;
            switch (format) {
                case INTEGER:
                    return sign + groupedDigits(Math.round(magnitude));
                case DECIMAL:
                    return sign + groupedDigits(Math.round(magnitude * 100) / 100) + 3;
                case PERCENT:
                    return sign + Long.toString(Math.round(magnitude * 1000) / 10).length() + 3;
                default:
                    break;
            }
        }
        String shown = switch (format) {
            case INTEGER -> String.format(Locale.ROOT, "%,.0f", value);
            case DECIMAL -> String.format(Locale.ROOT, "%,.2f", value);
            case PERCENT -> String.format(Locale.ROOT, "%.1f%%", value * 100);
            default -> value == Math.rint(value) && Math.abs(value) < 1e11
                    ? Long.toString((long) value)
                    : Double.toString(value).length() > 11 ? "0.0000000000" : Double.toString(value);
        };
        return shown.length();
    }

    /** Digits of a non-negative whole number with a thousands separator every three: 1234567 -> 9. */
    private static int groupedDigits(long whole) {
        int digits = Long.toString(whole).length();
        return digits + (digits - 1) / 3;
    }

    /** A value as chart category text: what the cell shows, near enough for a legend or axis. */
    static String categoryText(Object value) {
        Object plain = plainValue(value);
        ColumnFormat format = value instanceof Formatted formatted ? formatted.format() : null;
        if (plain == null) {
            return "";
        }
        if (plain instanceof Number number) {
            return codeText(number);
        }
        if (plain instanceof YearMonth month) {
            return month.toString();
        }
        if (plain instanceof LocalDate date) {
            return format == ColumnFormat.MONTH ? YearMonth.from(date).toString() : date.toString();
        }
        if (plain instanceof LocalDateTime dateTime) {
            return dateTime.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        }
        if (plain instanceof Enum<?> constant) {
            return constant.name();
        }
        return CellTextSanitiser.sanitise(plain.toString()).text();
    }
}
