package io.cbec.etl.source;

/**
 * A rectangular block of cells, such as a merged region. Rows are 1-based like
 * {@link SourceRow#rowNumber()}; columns are 0-based like the index into {@link SourceRow#cells()}.
 * Bounds are inclusive.
 */
public record CellRange(int firstRow, int lastRow, int firstColumn, int lastColumn) {

    public CellRange {
        if (firstRow < 1 || lastRow < firstRow || firstColumn < 0 || lastColumn < firstColumn) {
            throw new IllegalArgumentException("bad range rows " + firstRow + "-" + lastRow
                    + ", columns " + firstColumn + "-" + lastColumn);
        }
    }

    /** Parses an A1-style reference such as {@code B5:D7} or {@code C3}. */
    public static CellRange parse(String a1) {
        String[] ends = a1.trim().split(":", 2);
        int[] first = parseCell(ends[0]);
        int[] last = ends.length == 2 ? parseCell(ends[1]) : first;
        return new CellRange(Math.min(first[0], last[0]), Math.max(first[0], last[0]),
                Math.min(first[1], last[1]), Math.max(first[1], last[1]));
    }

    public boolean contains(int row, int column) {
        return row >= firstRow && row <= lastRow && column >= firstColumn && column <= lastColumn;
    }

    /** As Excel writes it, e.g. {@code B5:D7}. */
    public String toA1() {
        return SourceRow.columnLetters(firstColumn) + firstRow + ":" + SourceRow.columnLetters(lastColumn) + lastRow;
    }

    /** Returns {row (1-based), column (0-based)}; absolute markers ($) are ignored. */
    private static int[] parseCell(String ref) {
        int column = 0;
        int row = 0;
        int letters = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = Character.toUpperCase(ref.charAt(i));
            if (ch == '$') {
                continue;
            }
            if (ch >= 'A' && ch <= 'Z' && row == 0) {
                column = column * 26 + (ch - 'A' + 1);
                letters++;
            } else if (ch >= '0' && ch <= '9' && letters > 0 && row < 10_000_000) {
                row = row * 10 + (ch - '0');
            } else {
                throw new IllegalArgumentException("not a cell reference: " + ref);
            }
        }
        if (letters == 0 || letters > 3 || row == 0) {
            throw new IllegalArgumentException("not a cell reference: " + ref);
        }
        return new int[] {row, column - 1};
    }
}
