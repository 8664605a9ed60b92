package io.cbec.etl.kind;

import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.FileType;
import io.cbec.etl.source.SourceRow;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one classified sheet is read: which kind, where its header is, which column holds which field,
 * and the context its title rows give. Built by the inventory step and stored, so a restarted ingest
 * reads the sheet exactly as planned.
 *
 * @param columns field name to 0-based column index
 * @param headers 0-based column index to the header text as written (for messages)
 */
public record SheetPlan(int fileNo, String fileName, Path path, FileType fileType, int sheetNo, String sheetName,
                        String kindId, int headerRow, Map<String, Integer> columns, Map<Integer, String> headers,
                        SheetContext context) {

    /**
     * Joins the upper and the lower cell of a column's header in {@link #headers} when the header spans two rows
     * (出口额（亿元） merged over 1月 | 2月): a line break, which no cleaned header text holds.
     */
    public static final String HEADER_ROWS = "\n";

    public Integer column(String field) {
        return columns.get(field);
    }

    public boolean has(String field) {
        return columns.containsKey(field);
    }

    /**
     * "C (批次)": the column's letter and its header, as a person finds it in the sheet; a header of two rows as
     * "C (出口额（亿元） / 2月)".
     */
    public String describeColumn(int column) {
        String header = header(column);
        String letters = SourceRow.columnLetters(column);
        return header == null || header.isBlank() ? letters : letters + " (" + header + ")";
    }

    /** The column's header as written, its two rows (if it has two) joined by " / "; null when it has none. */
    public String header(int column) {
        String header = headers.get(column);
        return header == null ? null : header.replace(HEADER_ROWS, " / ");
    }

    /** The cell's text, cleaned; null when the column is absent or the cell is empty or blank. */
    public static String cellText(SourceRow row, Integer column) {
        if (column == null) {
            return null;
        }
        CellValue cell = row.cell(column);
        if (cell == null) {
            return null;
        }
        String text = TextNormaliser.clean(cell.raw());
        return text.isEmpty() ? null : text;
    }

    /** A rejection naming the column as the user finds it (letter and header) and the cell's value as written. */
    public RowOutcome.Rejected reject(int column, CellValue cell, String reason) {
        return new RowOutcome.Rejected(describeColumn(column), cell == null ? "" : cell.raw(), reason);
    }

    /**
     * A rejection when the cell at a column holds a formula without a usable value — an error such as #REF!,
     * or a formula never calculated — which must never be read as 0; empty otherwise.
     */
    public Optional<RowOutcome.Rejected> unusableCell(SourceRow row, int column) {
        CellValue cell = row.cell(column);
        if (cell instanceof CellValue.Error e) {
            return Optional.of(reject(column, cell, "formula error " + e.code() + " in the cell: fix the formula"));
        }
        if (cell instanceof CellValue.Uncalculated) {
            return Optional.of(reject(column, cell, "formula not calculated; open and save the file in Excel"));
        }
        return Optional.empty();
    }

    /** {@link #unusableCell(SourceRow, int)} for the first mapped column that has one. */
    public Optional<RowOutcome.Rejected> unusableCell(SourceRow row) {
        for (int column : columns.values()) {
            Optional<RowOutcome.Rejected> bad = unusableCell(row, column);
            if (bad.isPresent()) {
                return bad;
            }
        }
        return Optional.empty();
    }

    public String place(int row) {
        return fileName + "!" + sheetName + "!" + row;
    }

    public List<String> fieldsInOrder() {
        return columns.entrySet().stream().sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList();
    }
}
