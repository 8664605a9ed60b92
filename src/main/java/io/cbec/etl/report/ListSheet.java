package io.cbec.etl.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.AreaReference;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFTableColumn;

/**
 * A list on a report sheet: a bold header row, then one row per record, written top to bottom and
 * streamed to disk as it goes. Obtain one from {@link ReportWorkbook#listSheet(String, List)}; its
 * header is row 1.
 *
 * <p>A second list below the first on the same sheet (the Summary sheet's table of source files) is a
 * block: {@link #blockBelow(List)} leaves one blank row, writes the new header in bold and answers a
 * {@code ListSheet} for the block's rows. Once a block exists the lists above it take no more rows.
 *
 * <p>{@link #finish()} or {@link #finishAsTable(String)} completes the whole sheet (call either on any
 * of its blocks, once): frozen row 1, autofilter or Excel table over the first list, column widths from
 * everything written, and print set-up. {@link ReportWorkbook#write(java.nio.file.Path)} finishes any
 * sheet left unfinished with {@link #finish()}.
 *
 * <p>Values: null or "" (empty cell), {@code String} and other {@code CharSequence}s, any {@code Number},
 * {@code LocalDate}, {@code LocalDateTime}, {@code YearMonth} (a month-precision date cell),
 * {@code Boolean}, enums (their name), {@link Formatted} and {@link FormattedNumber}. Numbers are numeric
 * cells except in {@link ColumnFormat#CODE} columns; a NaN or infinite double leaves the cell empty. Text
 * is cleaned of XML-illegal characters, truncated to Excel's 32,767 characters with
 * {@value CellTextSanitiser#TRUNCATION_MARKER}, and quote-prefixed when it starts like a formula.
 * Strings in numeric columns stay strings: pass numbers as {@code Number}s.
 */
public final class ListSheet {

    /** The table style the report contract's readers know from Excel's default. */
    static final String TABLE_STYLE = "TableStyleMedium2";

    /** Excel's rule for table names, less the rarely used backslash. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]{0,254}");
    /** Names Excel would read as a cell reference (A1 or R1C1 style) are not allowed for tables. */
    private static final Pattern CELL_REFERENCE_LIKE =
            Pattern.compile("(?i)([A-Z]{1,3}[0-9]+|R[0-9]*C?[0-9]*|C[0-9]*)");
    /** Room for the autofilter drop-down button beside a header. */
    private static final int FILTER_BUTTON_CHARS = 2;

    private final SheetCanvas canvas;
    private final WorkbookStyles styles;
    private final CellValueWriter cells;
    private final List<Column> columns;
    private final List<String> headerTexts;
    private final int headerRowIndex;
    private int lastRowIndex;
    /**
     * The last row not emphasised as a total, and the one before it: the autofilter ends there, so that
     * sorting a column keeps the Total rows at the bottom instead of moving them in among the data.
     */
    private int lastPlainRowIndex;
    private int previousPlainRowIndex;
    private Row lastRow;
    private WorkbookStyles.Key[] lastRowStyles;

    ListSheet(SheetCanvas canvas, WorkbookStyles styles, List<Column> columns) {
        Objects.requireNonNull(columns, "columns");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A list needs at least one column");
        }
        if (columns.size() > SpreadsheetVersion.EXCEL2007.getMaxColumns()) {
            throw new IllegalArgumentException("Excel holds at most " + SpreadsheetVersion.EXCEL2007.getMaxColumns() + " columns");
        }
        this.canvas = canvas;
        this.styles = styles;
        this.cells = new CellValueWriter(styles);
        this.columns = List.copyOf(columns);
        canvas.registerBlock(this);
        this.headerRowIndex = canvas.claimRow(this);
        Row header = canvas.sheet.createRow(headerRowIndex);
        List<String> texts = new ArrayList<>(columns.size());
        WorkbookStyles.Key[] headerStyles = new WorkbookStyles.Key[columns.size()];
        for (int i = 0; i < this.columns.size(); i++) {
            CellValueWriter.Written written = cells.write(header, i, this.columns.get(i).header(), ColumnFormat.TEXT, true);
            headerStyles[i] = written.style();
            canvas.widths.observe(i, written.displayChars() + FILTER_BUTTON_CHARS);
            texts.add(header.getCell(i).getStringCellValue());
        }
        this.headerTexts = List.copyOf(texts);
        this.lastRowIndex = headerRowIndex;
        this.lastPlainRowIndex = headerRowIndex;
        this.previousPlainRowIndex = headerRowIndex;
        this.lastRow = header;
        this.lastRowStyles = headerStyles;
    }

    /** The sheet's name. */
    public String name() {
        return canvas.name();
    }

    public List<Column> columns() {
        return columns;
    }

    /**
     * Writes the next row. There may be fewer values than columns (the rest stay empty), never more.
     *
     * @throws IllegalArgumentException for more values than columns, or a value of an unsupported type
     * @throws IllegalStateException after the sheet is finished or a block was started below this one
     */
    public void row(Object... values) {
        Objects.requireNonNull(values, "values");
        if (values.length > columns.size()) {
            throw new IllegalArgumentException("Sheet '" + name() + "': a row of " + values.length
                    + " values does not fit " + columns.size() + " columns " + headerTexts);
        }
        int rowIndex = canvas.claimRow(this);
        Row row = canvas.sheet.createRow(rowIndex);
        WorkbookStyles.Key[] rowStyles = new WorkbookStyles.Key[values.length];
        for (int i = 0; i < values.length; i++) {
            CellValueWriter.Written written;
            try {
                written = cells.write(row, i, values[i], columns.get(i).format(), false);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Sheet '" + name() + "' row " + (rowIndex + 1)
                        + " column '" + headerTexts.get(i) + "': " + e.getMessage(), e);
            }
            if (written != null) {
                rowStyles[i] = written.style();
                canvas.widths.observe(i, written.displayChars());
            }
        }
        canvas.keepForCharts(rowIndex, values);
        canvas.owner.countRow();
        lastRowIndex = rowIndex;
        previousPlainRowIndex = lastPlainRowIndex;
        lastPlainRowIndex = rowIndex;
        lastRow = row;
        lastRowStyles = rowStyles;
    }

    /** {@link #row(Object...)} for a row built as a list, e.g. one value per batch column. */
    public void row(List<?> values) {
        row(values.toArray());
    }

    /** Writes a row in bold, e.g. a Total row. */
    public ListSheet boldRow(Object... values) {
        row(values);
        return emphasiseLastRow();
    }

    /** Bolds the row just written (for Total rows); the header is bold already. */
    public ListSheet emphasiseLastRow() {
        if (canvas.isFinished()) {
            throw new IllegalStateException("Sheet '" + name() + "' is finished");
        }
        if (lastPlainRowIndex == lastRowIndex && lastRowIndex != headerRowIndex) {
            lastPlainRowIndex = previousPlainRowIndex;
        }
        for (int i = 0; i < lastRowStyles.length; i++) {
            WorkbookStyles.Key key = lastRowStyles[i];
            Cell cell = lastRow.getCell(i);
            if (key != null && cell != null && !key.bold()) {
                WorkbookStyles.Key bold = new WorkbookStyles.Key(key.excelFormat(), true, key.quotePrefixed());
                cell.setCellStyle(styles.get(bold));
                lastRowStyles[i] = bold;
            }
        }
        return this;
    }

    /** 1-based row number of this list's header (1 for the list a sheet was created with). */
    public int headerRowNumber() {
        return headerRowIndex + 1;
    }

    /** 1-based row number of the last row written (the header's when no rows were written). */
    public int lastRowNumber() {
        return lastRowIndex + 1;
    }

    /** Rows written below the header. */
    public int dataRowCount() {
        return lastRowIndex - headerRowIndex;
    }

    /**
     * Starts a block below this list on the same sheet: one blank row, then a bold header row with
     * {@code blockColumns}. Rows written to the answer go below that header; this list takes no more.
     */
    public ListSheet blockBelow(List<Column> blockColumns) {
        canvas.startBlockBelow(this);
        return new ListSheet(canvas, styles, blockColumns);
    }

    /**
     * Completes the sheet: row 1 frozen, autofilter over the first list's header and rows (without the
     * Total rows emphasised at its end), column
     * widths from the content written, landscape, one page wide, row 1 repeated on every page.
     */
    public void finish() {
        finishSheet(null);
    }

    /**
     * As {@link #finish()}, with an Excel table (ListObject) over the first list instead of a plain
     * autofilter, styled {@value #TABLE_STYLE}. The table's column names are the header texts.
     *
     * @param tableName unique in the workbook; letters, digits, '_' and '.', starting with a letter or
     *                  '_', and not a cell reference such as "A1"
     */
    public void finishAsTable(String tableName) {
        Objects.requireNonNull(tableName, "tableName");
        if (!TABLE_NAME.matcher(tableName).matches() || CELL_REFERENCE_LIKE.matcher(tableName).matches()) {
            throw new IllegalArgumentException("'" + tableName + "' is not a valid Excel table name");
        }
        finishSheet(tableName);
    }

    SheetCanvas canvas() {
        return canvas;
    }

    private void finishSheet(String tableName) {
        if (canvas.isFinished()) {
            throw new IllegalStateException("Sheet '" + name() + "' is already finished");
        }
        canvas.owner.checkWritable();
        ListSheet list = canvas.primary();
        SXSSFSheet sheet = canvas.sheet;
        sheet.createFreezePane(0, list.headerRowIndex + 1);
        int lastColumn = list.columns.size() - 1;
        if (tableName == null) {
            // Over the data rows only: Total rows written last (emphasised) stay out of sorting and filtering.
            sheet.setAutoFilter(new CellRangeAddress(list.headerRowIndex, list.lastPlainRowIndex, 0, lastColumn));
        } else {
            list.createTable(tableName);
        }
        for (int column = 0; column < canvas.widths.columnCount(); column++) {
            int width = canvas.widths.widthUnits(column);
            if (width > 0) {
                sheet.setColumnWidth(column, width);
            }
        }
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        print.setPaperSize(PrintSetup.A4_PAPERSIZE);
        print.setFitWidth((short) 1);
        print.setFitHeight((short) 0); // as many pages tall as needed
        sheet.setFitToPage(true);
        sheet.setRepeatingRows(new CellRangeAddress(list.headerRowIndex, list.headerRowIndex, -1, -1));
        canvas.markFinished();
    }

    private void createTable(String tableName) {
        canvas.owner.claimTableName(tableName);
        Set<String> seen = new HashSet<>();
        for (String header : headerTexts) {
            if (!seen.add(header.toLowerCase(Locale.ROOT))) {
                // Excel repairs (drops) a table whose column names repeat, ignoring case.
                throw new IllegalArgumentException("Sheet '" + name() + "': table column '" + header + "' repeats");
            }
        }
        // Excel needs at least one data row in a table; an empty list gets one empty row.
        int lastTableRow = Math.max(lastRowIndex, headerRowIndex + 1);
        AreaReference area = new AreaReference(
                new CellReference(headerRowIndex, 0),
                new CellReference(lastTableRow, columns.size() - 1),
                SpreadsheetVersion.EXCEL2007);
        XSSFTable table = canvas.templateSheet().createTable(area);
        table.setName(tableName);
        table.setDisplayName(tableName);
        List<XSSFTableColumn> tableColumns = table.getColumns();
        while (tableColumns.size() < columns.size()) {
            table.createColumn(null);
            tableColumns = table.getColumns();
        }
        // updateHeaders() cannot see streamed rows: name the columns from what the header cells hold,
        // since names that differ from the header cells make Excel offer to repair the file.
        for (int i = 0; i < columns.size(); i++) {
            tableColumns.get(i).setName(headerTexts.get(i));
        }
        var ctTable = table.getCTTable();
        (ctTable.isSetAutoFilter() ? ctTable.getAutoFilter() : ctTable.addNewAutoFilter()).setRef(area.formatAsString());
        table.setStyleName(TABLE_STYLE);
        // The flags go on the table's XML directly: table.getStyle() would first parse every built-in table
        // style POI knows (about a second, a fifth of a small run) only to hand back this same element.
        var styleInfo = ctTable.getTableStyleInfo();
        styleInfo.setShowRowStripes(true);
        styleInfo.setShowColumnStripes(false);
        styleInfo.setShowFirstColumn(false);
        styleInfo.setShowLastColumn(false);
    }
}
