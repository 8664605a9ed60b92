package io.cbec.etl.source;

import java.nio.file.Path;
import java.util.List;

/**
 * Opens source files read-only for streaming, whatever their format. Detect the type first with
 * {@link FileTypeDetector#detect}; the extension is never trusted.
 *
 * <h2>Rows</h2>
 * Every reader returns only rows with at least one non-empty cell (an empty string is an empty cell),
 * numbered as the user sees them: the sheet's 1-based row number, or for CSV the physical line on which
 * the record starts (they differ from Excel's row only after a quoted field with a line break). Text is
 * returned exactly as stored. Formula cells give their cached result; an error result is
 * {@link CellValue.Error} and a formula without a cached result is {@link CellValue.Uncalculated}.
 *
 * <h2>Merged cells</h2>
 * Row streams return cells as stored: only the top-left cell of a merged region holds a value. The
 * job's rule is: <em>the value of a merged region applies to every row it spans</em>, in the region's
 * first column. {@link #mergedRegions} lists the regions of a sheet (for .xlsx by a fast pre-scan,
 * because the sheet XML lists them after the rows), and {@link MergedRegionFill#fill} applies the rule
 * to a row stream.
 */
public final class SpreadsheetFiles {

    static {
        // The entry point applies the limits at start-up; this covers readers used on their own.
        PoiLimits.apply();
    }

    private SpreadsheetFiles() {
    }

    /**
     * Opens {@code file} as {@code type}: .xlsx/.xlsm streamed from the zip, .xls loaded (at most 65,536
     * rows a sheet), CSV streamed. Refused types throw with their {@link FileType#problem()}.
     */
    public static SpreadsheetFile open(Path file, FileType type) throws SourceException {
        return switch (type) {
            case XLSX -> XlsxFile.open(file);
            case XLS -> XlsFile.open(file);
            case CSV -> CsvFile.open(file);
            default -> throw new SourceException(type.problem());
        };
    }

    /**
     * The merged regions of a sheet of a file opened here (empty for CSV and for files opened elsewhere).
     * For .xlsx this reads the sheet part once more up to {@code </mergeCells>}; the result is cached.
     */
    public static List<CellRange> mergedRegions(SpreadsheetFile file, SheetInfo sheet) throws SourceException {
        if (file instanceof XlsxFile xlsx) {
            return xlsx.mergedRegions(sheet);
        }
        if (file instanceof XlsFile xls) {
            return xls.mergedRegions(sheet);
        }
        return List.of();
    }

    /** The sheet's rows with the merged-region rule applied: see {@link MergedRegionFill}. */
    public static RowStream rowsWithMergedValues(SpreadsheetFile file, SheetInfo sheet) throws SourceException {
        List<CellRange> regions = mergedRegions(file, sheet);
        RowStream rows = file.rows(sheet);
        return regions.isEmpty() ? rows : MergedRegionFill.fill(rows, regions);
    }
}
