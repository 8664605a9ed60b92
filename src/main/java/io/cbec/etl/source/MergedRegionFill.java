package io.cbec.etl.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies the merged-cell rule to a row stream: <em>the value of a merged region applies to every row it
 * spans</em>. The value of the region's top-left cell is copied into the region's first column in each
 * later row of the region that the stream returns. Other columns of the region stay empty, as Excel shows
 * them, so a title merged across A1:F1 is not repeated six times. Rows with no value of their own are
 * still skipped: a row made only of the lower part of a merged cell is not a record. Each row says which of its
 * cells hold a region's value ({@link SourceRow#mergedDown}): a zone or a period may apply to several rows, a
 * figure may not.
 *
 * <p>Memory: one value per region whose top row has been seen and whose last row has not.
 */
public final class MergedRegionFill implements RowStream {

    private final RowStream rows;
    /** Regions by first row; consumed as the stream reaches them. */
    private final List<CellRange> pending;
    private int nextPending;
    private final Map<CellRange, CellValue> open = new HashMap<>();

    private MergedRegionFill(RowStream rows, List<CellRange> regions) {
        this.rows = rows;
        this.pending = new ArrayList<>(regions);
        this.pending.sort(Comparator.comparingInt(CellRange::firstRow));
    }

    public static RowStream fill(RowStream rows, List<CellRange> regions) {
        return new MergedRegionFill(rows, regions);
    }

    @Override
    public SourceRow next() throws SourceException {
        SourceRow row = rows.next();
        if (row == null) {
            return null;
        }
        int number = row.rowNumber();
        // Regions whose top row was skipped (blank) or passed have no value to spread.
        while (nextPending < pending.size() && pending.get(nextPending).firstRow() <= number) {
            CellRange region = pending.get(nextPending++);
            if (region.firstRow() == number && region.lastRow() > number) {
                CellValue value = row.cell(region.firstColumn());
                if (value != null) {
                    open.put(region, value);
                }
            }
        }
        open.keySet().removeIf(region -> region.lastRow() < number);
        if (open.isEmpty()) {
            return row;
        }
        List<CellValue> cells = new ArrayList<>(row.cells());
        Map<Integer, CellRange> mergedDown = new HashMap<>();
        for (Map.Entry<CellRange, CellValue> entry : open.entrySet()) {
            CellRange region = entry.getKey();
            if (region.firstRow() == number) {
                mergedDown.put(region.firstColumn(), region); // the region's own cell
            } else if (row.cell(region.firstColumn()) == null) {
                while (cells.size() <= region.firstColumn()) {
                    cells.add(null);
                }
                cells.set(region.firstColumn(), entry.getValue());
                mergedDown.put(region.firstColumn(), region);
            }
        }
        return new SourceRow(number, cells, mergedDown);
    }

    @Override
    public void close() throws SourceException {
        rows.close();
    }
}
