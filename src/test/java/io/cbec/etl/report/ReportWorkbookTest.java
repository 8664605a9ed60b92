package io.cbec.etl.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xddf.usermodel.XDDFSolidFillProperties;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFLineChartData;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFTable;
import org.apache.poi.xssf.usermodel.XSSFTableColumn;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWorkbookTest {

    private static final List<Column> ALL_FORMATS = List.of(
            Column.text("Name"), Column.integer("Count"), Column.decimal("Amount"), Column.percent("Share"),
            Column.date("Approved"), Column.month("Period"), Column.code("Code"), Column.dateTime("Generated at"));

    @TempDir
    Path folder;

    private Path writeAllFormats() throws IOException {
        Path target = folder.resolve("all-formats.xlsx");
        try (ReportWorkbook workbook = new ReportWorkbook(folder.resolve("tmp"))) {
            workbook.setProperties("CBEC report 2024-01-31", "run-42");
            ListSheet list = workbook.listSheet("Pilot Zones", ALL_FORMATS);
            list.row("杭州", 1234567, new BigDecimal("1234.5"), 0.125, LocalDate.of(2015, 3, 12),
                    YearMonth.of(2016, 1), "330100", LocalDateTime.of(2024, 1, 31, 8, 30, 5));
            list.row("=HYPERLINK(\"x\")", 7L, 2.5d, new BigDecimal("0.5"),
                    new Formatted(LocalDate.of(2018, 7, 1), ColumnFormat.MONTH), null, 330100, null);
            list.row("x".repeat(40_000), null, null, null, null, null, "-1");
            list.row("bell\u0007 and\u0000 nul", Double.NaN, null, null, null, null, "");
            list.finishAsTable("PilotZones");
            workbook.write(target);
        }
        return target;
    }

    private static XSSFWorkbook open(Path file) throws IOException {
        try {
            return new XSSFWorkbook(OPCPackage.open(file.toFile(), PackageAccess.READ));
        } catch (InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    @Test
    void headerIsRowOneInBoldFrozenAndTheSheetPrintsLandscapeOnePageWide() throws IOException {
        try (XSSFWorkbook workbook = open(writeAllFormats())) {
            XSSFSheet sheet = workbook.getSheet("Pilot Zones");
            XSSFRow header = sheet.getRow(0);
            assertThat(header.getLastCellNum()).isEqualTo((short) ALL_FORMATS.size());
            for (int i = 0; i < ALL_FORMATS.size(); i++) {
                XSSFCell cell = header.getCell(i);
                assertThat(cell.getStringCellValue()).isEqualTo(ALL_FORMATS.get(i).header());
                assertThat(workbook.getFontAt(cell.getCellStyle().getFontIndex()).getBold()).isTrue();
            }
            assertThat(workbook.getFontAt(sheet.getRow(1).getCell(0).getCellStyle().getFontIndex()).getBold()).isFalse();
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 0);
            assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
            assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
            assertThat(sheet.getPrintSetup().getFitHeight()).isEqualTo((short) 0);
            assertThat(sheet.getFitToPage()).isTrue();
            assertThat(sheet.getRepeatingRows().formatAsString()).isEqualTo("1:1");
        }
    }

    @Test
    void numbersAreNumericCellsInTheirColumnFormat() throws IOException {
        try (XSSFWorkbook workbook = open(writeAllFormats())) {
            XSSFRow row = workbook.getSheet("Pilot Zones").getRow(1);
            assertNumeric(row.getCell(1), 1_234_567, "#,##0");
            assertNumeric(row.getCell(2), 1234.5, "#,##0.00");
            assertNumeric(row.getCell(3), 0.125, "0.0%");
            XSSFRow second = workbook.getSheet("Pilot Zones").getRow(2);
            assertNumeric(second.getCell(1), 7, "#,##0");
            assertNumeric(second.getCell(3), 0.5, "0.0%");
        }
    }

    private static void assertNumeric(Cell cell, double value, String format) {
        assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
        assertThat(cell.getNumericCellValue()).isEqualTo(value);
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo(format);
    }

    @Test
    void datesAreDateCellsAndMonthPrecisionShowsYearAndMonth() throws IOException {
        try (XSSFWorkbook workbook = open(writeAllFormats())) {
            XSSFSheet sheet = workbook.getSheet("Pilot Zones");
            XSSFCell day = sheet.getRow(1).getCell(4);
            assertThat(DateUtil.isCellDateFormatted(day)).isTrue();
            assertThat(day.getLocalDateTimeCellValue()).isEqualTo(LocalDate.of(2015, 3, 12).atStartOfDay());
            assertThat(day.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");

            XSSFCell yearMonth = sheet.getRow(1).getCell(5);
            assertThat(DateUtil.isCellDateFormatted(yearMonth)).isTrue();
            assertThat(yearMonth.getLocalDateTimeCellValue()).isEqualTo(LocalDate.of(2016, 1, 1).atStartOfDay());
            assertThat(yearMonth.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm");

            XSSFCell monthInDateColumn = sheet.getRow(2).getCell(4);
            assertThat(DateUtil.isCellDateFormatted(monthInDateColumn)).isTrue();
            assertThat(monthInDateColumn.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm");
            assertThat(monthInDateColumn.getLocalDateTimeCellValue()).isEqualTo(LocalDate.of(2018, 7, 1).atStartOfDay());

            XSSFCell timestamp = sheet.getRow(1).getCell(7);
            assertThat(DateUtil.isCellDateFormatted(timestamp)).isTrue();
            assertThat(timestamp.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 1, 31, 8, 30, 5));
        }
    }

    @Test
    void codesAreAlwaysStringCells() throws IOException {
        try (XSSFWorkbook workbook = open(writeAllFormats())) {
            XSSFSheet sheet = workbook.getSheet("Pilot Zones");
            for (int row : new int[] {1, 2}) {
                XSSFCell code = sheet.getRow(row).getCell(6);
                assertThat(code.getCellType()).isEqualTo(CellType.STRING);
                assertThat(code.getStringCellValue()).isEqualTo("330100");
                assertThat(code.getCellStyle().getDataFormatString()).isEqualTo("@");
            }
        }
    }

    @Test
    void formulaLookingTextStaysTextWithTheQuotePrefix() throws IOException {
        try (XSSFWorkbook workbook = open(writeAllFormats())) {
            XSSFSheet sheet = workbook.getSheet("Pilot Zones");
            XSSFCell formula = sheet.getRow(2).getCell(0);
            assertThat(formula.getCellType()).isEqualTo(CellType.STRING);
            assertThat(formula.getStringCellValue()).isEqualTo("=HYPERLINK(\"x\")");
            assertThat(formula.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(formula.getCTCell().isSetF()).isFalse();
            XSSFCell negativeCode = sheet.getRow(3).getCell(6);
            assertThat(negativeCode.getStringCellValue()).isEqualTo("-1");
            assertThat(negativeCode.getCellStyle().getQuotePrefixed()).isTrue();
            assertThat(sheet.getRow(1).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
        }
    }

    @Test
    void overLongTextIsTruncatedWithAMarkerAndControlCharactersAreRemoved() throws IOException {
        try (XSSFWorkbook workbook = open(writeAllFormats())) {
            XSSFSheet sheet = workbook.getSheet("Pilot Zones");
            String truncated = sheet.getRow(3).getCell(0).getStringCellValue();
            assertThat(truncated).hasSizeLessThanOrEqualTo(32_767).startsWith("xxxx");
            int kept = truncated.indexOf('…');
            assertThat(truncated.substring(kept)).isEqualTo("…[truncated " + (40_000 - kept) + " chars]");
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("bell and nul");
            assertThat(sheet.getRow(4).getCell(1)).as("NaN leaves the cell empty").isNull();
            assertThat(sheet.getRow(4).getCell(6)).as("an empty string is a blank cell").isNull();
        }
    }

    @Test
    void finishAsTableCreatesATableNamedAfterTheHeaders() throws IOException {
        try (XSSFWorkbook workbook = open(writeAllFormats())) {
            XSSFSheet sheet = workbook.getSheet("Pilot Zones");
            assertThat(sheet.getTables()).hasSize(1);
            XSSFTable table = sheet.getTables().get(0);
            assertThat(table.getName()).isEqualTo("PilotZones");
            assertThat(table.getDisplayName()).isEqualTo("PilotZones");
            assertThat(table.getArea().formatAsString()).isEqualTo("A1:H5");
            assertThat(table.getColumns()).extracting(XSSFTableColumn::getName)
                    .containsExactlyElementsOf(ALL_FORMATS.stream().map(Column::header).toList());
            assertThat(table.getStyleName()).isEqualTo("TableStyleMedium2");
            var styleInfo = table.getCTTable().getTableStyleInfo();
            assertThat(styleInfo.getShowRowStripes()).as("banded rows").isTrue();
            assertThat(styleInfo.getShowColumnStripes()).isFalse();
            assertThat(styleInfo.getShowFirstColumn()).isFalse();
            assertThat(styleInfo.getShowLastColumn()).isFalse();
            assertThat(table.getCTTable().getAutoFilter().getRef()).isEqualTo("A1:H5");
            assertThat(sheet.getCTWorksheet().isSetAutoFilter())
                    .as("a sheet filter over a table makes Excel repair the file").isFalse();
        }
    }

    @Test
    void totalRowsWrittenLastStayOutOfTheAutofilterSoThatSortingKeepsThemAtTheBottom() throws IOException {
        Path target = folder.resolve("totals.xlsx");
        try (ReportWorkbook workbook = new ReportWorkbook(folder.resolve("tmp"))) {
            ListSheet list = workbook.listSheet("Zones by Batch", List.of(Column.text("Batch"), Column.integer("Zones")));
            list.row("1", 1);
            list.row("2", 12);
            list.boldRow("Total", 13);
            list.row("Total", 13);
            list.emphasiseLastRow(); // twice changes nothing
            list.emphasiseLastRow();
            list.finish();
            workbook.write(target);
        }
        try (XSSFWorkbook workbook = open(target)) {
            XSSFSheet sheet = workbook.getSheet("Zones by Batch");
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:B3");
            assertThat(sheet.getRow(3).getCell(0).getStringCellValue()).isEqualTo("Total");
        }
    }

    @Test
    void finishSetsAnAutofilterOverHeaderAndRowsAndWidthsFromContent() throws IOException {
        Path target = folder.resolve("list.xlsx");
        try (ReportWorkbook workbook = new ReportWorkbook(folder.resolve("tmp"))) {
            ListSheet list = workbook.listSheet("Zones by Province",
                    List.of(Column.text("Province"), Column.text("Province (zh)"), Column.text("Note")));
            list.row("Zhejiang", "浙江省浙江省浙江省浙江省", "y".repeat(500));
            list.row("Xinjiang Uygur Autonomous Region", "新疆", "short");
            list.finish();
            workbook.write(target);
        }
        try (XSSFWorkbook workbook = open(target)) {
            XSSFSheet sheet = workbook.getSheet("Zones by Province");
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:C3");
            assertThat(sheet.getColumnWidth(0)).isEqualTo((32 + 1) * 256);
            assertThat(sheet.getColumnWidth(1)).as("CJK characters count double").isEqualTo((24 + 1) * 256);
            assertThat(sheet.getColumnWidth(2)).as("bounded").isEqualTo(ColumnWidthTracker.MAX_WIDTH_CHARS * 256);
            assertThat(sheet.getTables()).isEmpty();
        }
    }

    @Test
    void aFormattedNumberIsANumericCellShowingItsUnitAndQualifierAlsoInBold() throws IOException {
        Path target = folder.resolve("checks.xlsx");
        try (ReportWorkbook workbook = new ReportWorkbook(folder.resolve("tmp"))) {
            ListSheet list = workbook.listSheet("Checks", List.of(Column.text("Check"), Column.text("Expected")));
            list.row("share", new FormattedNumber(new BigDecimal("0.9"), "\"more than \"0.0%"));
            list.boldRow("amount", new FormattedNumber(4153.9, "#,##0.0\" 亿元\""));
            list.finish();
            workbook.write(target);
        }
        try (XSSFWorkbook workbook = open(target)) {
            XSSFSheet sheet = workbook.getSheet("Checks");
            XSSFCell share = sheet.getRow(1).getCell(1);
            assertThat(share.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(share.getNumericCellValue()).isEqualTo(0.9);
            assertThat(share.getCellStyle().getDataFormatString()).isEqualTo("\"more than \"0.0%");
            XSSFCell amount = sheet.getRow(2).getCell(1);
            assertThat(amount.getNumericCellValue()).isEqualTo(4153.9);
            assertThat(amount.getCellStyle().getDataFormatString()).isEqualTo("#,##0.0\" 亿元\"");
            assertThat(amount.getCellStyle().getFont().getBold()).isTrue();
            // The words are part of the width: "more than 90.0%" (15) is wider than "4,153.9 亿元" (12).
            assertThat(sheet.getColumnWidth(1)).isEqualTo((15 + 1) * 256);
        }
    }

    @Test
    void aBlockBelowLeavesABlankRowAndHasItsOwnBoldHeader() throws IOException {
        Path target = folder.resolve("summary.xlsx");
        try (ReportWorkbook workbook = new ReportWorkbook(folder.resolve("tmp"))) {
            ListSheet summary = workbook.listSheet("Summary", List.of(Column.text("Item"), Column.text("Value")));
            summary.row("Report date", LocalDate.of(2024, 1, 31));
            summary.row("Active pilot zones", 165);
            ListSheet files = summary.blockBelow(List.of(Column.text("File"), Column.text("Kind"),
                    Column.integer("Sheets"), Column.integer("Rows"), Column.code("SHA-256")));
            assertThat(files.headerRowNumber()).isEqualTo(5);
            files.row("zones.xlsx", "zone", 2, 12_345, "ab".repeat(32));
            assertThatThrownBy(() -> summary.row("Late", 1)).isInstanceOf(IllegalStateException.class);
            files.finish();
            workbook.write(target);
        }
        try (XSSFWorkbook workbook = open(target)) {
            XSSFSheet sheet = workbook.getSheet("Summary");
            assertThat((Object) sheet.getRow(3)).as("blank separating row").isNull();
            XSSFRow header = sheet.getRow(4);
            assertThat(header.getCell(4).getStringCellValue()).isEqualTo("SHA-256");
            assertThat(workbook.getFontAt(header.getCell(0).getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(sheet.getRow(5).getCell(3).getNumericCellValue()).isEqualTo(12_345);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).as("over the first list only").isEqualTo("A1:B3");
            assertThat(sheet.getColumnWidth(4)).as("a SHA-256 digest fits").isGreaterThanOrEqualTo(64 * 256);
        }
    }

    @Test
    void emphasiseLastRowBoldsTheTotalRowOnly() throws IOException {
        Path target = folder.resolve("total.xlsx");
        try (ReportWorkbook workbook = new ReportWorkbook(folder.resolve("tmp"))) {
            ListSheet list = workbook.listSheet("Zones by Batch", List.of(Column.text("Batch"), Column.integer("Zones approved")));
            list.row("1", 1);
            list.row("Total", 1);
            list.emphasiseLastRow();
            assertThat(list.lastRowNumber()).isEqualTo(3);
            workbook.write(target);
        }
        try (XSSFWorkbook workbook = open(target)) {
            XSSFSheet sheet = workbook.getSheet("Zones by Batch");
            XSSFCell total = sheet.getRow(2).getCell(1);
            assertThat(workbook.getFontAt(total.getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(total.getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(workbook.getFontAt(sheet.getRow(1).getCell(1).getCellStyle().getFontIndex()).getBold()).isFalse();
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).as("write() finished the sheet, the Total out of the filter")
                    .isEqualTo("A1:B2");
        }
    }

    @Test
    void columnLineChartHasABarAndALineSeriesWithExplicitColours() throws IOException {
        Path target = folder.resolve("chart.xlsx");
        try (ReportWorkbook workbook = new ReportWorkbook(folder.resolve("tmp"))) {
            ListSheet batches = workbook.listSheet("Zones by Batch", List.of(Column.text("Batch"),
                    Column.integer("Zones approved"), Column.integer("Cumulative active")));
            batches.row("1", 1, 1);
            batches.row("2", 12, 13);
            batches.row("3", 22, 35);
            batches.boldRow("Total", 35, 35);
            workbook.addColumnLineChart(batches, "Zones by batch", 2, 4, 0, 1, "Zones approved",
                    2, "Cumulative active", 4, 0);
            batches.finish();
            workbook.write(target);
        }
        try (XSSFWorkbook workbook = open(target)) {
            XSSFSheet sheet = workbook.getSheet("Zones by Batch");
            List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(1);
            List<XDDFChartData> data = charts.get(0).getChartSeries();
            assertThat(data.stream().mapToInt(XDDFChartData::getSeriesCount).sum()).isEqualTo(2);
            assertThat(data).hasAtLeastOneElementOfType(XDDFBarChartData.class)
                    .hasAtLeastOneElementOfType(XDDFLineChartData.class);
            for (XDDFChartData chartData : data) {
                XDDFChartData.Series series = chartData.getSeries(0);
                assertThat(series.getValuesData().getDataRangeReference()).startsWith("'Zones by Batch'!$").endsWith("$2:$"
                        + (chartData instanceof XDDFBarChartData ? "B" : "C") + "$4");
                assertThat(series.getCategoryData().getPointCount()).isEqualTo(3);
            }
            XDDFChartData.Series bar = data.stream().filter(d -> d instanceof XDDFBarChartData).findFirst().orElseThrow().getSeries(0);
            assertThat(bar.getShapeProperties().getFillProperties()).isInstanceOf(XDDFSolidFillProperties.class);
            XDDFChartData.Series line = data.stream().filter(d -> d instanceof XDDFLineChartData).findFirst().orElseThrow().getSeries(0);
            assertThat(line.getShapeProperties().getLineProperties().getFillProperties()).isInstanceOf(XDDFSolidFillProperties.class);
            var plotArea = charts.get(0).getCTChart().getPlotArea();
            assertThat(plotArea.getBarChartArray(0).getVaryColors().getVal()).isFalse();
            assertThat(plotArea.getLineChartArray(0).getVaryColors().getVal()).isFalse();
            assertThat(plotArea.getValAxList()).as("the line has its own value axis").hasSize(2);
            assertThat(charts.get(0).getCTChart().getLegend()).isNotNull();
        }
    }

    @Test
    void documentPropertiesCarryTitleCreatorAndRunId() throws IOException {
        try (XSSFWorkbook workbook = open(writeAllFormats())) {
            var properties = workbook.getProperties();
            assertThat(properties.getCoreProperties().getTitle()).isEqualTo("CBEC report 2024-01-31");
            assertThat(properties.getCoreProperties().getCreator()).isEqualTo("cbec-etl");
            assertThat(properties.getCustomProperties().getProperty("runId").getLpwstr()).isEqualTo("run-42");
        }
    }

    @Test
    void stylesStayFewOverManyRowsAndCloseLeavesNoTempFiles() throws IOException {
        Path temp = folder.resolve("tmp");
        Path target = folder.resolve("big.xlsx");
        try (ReportWorkbook workbook = new ReportWorkbook(temp)) {
            ListSheet list = workbook.listSheet("Rejected Rows", ALL_FORMATS);
            for (int i = 0; i < 10_000; i++) {
                list.row("row " + i, i, BigDecimal.valueOf(i, 2), i / 10_000.0, LocalDate.of(2020, 1, 1).plusDays(i % 365),
                        YearMonth.of(2020, 1 + i % 12), String.format("%06d", i), LocalDateTime.of(2024, 1, 1, 0, 0).plusMinutes(i));
                if (i % 1000 == 0) {
                    list.emphasiseLastRow();
                }
            }
            assertThat(workbook.streamingWorkbook().getNumCellStyles()).isLessThan(20);
            try (Stream<Path> files = Files.list(temp)) {
                assertThat(files).as("SXSSF streams to the given temp folder").isNotEmpty();
            }
            workbook.write(target);
        }
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).as("close() disposes the temp files").isEmpty();
        }
        try (XSSFWorkbook workbook = open(target)) {
            assertThat(workbook.getSheet("Rejected Rows").getLastRowNum()).isEqualTo(10_000);
            assertThat(workbook.getNumCellStyles()).isLessThan(20);
        }
    }

    @Test
    void misuseFailsLoudly() {
        try (ReportWorkbook workbook = new ReportWorkbook(folder.resolve("tmp"))) {
            ListSheet list = workbook.listSheet("Checks", List.of(Column.text("Check"), Column.text("Status")));
            assertThatThrownBy(() -> list.row("a", "b", "c")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Checks");
            assertThatThrownBy(() -> list.row(new Object())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Check");
            assertThatThrownBy(() -> workbook.listSheet("checks", List.of(Column.text("x"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> workbook.listSheet("A/B", List.of(Column.text("x"))))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> list.finishAsTable("A1")).isInstanceOf(IllegalArgumentException.class);
            list.finish();
            assertThatThrownBy(() -> list.row("late", "x")).isInstanceOf(IllegalStateException.class);
        }
    }
}
