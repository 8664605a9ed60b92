package io.cbec.etl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.poi.hssf.record.DateWindow1904Record;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsReaderTest {

    @TempDir
    Path dir;

    private Path workbook(boolean date1904) throws Exception {
        HSSFWorkbook wb = new HSSFWorkbook();
        if (date1904) {
            ((DateWindow1904Record) wb.getInternalWorkbook().findFirstRecordBySid(DateWindow1904Record.sid)).setWindowing((short) 1);
        }
        CellStyle dateStyle = wb.createCellStyle();
        dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
        HSSFSheet sheet = wb.createSheet("Zones");
        sheet.createRow(0).createCell(0).setCellValue("Batch 7 (approved 14 Nov 2022)");
        sheet.addMergedRegion(CellRangeAddress.valueOf("A1:D1"));
        Row header = sheet.createRow(2);
        header.createCell(0).setCellValue("City");
        header.createCell(1).setCellValue("Approved");
        header.createCell(2).setCellValue("Active");
        header.createCell(3).setCellValue("Ratio");
        Row data = sheet.createRow(3);
        data.createCell(0).setCellValue("Hangzhou");
        data.createCell(1).setCellValue(date1904 ? 44879 - 1462 : 44879);
        data.getCell(1).setCellStyle(dateStyle);
        data.createCell(2).setCellValue(true);
        Cell ratio = data.createCell(3);
        ratio.setCellFormula("1/0");
        ratio.setCellErrorValue(FormulaError.DIV0.getCode());
        Row sparse = sheet.createRow(6);
        sparse.createCell(0).setCellValue(12.5);
        sparse.createCell(3).setCellFormula("A7*2");
        sparse.getCell(3).setCellValue(25);
        sheet.createRow(5).createCell(1).setCellValue(""); // formatted but empty
        wb.createSheet("Old").createRow(0).createCell(0).setCellValue("hidden");
        wb.setSheetVisibility(1, SheetVisibility.HIDDEN);
        return Fixtures.write(wb, dir.resolve(date1904 ? "mac.xls" : "book.xls"));
    }

    @Test
    void readsTextNumbersDatesBooleansErrorsAndFormulaResults() throws Exception {
        Path file = workbook(false);
        String before = Fixtures.sha256(file);
        try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLS);
             RowStream rows = book.rows(book.sheets().get(0))) {
            assertThat(rows.next().rowNumber()).isEqualTo(1);
            SourceRow header = rows.next();
            assertThat(header.rowNumber()).isEqualTo(3);
            SourceRow data = rows.next();
            assertThat(data.rowNumber()).isEqualTo(4);
            assertThat(data.cells()).containsExactly(new CellValue.Text("Hangzhou"),
                    new CellValue.DateTime(LocalDateTime.of(2022, 11, 14, 0, 0), "yyyy-mm-dd"),
                    new CellValue.Bool(true), new CellValue.Error("#DIV/0!"));
            SourceRow sparse = rows.next();
            assertThat(sparse.rowNumber()).isEqualTo(7);
            assertThat(sparse.cells()).containsExactly(new CellValue.Numeric(12.5, null), null, null,
                    new CellValue.Numeric(25, null));
            assertThat(rows.next()).isNull();
        }
        assertThat(Fixtures.sha256(file)).isEqualTo(before);
    }

    @Test
    void aFormulaWhoseCachedResultIsTheEmptyStringIsBlank() throws Exception {
        HSSFWorkbook wb = new HSSFWorkbook();
        Row row = wb.createSheet("S").createRow(0);
        row.createCell(0).setCellValue("杭州市");
        Cell empty = row.createCell(1);
        empty.setCellFormula("IF(1>0,\"\",\"x\")");
        empty.setCellValue(""); // cached as Excel stores a "" result: the record's empty-string value
        row.createCell(2).setCellValue(5);
        try (SpreadsheetFile book = SpreadsheetFiles.open(Fixtures.write(wb, dir.resolve("empty.xls")), FileType.XLS)) {
            assertThat(Fixtures.dump(book, book.sheets().get(0))).containsExactly("1: 杭州市||5");
        }
    }

    @Test
    void convertsDatesWithThe1904DateSystem() throws Exception {
        try (SpreadsheetFile book = SpreadsheetFiles.open(workbook(true), FileType.XLS);
             RowStream rows = book.rows(book.sheets().get(0))) {
            rows.next();
            rows.next();
            CellValue.DateTime date = (CellValue.DateTime) rows.next().cell(1);
            assertThat(date.value().toLocalDate()).isEqualTo(LocalDate.of(2022, 11, 14));
        }
    }

    @Test
    void flagsHiddenSheetsAndListsMergedRegions() throws Exception {
        try (SpreadsheetFile book = SpreadsheetFiles.open(workbook(false), FileType.XLS)) {
            assertThat(book.sheets()).containsExactly(new SheetInfo(0, "Zones", SheetInfo.Visibility.VISIBLE),
                    new SheetInfo(1, "Old", SheetInfo.Visibility.HIDDEN));
            assertThat(Fixtures.dump(book, book.sheets().get(1))).containsExactly("1: hidden");
            assertThat(SpreadsheetFiles.mergedRegions(book, book.sheets().get(0))).containsExactly(CellRange.parse("A1:D1"));
        }
    }

    @Test
    void refusesAPasswordProtectedWorkbook() throws Exception {
        HSSFWorkbook wb = new HSSFWorkbook();
        wb.createSheet("S").createRow(0).createCell(0).setCellValue("secret");
        Path file;
        Biff8EncryptionKey.setCurrentUserPassword("pass");
        try {
            file = Fixtures.write(wb, dir.resolve("locked.xls"));
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        assertThat(FileTypeDetector.detect(file).type()).isEqualTo(FileType.XLS);
        assertThatThrownBy(() -> SpreadsheetFiles.open(file, FileType.XLS))
                .isInstanceOf(SourceException.class).hasMessageStartingWith("encrypted workbook");
    }
}
