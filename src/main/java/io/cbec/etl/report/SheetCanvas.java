package io.cbec.etl.report;

import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * One worksheet shared by the blocks written on it (a list, then perhaps blocks below it): where the
 * next row goes, the widths seen so far, and the first rows' values kept for chart caches.
 */
final class SheetCanvas {

    /**
     * Rows (0-based index below this) whose values are kept so a chart can carry cached values:
     * SXSSF flushes rows to disk, and a chart over more categories than this is unreadable anyway.
     */
    static final int CHART_SOURCE_ROWS = 1_001;

    final ReportWorkbook owner;
    final SXSSFSheet sheet;
    final ColumnWidthTracker widths = new ColumnWidthTracker();
    private final Map<Integer, Object[]> chartSourceRows = new HashMap<>();
    private int nextRowIndex;
    private ListSheet currentBlock;
    /** The list the sheet was created with: freeze, autofilter and table refer to it. */
    private ListSheet primary;
    private boolean finished;

    SheetCanvas(ReportWorkbook owner, SXSSFSheet sheet) {
        this.owner = owner;
        this.sheet = sheet;
    }

    String name() {
        return sheet.getSheetName();
    }

    /** The sheet under the stream, where tables and charts have to be created (see poi-notes.md). */
    XSSFSheet templateSheet() {
        return owner.xssfWorkbook().getSheet(sheet.getSheetName());
    }

    int claimRow(ListSheet block) {
        if (finished) {
            throw new IllegalStateException("Sheet '" + name() + "' is finished; no more rows can be written");
        }
        if (currentBlock != null && currentBlock != block) {
            throw new IllegalStateException("Sheet '" + name() + "' has a block below this one; rows here would overlap it");
        }
        owner.checkWritable();
        int maxRows = SpreadsheetVersion.EXCEL2007.getMaxRows();
        if (nextRowIndex >= maxRows) {
            throw new IllegalStateException("Sheet '" + name() + "' is full: Excel holds at most " + maxRows + " rows");
        }
        currentBlock = block;
        return nextRowIndex++;
    }

    ListSheet primary() {
        return primary;
    }

    void registerBlock(ListSheet block) {
        if (primary == null) {
            primary = block;
        }
    }

    /** Leaves the blank row between {@code above} and a new block; the next claim opens that block. */
    void startBlockBelow(ListSheet above) {
        claimRow(above);
        currentBlock = null;
    }

    void keepForCharts(int rowIndex, Object[] values) {
        if (rowIndex < CHART_SOURCE_ROWS) {
            chartSourceRows.put(rowIndex, values.clone());
        }
    }

    /** The value written at (rowIndex, column), or null; only for rows below {@link #CHART_SOURCE_ROWS}. */
    Object chartSourceValue(int rowIndex, int column) {
        Object[] values = chartSourceRows.get(rowIndex);
        return values == null || column >= values.length ? null : values[column];
    }

    boolean isFinished() {
        return finished;
    }

    void markFinished() {
        finished = true;
    }
}
