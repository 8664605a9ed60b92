package io.cbec.etl.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * A reader for Excel 97-2003 (.xls). The OLE2 container is opened read-only and the workbook is loaded
 * whole: the format caps a sheet at 65,536 rows, so memory is bounded by the format itself. Rows are
 * still handed out one at a time like the other readers.
 */
final class XlsFile implements SpreadsheetFile {

    private final POIFSFileSystem fs;
    private final HSSFWorkbook workbook;
    private final boolean date1904;
    private final List<SheetInfo> sheets;

    private XlsFile(POIFSFileSystem fs, HSSFWorkbook workbook) {
        this.fs = fs;
        this.workbook = workbook;
        this.date1904 = workbook.getInternalWorkbook().isUsing1904DateWindowing();
        List<SheetInfo> found = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            SheetInfo.Visibility visibility = switch (workbook.getSheetVisibility(i)) {
                case VISIBLE -> SheetInfo.Visibility.VISIBLE;
                case HIDDEN -> SheetInfo.Visibility.HIDDEN;
                case VERY_HIDDEN -> SheetInfo.Visibility.VERY_HIDDEN;
            };
            found.add(new SheetInfo(i, workbook.getSheetName(i), visibility));
        }
        this.sheets = List.copyOf(found);
    }

    static XlsFile open(Path file) throws SourceException {
        POIFSFileSystem fs;
        try {
            fs = new POIFSFileSystem(file.toFile(), true);
        } catch (Exception | OutOfMemoryError e) {
            throw PoiFailures.translate("workbook", e);
        }
        try {
            return new XlsFile(fs, new HSSFWorkbook(fs.getRoot(), true));
        } catch (Exception | OutOfMemoryError e) {
            closeQuietly(fs);
            throw PoiFailures.translate("workbook", e);
        }
    }

    @Override
    public List<SheetInfo> sheets() {
        return sheets;
    }

    @Override
    public RowStream rows(SheetInfo sheet) {
        Sheet hssfSheet = sheetOf(sheet);
        Iterator<Row> rows = hssfSheet.rowIterator();
        String name = sheet.name();
        return new RowStream() {
            @Override
            public SourceRow next() throws SourceException {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    SourceRow converted = convert(name, row);
                    if (converted != null) {
                        return converted;
                    }
                }
                return null;
            }

            @Override
            public void close() {
                // the workbook is closed with the file
            }
        };
    }

    /** The merged regions as the sheet records them. */
    List<CellRange> mergedRegions(SheetInfo sheet) {
        List<CellRange> regions = new ArrayList<>();
        for (CellRangeAddress address : sheetOf(sheet).getMergedRegions()) {
            regions.add(new CellRange(address.getFirstRow() + 1, address.getLastRow() + 1,
                    address.getFirstColumn(), address.getLastColumn()));
        }
        return List.copyOf(regions);
    }

    private Sheet sheetOf(SheetInfo sheet) {
        if (sheet.index() < 0 || sheet.index() >= sheets.size() || !sheets.get(sheet.index()).equals(sheet)) {
            throw new IllegalArgumentException("sheet " + sheet + " is not from this file");
        }
        return workbook.getSheetAt(sheet.index());
    }

    private SourceRow convert(String sheetName, Row row) throws SourceException {
        List<CellValue> cells = new ArrayList<>();
        boolean anyValue = false;
        for (Cell cell : row) {
            CellValue value;
            try {
                value = valueOf(cell);
            } catch (RuntimeException e) {
                throw new SourceException("sheet " + sheetName + " cell " + cell.getAddress().formatAsString()
                        + ": unreadable cell (" + e.getMessage() + ")", e);
            }
            if (value != null) {
                while (cells.size() <= cell.getColumnIndex()) {
                    cells.add(null);
                }
                cells.set(cell.getColumnIndex(), value);
                anyValue = true;
            }
        }
        return anyValue ? new SourceRow(row.getRowNum() + 1, cells) : null;
    }

    private CellValue valueOf(Cell cell) {
        CellType type = cell.getCellType();
        // Formula cells carry the result Excel last calculated; xls always stores one, so unlike xlsx there
        // is no "never calculated" to detect. An empty cached string is how Excel and LibreOffice store a
        // result of "" (=IF(A1>0,"","x")) and is read as blank. (xlwt writes that same empty result for
        // every formula it writes; nothing in the record tells the two apart.)
        CellType result = type == CellType.FORMULA ? cell.getCachedFormulaResultType() : type;
        return switch (result) {
            case STRING -> {
                String text = cell.getStringCellValue();
                yield text == null || text.isEmpty() ? null : new CellValue.Text(text);
            }
            case NUMERIC -> number(cell);
            case BOOLEAN -> new CellValue.Bool(cell.getBooleanCellValue());
            case ERROR -> new CellValue.Error(errorCode(cell.getErrorCellValue()));
            case BLANK, _NONE, FORMULA -> null;
        };
    }

    private CellValue number(Cell cell) {
        double value = cell.getNumericCellValue();
        String format = cell.getCellStyle().getDataFormatString();
        if (format == null || cell.getCellStyle().getDataFormat() == 0 || format.equalsIgnoreCase("General")) {
            format = null;
        }
        if (format != null && DateUtil.isCellDateFormatted(cell) && DateUtil.isValidExcelDate(value)) {
            return new CellValue.DateTime(DateUtil.getLocalDateTime(value, date1904), format);
        }
        return new CellValue.Numeric(value, format);
    }

    private static String errorCode(byte code) {
        try {
            return FormulaError.forInt(code).getString();
        } catch (IllegalArgumentException e) {
            return "#ERROR(" + code + ")";
        }
    }

    @Override
    public void close() throws SourceException {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new SourceException("could not close the workbook (" + e.getMessage() + ")", e);
        } finally {
            closeQuietly(fs);
        }
    }

    private static void closeQuietly(POIFSFileSystem fs) {
        try {
            fs.close();
        } catch (IOException ignored) {
            // opened read-only: nothing to lose
        }
    }
}
