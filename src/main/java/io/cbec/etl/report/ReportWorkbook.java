package io.cbec.etl.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.officeDocument.x2006.customProperties.CTProperty;

/**
 * A report workbook written as a stream: sheets of lists ({@link ListSheet}), charts beside them, and
 * document properties; then {@link #write(Path)} (a plain file write) or {@link #publish(Path)} (an
 * atomic replace through {@link AtomicPublisher}). Always {@link #close()} it: that deletes the
 * streaming temp files.
 *
 * <p>Rows are streamed by POI's SXSSF with a window of {@value #ROW_WINDOW} rows, compressed temp files
 * and inline strings, so memory stays flat however many rows a sheet has.
 *
 * <p>Limitation: POI's temp-file location is a JVM-wide setting. The constructor points it at
 * {@code tempDir}, so two workbooks built at the same time with different folders would share the
 * later one's folder. The job writes its two workbooks at the same time, into the one temp folder.
 *
 * <p>Not thread-safe; one thread writes a workbook.
 */
public final class ReportWorkbook implements AutoCloseable {

    /** Rows kept in memory per sheet before SXSSF flushes them to its temp file. */
    static final int ROW_WINDOW = 200;
    static final String CREATOR = "cbec-etl";
    static final String RUN_ID_PROPERTY = "runId";

    private final SXSSFWorkbook workbook;
    private final WorkbookStyles styles;
    private final Map<String, SheetCanvas> sheets = new LinkedHashMap<>();
    private final Set<String> tableNames = new HashSet<>();
    private boolean written;
    private boolean closed;
    /** Where the writing is, for a progress line logged from another thread; written by the writer's only. */
    private volatile String sheetInProgress = "";
    private volatile long rowsWritten;

    /** @param tempDir where SXSSF keeps its temp files (the job's own temp folder); created if missing */
    public ReportWorkbook(Path tempDir) {
        Objects.requireNonNull(tempDir, "tempDir");
        try {
            Files.createDirectories(tempDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the temp folder " + tempDir, e);
        }
        // Global in POI (see the class comment); it must be set before the first sheet makes a temp file.
        TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(tempDir.toFile()));
        // Compressed temp files: sheet XML shrinks ~10x, for little CPU. No shared strings table:
        // POI keeps it entirely in memory, which defeats streaming on big sheets (rejected rows);
        // inline strings cost some file size, which the zip compression mostly wins back.
        this.workbook = new FastDeflateWorkbook();
        this.styles = new WorkbookStyles(workbook);
    }

    /**
     * Deflates at the fastest level, in its temp files and in the published file alike. Why: with the
     * default level, compressing a million report rows twice (into the temp file, then into the
     * workbook) was a quarter of the report step's time; the fastest level takes about a third of that
     * and the workbook comes out some 20% larger, which Excel and WPS open no slower.
     */
    private static final class FastDeflateWorkbook extends SXSSFWorkbook {

        FastDeflateWorkbook() {
            super(new XSSFWorkbook(), ROW_WINDOW, true, false);
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            return new StreamingSheetWriter();
        }

        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream stream) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(stream);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }

    /** Sets the core title, creator {@value #CREATOR} and the custom property {@value #RUN_ID_PROPERTY}. */
    public void setProperties(String title, String runId) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(runId, "runId");
        checkWritable();
        POIXMLProperties properties = workbook.getXSSFWorkbook().getProperties();
        properties.getCoreProperties().setTitle(title);
        properties.getCoreProperties().setCreator(CREATOR);
        POIXMLProperties.CustomProperties custom = properties.getCustomProperties();
        CTProperty existing = custom.getProperty(RUN_ID_PROPERTY);
        if (existing != null) {
            existing.setLpwstr(runId);
        } else {
            custom.addProperty(RUN_ID_PROPERTY, runId);
        }
    }

    /**
     * Adds a sheet holding a list; its header row (row 1, bold) is written at once.
     *
     * @throws IllegalArgumentException for a name Excel rejects (over 31 characters, {@code []:*?/\})
     *                                  or one already used (names compare ignoring case)
     */
    public ListSheet listSheet(String name, List<Column> columns) {
        Objects.requireNonNull(name, "name");
        checkWritable();
        WorkbookUtil.validateSheetName(name);
        if (workbook.getSheet(name) != null) {
            throw new IllegalArgumentException("The workbook already has a sheet named '" + name + "'");
        }
        sheetInProgress = name;
        SheetCanvas canvas = new SheetCanvas(this, workbook.createSheet(name));
        sheets.put(name, canvas);
        return new ListSheet(canvas, styles, columns);
    }

    /**
     * Adds a chart to {@code sheet}: {@code barColumn} as columns and {@code lineColumn} as a line on a
     * secondary axis at the right, over categories from {@code categoryColumn}, with a legend below.
     * Call it after writing the rows it plots.
     *
     * @param firstDataRow first row plotted, 1-based as Excel shows it (2 for the row under the header)
     * @param lastDataRow  last row plotted, 1-based, inclusive (leave out a Total row); at most row
     *                     {@value SheetCanvas#CHART_SOURCE_ROWS}
     * @param categoryColumn 0-based column index (A = 0), as are {@code barColumn} and {@code lineColumn}
     * @param anchorCol    0-based column of the chart's top-left corner (e.g. the list's column count + 1)
     * @param anchorRow    0-based row of the chart's top-left corner (0 = level with the header)
     */
    public void addColumnLineChart(ListSheet sheet, String title, int firstDataRow, int lastDataRow,
                                   int categoryColumn, int barColumn, String barTitle,
                                   int lineColumn, String lineTitle, int anchorCol, int anchorRow) {
        Objects.requireNonNull(sheet, "sheet");
        checkWritable();
        SheetCanvas canvas = sheet.canvas();
        if (canvas.owner != this) {
            throw new IllegalArgumentException("Sheet '" + sheet.name() + "' belongs to another workbook");
        }
        if (firstDataRow < 1 || lastDataRow < firstDataRow) {
            throw new IllegalArgumentException("Chart rows " + firstDataRow + ".." + lastDataRow + " are not a range of 1-based rows");
        }
        if (lastDataRow > SheetCanvas.CHART_SOURCE_ROWS) {
            throw new IllegalArgumentException("A chart plots rows up to " + SheetCanvas.CHART_SOURCE_ROWS + ", not " + lastDataRow);
        }
        int columns = sheet.columns().size();
        for (int column : new int[] {categoryColumn, barColumn, lineColumn}) {
            if (column < 0 || column >= columns) {
                throw new IllegalArgumentException("Chart column " + column + " is outside the sheet's 0-based columns 0.." + (columns - 1));
            }
        }
        if (anchorCol < 0 || anchorRow < 0) {
            throw new IllegalArgumentException("The chart anchor is 0-based and cannot be negative");
        }
        ColumnLineChart.draw(canvas, new ColumnLineChart.Spec(Objects.requireNonNull(title, "title"),
                firstDataRow, lastDataRow, categoryColumn, barColumn, Objects.requireNonNull(barTitle, "barTitle"),
                lineColumn, Objects.requireNonNull(lineTitle, "lineTitle"), anchorCol, anchorRow));
    }

    /**
     * Adds a line chart of several series over shared categories to {@code sheet}, with the values given
     * (not read from cells), e.g. downloads per region (series) per month (categories). Each series has one
     * value per category; null is a gap.
     */
    public void addSeriesLineChart(ListSheet sheet, String title, List<String> categories,
                                   Map<String, List<Double>> series, int anchorCol, int anchorRow) {
        Objects.requireNonNull(sheet, "sheet");
        checkWritable();
        if (sheet.canvas().owner != this) {
            throw new IllegalArgumentException("Sheet '" + sheet.name() + "' belongs to another workbook");
        }
        for (Map.Entry<String, List<Double>> s : series.entrySet()) {
            if (s.getValue().size() != categories.size()) {
                throw new IllegalArgumentException("Series '" + s.getKey() + "' has " + s.getValue().size()
                        + " values for " + categories.size() + " categories");
            }
        }
        SeriesLineChart.draw(sheet.canvas(), Objects.requireNonNull(title, "title"), categories, series, anchorCol, anchorRow);
    }

    /**
     * Writes the finished workbook to {@code target}, creating or overwriting it; sheets not yet
     * finished get {@link ListSheet#finish()}. This is a plain write: use {@link #publish(Path)} for a
     * report people may be reading. A workbook is written once.
     */
    public void write(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        checkWritable();
        for (SheetCanvas canvas : sheets.values()) {
            if (!canvas.isFinished()) {
                canvas.primary().finish();
            }
        }
        written = true; // SXSSF closes its sheet streams while writing: no rows after this, no second write
        sheetInProgress = null;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target))) {
            workbook.write(out);
        }
    }

    /** Where the writing is, e.g. "sheet Platform Downloads, 150,000 rows written"; safe from any thread. */
    public String progress() {
        String sheet = sheetInProgress;
        return sheet == null ? String.format("saving the file (%,d rows written)", rowsWritten)
                : String.format("sheet %s, %,d rows written", sheet, rowsWritten);
    }

    /** Counts a row written (single writer thread: the read-modify-write needs no lock). */
    void countRow() {
        rowsWritten++;
    }

    /** Writes the workbook to a temp file beside {@code target} and moves it into place atomically. */
    public void publish(Path target) throws IOException {
        AtomicPublisher.writeAtomically(target, this::write);
    }

    /** Deletes SXSSF's temp files and releases the workbook; safe to call more than once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        workbook.dispose();
        try {
            workbook.close();
        } catch (IOException e) {
            // Nothing was opened from a file, so there is nothing to save or lose here.
            throw new UncheckedIOException(e);
        }
    }

    XSSFWorkbook xssfWorkbook() {
        return workbook.getXSSFWorkbook();
    }

    /** The underlying streaming workbook, for tests and for features this class does not cover yet. */
    SXSSFWorkbook streamingWorkbook() {
        return workbook;
    }

    void checkWritable() {
        if (closed) {
            throw new IllegalStateException("The workbook is closed");
        }
        if (written) {
            throw new IllegalStateException("The workbook has been written; it cannot change any more");
        }
    }

    void claimTableName(String tableName) {
        if (!tableNames.add(tableName.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("The workbook already has a table named '" + tableName + "'");
        }
    }
}
