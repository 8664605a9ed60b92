package io.cbec.etl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxReaderTest {

    /** 14 Nov 2022 as a serial number in each date system. */
    private static final double SERIAL_1900 = 44879;
    private static final double SERIAL_1904 = SERIAL_1900 - 1462;

    @TempDir
    Path dir;

    private Path basicWorkbook(boolean date1904) throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        if (date1904) {
            wb.getCTWorkbook().getWorkbookPr().setDate1904(true);
        }
        CellStyle dateStyle = wb.createCellStyle();
        dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
        CellStyle amountStyle = wb.createCellStyle();
        amountStyle.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
        XSSFSheet sheet = wb.createSheet("Zones");
        Row header = sheet.createRow(0);
        header.createCell(0).setCellValue("城市");
        header.createCell(1).setCellValue("Amount");
        header.createCell(2).setCellValue("批复日期");
        header.createCell(3).setCellValue("Active");
        header.createCell(4).setCellValue("Plain");
        Row data = sheet.createRow(1);
        data.createCell(0).setCellValue("杭州");
        data.createCell(1).setCellValue(1234.5);
        data.getCell(1).setCellStyle(amountStyle);
        data.createCell(2).setCellValue(date1904 ? SERIAL_1904 : SERIAL_1900);
        data.getCell(2).setCellStyle(dateStyle);
        data.createCell(3).setCellValue(true);
        data.createCell(4).setCellValue(7);
        return Fixtures.write(wb, dir.resolve(date1904 ? "mac.xlsx" : "book.xlsx"));
    }

    @Test
    void readsTextNumbersDatesAndBooleansWithTheirFormats() throws Exception {
        Path file = basicWorkbook(false);
        try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX);
             RowStream rows = book.rows(book.sheets().get(0))) {
            assertThat(book.sheets()).containsExactly(new SheetInfo(0, "Zones", SheetInfo.Visibility.VISIBLE));
            SourceRow header = rows.next();
            assertThat(header.rowNumber()).isEqualTo(1);
            assertThat(header.cells()).containsExactly(new CellValue.Text("城市"), new CellValue.Text("Amount"),
                    new CellValue.Text("批复日期"), new CellValue.Text("Active"), new CellValue.Text("Plain"));
            SourceRow data = rows.next();
            assertThat(data.rowNumber()).isEqualTo(2);
            assertThat(data.cell(0)).isEqualTo(new CellValue.Text("杭州"));
            assertThat(data.cell(1)).isEqualTo(new CellValue.Numeric(1234.5, "#,##0.00"));
            assertThat(data.cell(2)).isEqualTo(new CellValue.DateTime(LocalDateTime.of(2022, 11, 14, 0, 0), "yyyy-mm-dd"));
            assertThat(data.cell(3)).isEqualTo(new CellValue.Bool(true));
            assertThat(data.cell(4)).isEqualTo(new CellValue.Numeric(7, null));
            assertThat(rows.next()).isNull();
        }
    }

    @Test
    void convertsDatesWithThe1904DateSystem() throws Exception {
        Path file = basicWorkbook(true);
        try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX);
             RowStream rows = book.rows(book.sheets().get(0))) {
            rows.next();
            CellValue date = rows.next().cell(2);
            assertThat(date).isInstanceOf(CellValue.DateTime.class);
            assertThat(((CellValue.DateTime) date).value().toLocalDate()).isEqualTo(LocalDate.of(2022, 11, 14));
        }
    }

    /** Cell forms POI does not write on its own, written as sheet XML into a POI-made workbook. */
    private Path handWrittenSheet(String sheetData, String after) throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        CellStyle dateStyle = wb.createCellStyle(); // style index 1
        dateStyle.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
        wb.createSheet("Raw").createRow(0).createCell(0).setCellValue("shared one"); // shared string 0
        Path file = Fixtures.write(wb, dir.resolve("raw.xlsx"));
        return Fixtures.replaceEntries(file, Map.of("xl/worksheets/sheet1.xml", Fixtures.sheetXml(sheetData, after)));
    }

    @Test
    void readsErrorsUncalculatedFormulasInlineStringsAndFormulaStrings() throws Exception {
        Path file = handWrittenSheet("""
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
                <c r="C1"><f>SUM(A2:A9)</f></c><c r="D1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>\
                <row r="2"><c r="A2" t="inlineStr"><is><t>plain inline</t></is></c>\
                <c r="B2" t="inlineStr"><is><r><rPr><b/></rPr><t>rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></is></c>\
                <c r="C2" t="b"><v>0</v></c><c r="D2" s="1"><v>44879.5</v></c><c r="E2" t="e"><v>#REF!</v></c></row>""", "");
        try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX);
             RowStream rows = book.rows(book.sheets().get(0))) {
            SourceRow first = rows.next();
            assertThat(first.cells()).containsExactly(new CellValue.Text("shared one"), new CellValue.Error("#DIV/0!"),
                    new CellValue.Uncalculated("SUM(A2:A9)"), new CellValue.Text("ab"));
            SourceRow second = rows.next();
            assertThat(second.cells()).containsExactly(new CellValue.Text("plain inline"), new CellValue.Text("rich text"),
                    new CellValue.Bool(false), new CellValue.DateTime(LocalDateTime.of(2022, 11, 14, 12, 0), "yyyy-mm-dd"),
                    new CellValue.Error("#REF!"));
            assertThat(rows.next()).isNull();
        }
    }

    @Test
    void aFormulaWithAnEmptyValueIsUncalculatedUnlessItIsAnEmptyStringResult() throws Exception {
        // Row 1 as openpyxl writes formulas (no type, <v/> or <v></v>), then empty values of other types;
        // row 2 as Excel and LibreOffice write a formula whose result is "", and a plain empty value.
        Path file = handWrittenSheet("""
                <row r="1"><c r="A1"><f>1+2</f><v/></c><c r="B1"><f>SUM(1,2)</f><v></v></c>\
                <c r="C1" t="n"><f>4*2</f><v> </v></c><c r="D1" t="b"><f>TRUE()</f><v/></c>\
                <c r="E1" t="e"><f>1/0</f><v></v></c></row>\
                <row r="2"><c r="A2" t="inlineStr"><is><t>杭州市</t></is></c>\
                <c r="B2" t="str"><f>IF(1&gt;0,"","x")</f><v></v></c><c r="C2"><v/></c><c r="D2"><v>5</v></c></row>""", "");
        try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX)) {
            assertThat(Fixtures.dump(book, book.sheets().get(0))).containsExactly(
                    "1: =1+2|=SUM(1,2)|=4*2|=TRUE()|=1/0", "2: 杭州市|||5");
        }
    }

    @Test
    void keepsSparseColumnsSkipsBlankRowsAndCountsMissingReferences() throws Exception {
        Path file = handWrittenSheet("""
                <row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="D1" t="inlineStr"><is><t>d</t></is></c></row>\
                <row r="2"><c r="A2" s="1"/><c r="B2" t="inlineStr"><is><t></t></is></c><c r="C2" t="s"/></row>\
                <row r="7" spans="1:3"><c r="C7"><v>3</v></c></row>\
                <row><c><v>1</v></c><c><v>2</v></c><c r="E8"><v>5</v></c><c><v>6</v></c></row>""", "");
        try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX)) {
            assertThat(Fixtures.dump(book, book.sheets().get(0))).containsExactly(
                    "1: a|||d", "7: ||3", "8: 1|2|||5|6");
        }
    }

    @Test
    void flagsHiddenAndVeryHiddenSheetsAndStillReadsThem() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        wb.createSheet("Shown").createRow(0).createCell(0).setCellValue("shown");
        wb.createSheet("Hidden").createRow(2).createCell(1).setCellValue("hidden");
        wb.createSheet("Secret").createRow(0).createCell(0).setCellValue("secret");
        wb.setSheetVisibility(1, SheetVisibility.HIDDEN);
        wb.setSheetVisibility(2, SheetVisibility.VERY_HIDDEN);
        Path file = Fixtures.write(wb, dir.resolve("hidden.xlsm"));
        try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX)) {
            assertThat(book.sheets()).extracting(SheetInfo::name, SheetInfo::visibility).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Shown", SheetInfo.Visibility.VISIBLE),
                    org.assertj.core.groups.Tuple.tuple("Hidden", SheetInfo.Visibility.HIDDEN),
                    org.assertj.core.groups.Tuple.tuple("Secret", SheetInfo.Visibility.VERY_HIDDEN));
            assertThat(Fixtures.dump(book, book.sheets().get(1))).containsExactly("3: |hidden");
            assertThat(Fixtures.dump(book, book.sheets().get(2))).containsExactly("1: secret");
        }
    }

    private Path titledSheetWithMerges() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        XSSFSheet sheet = wb.createSheet("第七批");
        sheet.createRow(0).createCell(0).setCellValue("第七批跨境电子商务综合试验区名单（国函〔2022〕126号）");
        sheet.addMergedRegion(CellRangeAddress.valueOf("A1:C1"));
        Row header = sheet.createRow(4);
        header.createCell(0).setCellValue("省份");
        header.createCell(1).setCellValue("城市");
        header.createCell(2).setCellValue("批次");
        String[][] data = {{"浙江", "杭州", "7"}, {null, "宁波", "7"}, {null, "温州", "7"}};
        for (int i = 0; i < data.length; i++) {
            Row row = sheet.createRow(5 + i);
            for (int c = 0; c < 3; c++) {
                if (data[i][c] != null) {
                    row.createCell(c).setCellValue(data[i][c]);
                }
            }
        }
        sheet.addMergedRegion(CellRangeAddress.valueOf("A6:A8"));
        return Fixtures.write(wb, dir.resolve("titled.xlsx"));
    }

    @Test
    void findsHeaderOnRowFiveUnderAMergedTitleWithSheetRowNumbers() throws Exception {
        try (SpreadsheetFile book = SpreadsheetFiles.open(titledSheetWithMerges(), FileType.XLSX)) {
            assertThat(Fixtures.dump(book, book.sheets().get(0))).containsExactly(
                    "1: 第七批跨境电子商务综合试验区名单（国函〔2022〕126号）",
                    "5: 省份|城市|批次",
                    "6: 浙江|杭州|7",
                    "7: |宁波|7",
                    "8: |温州|7");
        }
    }

    @Test
    void listsMergedRegionsAndAppliesTheirValueToEveryRowTheySpan() throws Exception {
        try (SpreadsheetFile book = SpreadsheetFiles.open(titledSheetWithMerges(), FileType.XLSX)) {
            SheetInfo sheet = book.sheets().get(0);
            assertThat(SpreadsheetFiles.mergedRegions(book, sheet)).containsExactlyInAnyOrder(
                    CellRange.parse("A1:C1"), CellRange.parse("A6:A8"));
            List<String> filled = new ArrayList<>();
            try (RowStream rows = SpreadsheetFiles.rowsWithMergedValues(book, sheet)) {
                for (SourceRow row = rows.next(); row != null; row = rows.next()) {
                    filled.add(Fixtures.describe(row));
                }
            }
            assertThat(filled).containsExactly(
                    "1: 第七批跨境电子商务综合试验区名单（国函〔2022〕126号）",
                    "5: 省份|城市|批次",
                    "6: 浙江|杭州|7",
                    "7: 浙江|宁波|7",
                    "8: 浙江|温州|7");
        }
    }

    @Test
    void mergeScanStopsAfterMergeCellsAndIgnoresTheRows() throws Exception {
        Path file = handWrittenSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
                "<mergeCells count=\"1\"><mergeCell ref=\"A1:B2\"/></mergeCells><this-is-never-read");
        try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX)) {
            assertThat(SpreadsheetFiles.mergedRegions(book, book.sheets().get(0)))
                    .containsExactly(new CellRange(1, 2, 0, 1));
        }
    }

    @Test
    void aSheetWithoutMergedCellsIsToldFromItsBytesAndOneWithThemIsScanned() throws Exception {
        Path plain = handWrittenSheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>merge Cell</t></is></c></row>", "");
        try (SpreadsheetFile book = SpreadsheetFiles.open(plain, FileType.XLSX)) {
            assertThat(SpreadsheetFiles.mergedRegions(book, book.sheets().get(0))).isEmpty();
        }
        // The text "mergeCell" in a cell only costs the XML scan, which then finds no region.
        Path mentions = handWrittenSheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>mergeCell</t></is></c></row>", "");
        try (SpreadsheetFile book = SpreadsheetFiles.open(mentions, FileType.XLSX)) {
            assertThat(SpreadsheetFiles.mergedRegions(book, book.sheets().get(0))).isEmpty();
        }
        Path prefixed = handWrittenSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
                "<x:mergeCells xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\">"
                        + "<x:mergeCell ref=\"A1:B2\"/></x:mergeCells>");
        try (SpreadsheetFile book = SpreadsheetFiles.open(prefixed, FileType.XLSX)) {
            assertThat(SpreadsheetFiles.mergedRegions(book, book.sheets().get(0))).containsExactly(new CellRange(1, 2, 0, 1));
        }
    }

    @Test
    void theByteSearchFindsANameSplitBetweenReadsAndAnswersYesForEncodingsItCannotSearch() throws Exception {
        for (int at = 65_530; at <= 65_540; at++) {
            byte[] bytes = ("<" + " ".repeat(at - 1) + "<mergeCell ref=\"A1:B1\"/>").getBytes(StandardCharsets.UTF_8);
            assertThat(XlsxMergeScan.mayHaveMergedCells(new java.io.ByteArrayInputStream(bytes))).as("at %d", at).isTrue();
            // one byte at a time, as a slow stream may hand them
            assertThat(XlsxMergeScan.mayHaveMergedCells(new java.io.FilterInputStream(new java.io.ByteArrayInputStream(bytes)) {
                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    return super.read(b, off, Math.min(len, 7));
                }
            })).isTrue();
        }
        byte[] none = ("<worksheet>" + "<row r=\"1\"/>".repeat(20_000) + "</worksheet>").getBytes(StandardCharsets.UTF_8);
        assertThat(XlsxMergeScan.mayHaveMergedCells(new java.io.ByteArrayInputStream(none))).isFalse();
        byte[] utf16 = "<worksheet><mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells></worksheet>"
                .getBytes(StandardCharsets.UTF_16LE);
        assertThat(XlsxMergeScan.mayHaveMergedCells(new java.io.ByteArrayInputStream(utf16))).as("UTF-16").isTrue();
        byte[] bom = ("\uFEFF<worksheet/>").getBytes(StandardCharsets.UTF_8);
        assertThat(XlsxMergeScan.mayHaveMergedCells(new java.io.ByteArrayInputStream(bom))).as("UTF-8 BOM").isFalse();
    }

    @Test
    void theByteSearchAgreesWithAPlainSearchOnTextMadeOfTheNamesLetters() throws Exception {
        // The search skips bytes (Horspool): text made of the name's own letters is where a skip could go wrong
        java.util.Random random = new java.util.Random(7);
        String letters = "mergeClCell<r=\"1\">";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder("<");
            int length = random.nextInt(n < 1_000 ? 60 : 70_000);
            for (int i = 0; i < length; i++) {
                text.append(letters.charAt(random.nextInt(letters.length())));
            }
            if (random.nextInt(4) == 0) {
                text.insert(1 + random.nextInt(text.length()), "mergeCell");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(XlsxMergeScan.mayHaveMergedCells(new java.io.ByteArrayInputStream(bytes)))
                    .as("text %d", n).isEqualTo(text.indexOf("mergeCell") >= 0);
        }
    }

    @Test
    void leavesTheInputFileUnchanged() throws Exception {
        Path file = titledSheetWithMerges();
        String before = Fixtures.sha256(file);
        var modified = Files.getLastModifiedTime(file);
        try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX)) {
            Fixtures.dump(book, book.sheets().get(0));
            SpreadsheetFiles.mergedRegions(book, book.sheets().get(0));
        }
        assertThat(Fixtures.sha256(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    }

    @Test
    void refusesASheetThatInflatesLikeAZipBombQuickly() throws Exception {
        // 20 MB of spaces compresses about 1000x: far past the 100x limit.
        String padding = " ".repeat(20 * 1024 * 1024);
        Path file = handWrittenSheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + padding, "");
        assertThat(Files.size(file)).isLessThan(1024 * 1024);
        long start = System.nanoTime();
        assertThatThrownBy(() -> {
            try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX)) {
                Fixtures.dump(book, book.sheets().get(0));
            }
        }).isInstanceOf(SourceException.class).hasMessageContaining("zip bomb").hasMessageContaining("100x");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void refusesExternalEntitiesWithoutReadingThem() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "top secret");
        String sheet = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "%s">]>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
                <row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"""
                .formatted(secret.toUri());
        Path file = handWrittenSheet("", "");
        Fixtures.replaceEntries(file, Map.of("xl/worksheets/sheet1.xml", sheet));
        assertThatThrownBy(() -> {
            try (SpreadsheetFile book = SpreadsheetFiles.open(file, FileType.XLSX)) {
                Fixtures.dump(book, book.sheets().get(0));
            }
        }).isInstanceOf(SourceException.class).hasMessageContaining("refused for safety")
                .hasMessageNotContaining("top secret");
    }

    @Test
    void refusesABrokenZipWithAClearMessage() throws Exception {
        Path file = basicWorkbook(false);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("truncated.xlsx"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> SpreadsheetFiles.open(truncated, FileType.XLSX))
                .isInstanceOf(SourceException.class).hasMessageContaining("damaged");
    }
}
