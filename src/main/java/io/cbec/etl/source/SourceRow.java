package io.cbec.etl.source;

import java.util.List;

/**
 * One physical row of a sheet. {@code rowNumber} is 1-based as the spreadsheet shows it (for CSV: the
 * line's record number, header included). {@code cells} is indexed by 0-based column; an empty cell is
 * {@code null}. Trailing empty cells may be absent.
 */
public record SourceRow(int rowNumber, List<CellValue> cells) {

    public SourceRow {
        cells = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(cells));
    }

    public CellValue cell(int column) {
        return column >= 0 && column < cells.size() ? cells.get(column) : null;
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
