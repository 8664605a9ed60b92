package io.cbec.etl.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One physical row of a sheet. {@code rowNumber} is 1-based as the spreadsheet shows it (for CSV: the
 * line's record number, header included). {@code cells} is indexed by 0-based column; an empty cell is
 * {@code null}. Trailing empty cells may be absent. {@code mergedDown}: for each cell holding the value of a
 * merged region that spans several rows (the region's own cell, or its value copied down by
 * {@link MergedRegionFill}), that region, by column; a kind that must not read one value for several rows
 * (a figure) asks {@link #mergedDown(int)}.
 */
public record SourceRow(int rowNumber, List<CellValue> cells, Map<Integer, CellRange> mergedDown) {

    public SourceRow {
        cells = Collections.unmodifiableList(new ArrayList<>(cells));
        mergedDown = Map.copyOf(mergedDown);
    }

    public SourceRow(int rowNumber, List<CellValue> cells) {
        this(rowNumber, cells, Map.of());
    }

    public CellValue cell(int column) {
        return column >= 0 && column < cells.size() ? cells.get(column) : null;
    }

    /** The merged region spanning several rows whose value the cell holds, or null. */
    public CellRange mergedDown(int column) {
        return mergedDown.get(column);
    }

    public boolean isBlank() {
        for (CellValue c : cells) {
            if (c != null && !(c instanceof CellValue.Text t && t.text().isBlank())) {
                return false;
            }
        }
        return true;
    }

    /** Spreadsheet column letters for a 0-based index: 0 is A, 26 is AA. */
    public static String columnLetters(int column) {
        StringBuilder sb = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            sb.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return sb.toString();
    }
}
