package io.cbec.etl.job;

import io.cbec.etl.fixtures.JobRun;
import io.cbec.etl.fixtures.OneSheetWorkbook;
import io.cbec.etl.fixtures.PublishedWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headers of two rows, as Chinese statistical tables write them: a title merged across the columns it heads, over
 * a row naming each (出口额（亿元） over 1月 | 2月, 批复 over 设立时间 | 批复文号), the other header cells merged down
 * over both rows. Through the real entry point, on workbooks built here with their merged regions; each test
 * asserts the exit code, the published cells and the rejected rows.
 */
class TwoRowHeaderJobTest {

    private static final String DATE = "2024-07-01";
    private static final String TITLE = "2024年1-2月综试区进出口情况";
    /** Zone Indicators columns. */
    private static final int PERIOD = 0, ZONE_ZH = 2, INDICATOR = 4, VALUE = 5, SOURCE = 7;
    /** Rejected Rows columns. */
    private static final int R_ROW = 2, R_COLUMN = 3, R_VALUE = 4, R_REASON = 5;
    /** Files columns. */
    private static final int F_SHEET = 2, F_STATUS = 3, F_ACCEPTED = 5, F_ERROR = 9;

    @TempDir
    Path dir;
    private JobRun job;

    @BeforeEach
    void job() {
        job = new JobRun(dir, DATE);
    }

    @Test
    void anIndicatorMergedOverMonthColumnsIsReadForEachMonth() throws Exception {
        OneSheetWorkbook.write(job.input().resolve("两级表头.xlsx"), "2024年1-2月", new Object[][] {
                {TITLE},
                {"城市", "出口额（亿元）", null, "进口额（亿元）", null},
                {null, "1月", "2月", "1月", "2月"},
                {"杭州市", 1, 2, 3, 4},
                {"宁波市", 5, 6, 7, 8},
                {"合计", 6, 8, 10, 12}},
                "A1:E1", "A2:A3", "B2:C2", "D2:E2");

        assertThat(job.run()).isZero();

        assertThat(rejectedRows()).isEmpty();
        PublishedWorkbook report = job.report();
        // Each figure for its own month, the year from the sheet name; none for the whole of 2024年1-2月.
        assertThat(figures(report)).containsExactlyInAnyOrder(
                "2024-01 杭州市 Exports 100,000,000.00 两级表头.xlsx!2024年1-2月!4",
                "2024-02 杭州市 Exports 200,000,000.00 两级表头.xlsx!2024年1-2月!4",
                "2024-01 杭州市 Imports 300,000,000.00 两级表头.xlsx!2024年1-2月!4",
                "2024-02 杭州市 Imports 400,000,000.00 两级表头.xlsx!2024年1-2月!4",
                "2024-01 宁波市 Exports 500,000,000.00 两级表头.xlsx!2024年1-2月!5",
                "2024-02 宁波市 Exports 600,000,000.00 两级表头.xlsx!2024年1-2月!5",
                "2024-01 宁波市 Imports 700,000,000.00 两级表头.xlsx!2024年1-2月!5",
                "2024-02 宁波市 Imports 800,000,000.00 两级表头.xlsx!2024年1-2月!5");
        // The 合计 row is checked per indicator and month against its two rows.
        List<List<String>> totals = report.rows("Checks").stream().filter(r -> r.get(0).equals("Stated total")).toList();
        assertThat(totals).hasSize(4).allSatisfy(r -> assertThat(r.get(4)).isEqualTo("PASS"));
        assertThat(totals).anySatisfy(r -> assertThat(String.join(" | ", r)).contains("C (出口额(亿元) / 2月)"));
    }

    @Test
    void withoutItsMonthRowAMergedIndicatorRejectsTheRowsNamingTheColumnsWithoutHeader() throws Exception {
        // The same table after the analyst deleted the month row: 出口额（亿元） still spans B and C.
        OneSheetWorkbook.write(job.input().resolve("两级表头.xlsx"), "2024年1-2月", new Object[][] {
                {TITLE},
                {"城市", "出口额（亿元）", null, "进口额（亿元）", null},
                {"杭州市", 1, 2, 3, 4},
                {"宁波市", 5, 6, 7, 8}},
                "A1:E1", "B2:C2", "D2:E2");

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).as("January is never published as the whole of 2024年1-2月").doesNotExist();
        List<List<String>> rejected = rejectedRows();
        assertThat(rejected).extracting(r -> r.get(R_ROW) + " " + r.get(R_COLUMN) + " " + r.get(R_VALUE))
                .containsExactly("3 C 2", "4 C 6");
        assertThat(rejected.get(0).get(R_REASON)).startsWith(
                "a figure under no header: the header (row 2) names no column C, nor E ('4'), so nothing would read "
                        + "these figures. Give each column of figures its own header");
    }

    @Test
    void subHeadersTheKindCannotReadRefuseTheSheetNamingThem() throws Exception {
        OneSheetWorkbook.write(job.input().resolve("两级表头.xlsx"), "2024年1-2月", new Object[][] {
                {TITLE},
                {"城市", "出口额（亿元）", null, "进口额（亿元）", null},
                {null, "本月", "累计", "本月", "累计"},
                {"杭州市", 1, 2, 3, 4}},
                "A1:E1", "A2:A3", "B2:C2", "D2:E2");

        assertThat(job.run("--allow-rejects")).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        PublishedWorkbook dq = job.dataQuality();
        List<String> sheet = dq.rowWhere("Files", F_SHEET, "2024年1-2月").orElseThrow();
        assertThat(sheet.get(F_STATUS)).isEqualTo("REJECTED");
        String why = "the header spans rows 2-3 (A2:A3 is merged down over row 3), but Zone indicators reads no column "
                + "from B3 '本月' under '出口额(亿元)', C3 '累计' under '出口额(亿元)', D3 '本月' under '进口额(亿元)', "
                + "E3 '累计' under '进口额(亿元)'; the sheet is not read";
        assertThat(sheet.get(F_ERROR)).startsWith(why);
        assertThat(dq.rowWhere("Checks", 0, "Header readable").orElseThrow().subList(1, 5))
                .containsExactly("两级表头.xlsx!2024年1-2月", "a header the kind reads", "columns it cannot read", "FAIL");
    }

    @Test
    void aRegistryHeaderOfTwoRowsReadsItsLowerRowAndItsTotalCountsOnlyZones() throws Exception {
        registryWithTwoRowHeader("合计：4个");

        assertThat(job.run()).isZero();

        assertThat(rejectedRows()).isEmpty();
        PublishedWorkbook report = job.report();
        List<List<String>> zones = report.rows("Pilot Zones");
        assertThat(zones.subList(1, zones.size())).extracting(r -> r.get(2) + " " + r.get(7) + " " + r.get(8))
                .containsExactlyInAnyOrder("廊坊市 2022-11-14 国函〔2022〕126号", "沧州市 2022-11-14 国函〔2022〕126号",
                        "运城市 2022-11-14 国函〔2022〕126号", "包头市 2022-11-14 国函〔2022〕126号");
        assertThat(report.rowWhere("Checks", 0, "Stated total").orElseThrow().subList(2, 5))
                .containsExactly("4", "4", "PASS");
        assertThat(job.dataQuality().rowWhere("Files", F_SHEET, "名单").orElseThrow().get(F_ACCEPTED)).isEqualTo("4");
    }

    @Test
    void aWrongRegistryTotalUnderATwoRowHeaderFails() throws Exception {
        registryWithTwoRowHeader("合计：5个");

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        assertThat(rejectedRows()).isEmpty();
        assertThat(job.dataQuality().rowWhere("Checks", 0, "Stated total").orElseThrow().subList(2, 5))
                .containsExactly("5", "4", "FAIL");
    }

    @Test
    void aFigureUnderAnEmptyHeaderCellRejectsItsRowInAnyKind() throws Exception {
        OneSheetWorkbook.write(job.input().resolve("名单.xlsx"), "第七批", new Object[][] {
                {"城市", "省份", null},
                {"廊坊市", "河北省", 12},
                {"沧州市", "河北省"}});

        assertThat(job.run()).isEqualTo(65);

        List<List<String>> rejected = rejectedRows();
        assertThat(rejected).extracting(r -> r.get(R_ROW) + " " + r.get(R_COLUMN) + " " + r.get(R_VALUE))
                .containsExactly("2 C 12");
        assertThat(rejected.get(0).get(R_REASON)).startsWith(
                "a figure under no header: the header (row 1) names no column C, so nothing would read the figure");
        assertThat(job.dataQuality().rowWhere("Files", F_SHEET, "第七批").orElseThrow().get(F_ACCEPTED)).isEqualTo("1");
    }

    /** Four batch-7 zones under 序号 | 综试区 | 省区市 | 批复 (over 设立时间 | 批复文号), then the stated total. */
    private void registryWithTwoRowHeader(String total) throws Exception {
        Object[][] rows = new Object[8][];
        rows[0] = new Object[] {"第七批跨境电子商务综合试验区名单（国函〔2022〕126号）"};
        rows[1] = new Object[] {"序号", "综试区", "省区市", "批复", null};
        rows[2] = new Object[] {null, null, null, "设立时间", "批复文号"};
        String[][] zones = {{"廊坊市", "河北省"}, {"沧州市", "河北省"}, {"运城市", "山西省"}, {"包头市", "内蒙古自治区"}};
        for (int i = 0; i < zones.length; i++) {
            rows[3 + i] = new Object[] {i + 1, zones[i][0], zones[i][1], "2022-11-14", "国函〔2022〕126号"};
        }
        rows[7] = new Object[] {total};
        OneSheetWorkbook.write(job.input().resolve("名单.xlsx"), "名单", rows,
                "A1:E1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "A8:E8");
    }

    /** Zone Indicators as "period zone indicator value source", one a row. */
    private static List<String> figures(PublishedWorkbook report) {
        List<List<String>> rows = report.rows("Zone Indicators");
        return rows.subList(1, rows.size()).stream().map(r -> r.get(PERIOD) + " " + r.get(ZONE_ZH) + " "
                + r.get(INDICATOR) + " " + r.get(VALUE) + " " + r.get(SOURCE)).toList();
    }

    private List<List<String>> rejectedRows() throws Exception {
        List<List<String>> rows = job.dataQuality().rows("Rejected Rows");
        return rows.subList(1, rows.size());
    }
}
