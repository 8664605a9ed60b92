package io.cbec.etl.ingest;

import io.cbec.etl.job.CbecProperties;
import io.cbec.etl.kind.zone.ZoneRegistryKind;
import io.cbec.etl.source.FileType;
import io.cbec.etl.source.RowStream;
import io.cbec.etl.source.SourceRow;
import io.cbec.etl.source.SpreadsheetFile;
import io.cbec.etl.source.SpreadsheetFiles;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sheets classified by their header row, wherever it is and however it is spelled, read from real workbooks. */
class HeaderClassifierTest {

    @TempDir
    Path dir;

    private final HeaderClassifier classifier = classifier(Map.of());

    private static HeaderClassifier classifier(Map<String, Map<String, List<String>>> extraAliases) {
        // The kind's JDBC template is only used for staging, which classification never does.
        return new HeaderClassifier(List.of(new ZoneRegistryKind(null)), new CbecProperties(null, extraAliases, null, null, null));
    }

    /** Writes one sheet whose rows are given as cell texts (null = empty cell) and classifies it. */
    private HeaderClassifier.Classification classify(HeaderClassifier classifier, String sheetName, boolean mergeTitle,
                                                     String[]... rows) throws Exception {
        return classify(classifier, sheetName, mergeTitle ? List.of("A1:E2") : List.of(), rows);
    }

    /** Writes one sheet with its merged regions ("A2:A3") and classifies it as the inventory does. */
    private HeaderClassifier.Classification classify(HeaderClassifier classifier, String sheetName, List<String> merged,
                                                     String[]... rows) throws Exception {
        Path file = dir.resolve("t.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            Sheet sheet = wb.createSheet(sheetName);
            for (int r = 0; r < rows.length; r++) {
                if (rows[r] == null) {
                    continue;
                }
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] != null) {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            for (String region : merged) {
                sheet.addMergedRegion(CellRangeAddress.valueOf(region));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        try (SpreadsheetFile spreadsheet = SpreadsheetFiles.open(file, FileType.XLSX);
             RowStream stream = spreadsheet.rows(spreadsheet.sheets().get(0))) {
            List<SourceRow> first = new ArrayList<>();
            for (SourceRow row; (row = stream.next()) != null && first.size() < HeaderClassifier.HEADER_SEARCH_ROWS; ) {
                first.add(row);
            }
            return classifier.classify(sheetName, first,
                    () -> SpreadsheetFiles.mergedRegions(spreadsheet, spreadsheet.sheets().get(0)));
        }
    }

    @Test
    void headerOnRowFiveUnderAMergedTitleGivesBatchDocumentAndDate() throws Exception {
        var c = classify(classifier, "Sheet1", true,
                new String[] {"第七批跨境电子商务综合试验区名单（国函〔2022〕126号）"},
                null,
                new String[] {"批复日期：2022年11月14日"},
                null,
                new String[] {"序号", "城市", "省份"},
                new String[] {"1", "廊坊市", "河北省"});

        assertThat(c.recognised()).isTrue();
        assertThat(c.kind().id()).isEqualTo(ZoneRegistryKind.ID);
        assertThat(c.headerRow()).isEqualTo(5);
        assertThat(c.columns()).containsEntry("zone", 1).containsEntry("province", 2);
        assertThat(c.context().batch()).isEqualTo(7);
        assertThat(c.context().document()).isEqualTo("国函〔2022〕126号");
        assertThat(c.context().date().start()).isEqualTo(LocalDate.of(2022, 11, 14));
        assertThat(c.headers()).containsEntry(1, "城市");
    }

    @Test
    void reorderedRenamedEnglishColumnsWithOddSpacingAndCase() throws Exception {
        var c = classify(classifier, "export", false,
                new String[] {"Approval  Date", " DOCUMENT ", "Province / Region", "Round", "City/Region"},
                new String[] {"2015-03-07", "国函〔2015〕44号", "Zhejiang", "1", "Hangzhou"});

        assertThat(c.recognised()).isTrue();
        assertThat(c.columns()).containsEntry("approved", 0).containsEntry("document", 1).containsEntry("province", 2)
                .containsEntry("batch", 3).containsEntry("zone", 4);
    }

    @Test
    void theSheetNameCanSupplyTheBatch() throws Exception {
        var c = classify(classifier, "Batch 3", false, new String[] {"Pilot zone", "Province"},
                new String[] {"Beijing", "Beijing"});

        assertThat(c.recognised()).isTrue();
        assertThat(c.context().batch()).isEqualTo(3);
    }

    @Test
    void aZoneColumnWithoutAnyBatchIsNotARegistryAndSaysWhatIsMissing() throws Exception {
        var c = classify(classifier, "Sheet1", false, new String[] {"城市", "省份"}, new String[] {"杭州", "浙江"});

        assertThat(c.recognised()).isFalse();
        assertThat(c.problem()).contains("row 1").contains("batch");
    }

    @Test
    void aSheetThatMatchesNothingIsUnrecognised() throws Exception {
        var c = classify(classifier, "Notes", false, new String[] {"Meeting notes"}, new String[] {"Call Li on Monday"});

        assertThat(c.recognised()).isFalse();
        assertThat(c.problem()).contains("no header row of a known kind in the first 30 rows");
    }

    @Test
    void aliasesFromConfigurationAreUsed() throws Exception {
        String[][] rows = {{"试点城市", "批次"}, {"杭州", "1"}};
        assertThat(classify(classifier, "Sheet1", false, rows).recognised()).isFalse();

        var configured = classifier(Map.of("zone-registry", Map.of("zone", List.of("试点城市"))));
        var c = classify(configured, "Sheet1", false, rows);
        assertThat(c.recognised()).isTrue();
        assertThat(c.columns()).containsEntry("zone", 0);
    }

    @Test
    void aCellMergedOverSubHeadersMakesAHeaderOfTwoRows() throws Exception {
        var c = classify(classifier, "第七批", List.of("A1:A2", "B1:B2", "C1:C2", "D1:E1"),
                new String[] {"序号", "综试区", "省区市", "批复", null},
                new String[] {null, null, null, "设立时间", "批复文号"},
                new String[] {"1", "廊坊市", "河北省", "2022-11-14", "国函〔2022〕126号"});

        assertThat(c.recognised()).isTrue();
        assertThat(c.headerRow()).isEqualTo(2);
        assertThat(c.columns()).containsEntry("zone", 1).containsEntry("province", 2).containsEntry("approved", 3)
                .containsEntry("document", 4);
        assertThat(c.headers()).containsEntry(1, "综试区").containsEntry(3, "批复\n设立时间")
                .containsEntry(4, "批复\n批复文号");
    }

    @Test
    void aRowOfDataUnderACellMergedAcrossColumnsIsNotHeader() throws Exception {
        var c = classify(classifier, "第七批", List.of("B1:C1"),
                new String[] {"城市", "省份", null},
                new String[] {"廊坊市", "河北省", "备注"});

        assertThat(c.recognised()).isTrue();
        assertThat(c.headerRow()).isEqualTo(1);
        assertThat(c.columns()).containsEntry("zone", 0).containsEntry("province", 1).hasSize(2);
    }

    @Test
    void aLowerHeaderRowUnderACellMergedDownIsHeaderEvenWhereItNamesNothing() throws Exception {
        var c = classify(classifier, "第七批", List.of("A1:A2", "B1:C1"),
                new String[] {"城市", "批复", null},
                new String[] {null, "批复日期", "备注"},
                new String[] {"廊坊市", "2022-11-14", "x"});

        assertThat(c.recognised()).isTrue();
        assertThat(c.headerRow()).isEqualTo(2);
        assertThat(c.columns()).containsEntry("zone", 0).containsEntry("approved", 1).hasSize(2);
        assertThat(c.headers()).containsEntry(2, "批复\n备注");
    }
}
