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
 * Two tables in one sheet, through the real entry point: side by side (a header naming the zone column twice) or
 * stacked (the header repeated below the first table). The second table is never read as part of the first: not
 * with the first table's zones, nor with its title's batch and document.
 */
class TwoTablesInOneSheetJobTest {

    private static final String DATE = "2024-07-01";
    /** Files sheet columns. */
    private static final int KIND = 1, STATUS = 3, ROWS_READ = 4, ERROR = 9;

    @TempDir
    Path dir;
    private JobRun job;

    @BeforeEach
    void job() {
        job = new JobRun(dir, DATE);
    }

    @Test
    void indicatorTablesSideBySideAreRefusedNamingTheRepeatedColumnsNeverBookedToTheFirstTablesZones() throws Exception {
        OneSheetWorkbook.write(job.input().resolve("sbs.xlsx"), "2024年3月", new Object[][] {
                {"城市", "期间", "出口额（亿元）", null, "城市", "期间", "进口额（亿元）"},
                {"杭州市", "2024-03", 1.5, null, "深圳市", "2024-03", 7.5},
                {"宁波市", "2024-03", 2.5, null, "广州市", "2024-03", 8.5}});

        assertThat(job.run("--allow-rejects")).as("a refused sheet is a data error, as an ambiguous one is")
                .isEqualTo(65);

        assertThat(job.reportPath()).as("Shenzhen's imports are never published as Hangzhou's").doesNotExist();
        PublishedWorkbook dq = job.dataQuality();
        List<String> sheet = dq.rowWhere("Files", 0, "sbs.xlsx").orElseThrow();
        assertThat(sheet.subList(KIND, ROWS_READ + 1)).containsExactly("Zone indicators", "2024年3月", "REJECTED", "0");
        assertThat(sheet.get(ERROR)).startsWith("header row 1 names zone in A (城市) and E (城市), period in B (期间) and "
                + "F (期间), where a zone indicators row has one of each: the sheet is not read")
                .endsWith("If these are two tables side by side, put each table in its own sheet; otherwise remove or "
                        + "rename the extra column");
        assertThat(dq.rowWhere("Checks", 0, "Header names each column once").orElseThrow().subList(1, 5))
                .containsExactly("sbs.xlsx!2024年3月", "one column each", "a column twice", "FAIL");
    }

    @Test
    void theSameTablesInSheetsOfTheirOwnAreReadEachWithItsZones() throws Exception {
        // What the refusal tells the user to do, and what it gives.
        OneSheetWorkbook.write(job.input().resolve("exports.xlsx"), "2024年3月", new Object[][] {
                {"城市", "期间", "出口额（亿元）"}, {"杭州市", "2024-03", 1.5}, {"宁波市", "2024-03", 2.5}});
        OneSheetWorkbook.write(job.input().resolve("imports.xlsx"), "2024年3月", new Object[][] {
                {"城市", "期间", "进口额（亿元）"}, {"深圳市", "2024-03", 7.5}, {"广州市", "2024-03", 8.5}});

        assertThat(job.run()).isZero();

        List<List<String>> figures = job.report().rows("Zone Indicators");
        assertThat(figures.stream().skip(1).map(r -> r.get(2) + " " + r.get(4) + " " + r.get(5)))
                .containsExactlyInAnyOrder("杭州市 Exports 150,000,000.00", "宁波市 Exports 250,000,000.00",
                        "深圳市 Imports 750,000,000.00", "广州市 Imports 850,000,000.00");
    }

    @Test
    void registryTablesSideBySideAreRefusedRatherThanLosingTheRightHandZones() throws Exception {
        OneSheetWorkbook.write(job.input().resolve("sbs-reg.xlsx"), "第七批", new Object[][] {
                {"城市", "省份", null, "城市", "省份"},
                {"廊坊市", "河北省", null, "沧州市", "河北省"},
                {"运城市", "山西省", null, "包头市", "内蒙古自治区"}});

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        List<String> sheet = job.dataQuality().rowWhere("Files", 0, "sbs-reg.xlsx").orElseThrow();
        assertThat(sheet.subList(KIND, STATUS + 1)).containsExactly("Zone registry", "第七批", "REJECTED");
        assertThat(sheet.get(ERROR)).startsWith("header row 1 names zone in A (城市) and D (城市), where a zone registry "
                + "row has one of each");
    }

    @Test
    void aSecondRegistryTableStackedBelowTheFirstIsRejectedNeverGivenTheFirstTablesBatch() throws Exception {
        OneSheetWorkbook.write(job.input().resolve("two-tables.xlsx"), "名单", new Object[][] {
                {"第六批跨境电子商务综合试验区名单（国函〔2022〕8号）"},
                {"批复日期：2022年1月"},
                {"城市", "省份"},
                {"鄂尔多斯市", "内蒙古自治区"}, {"扬州市", "江苏省"}, {"镇江市", "江苏省"},
                {"合计：3个"},
                {},
                {"第七批跨境电子商务综合试验区名单（国函〔2022〕126号）"},
                {"批复日期：2022年11月14日"},
                {"城市", "省份"},
                {"廊坊市", "河北省"}, {"沧州市", "河北省"},
                {"合计：2个"}});

        assertThat(job.run("--allow-rejects")).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.rows("Pilot Zones").stream().skip(1).map(r -> r.get(2) + " " + r.get(6) + " " + r.get(8)))
                .as("Langfang and Cangzhou are batch 7 (国函〔2022〕126号), never batch 6")
                .containsExactly("鄂尔多斯市 6 国函〔2022〕8号", "扬州市 6 国函〔2022〕8号", "镇江市 6 国函〔2022〕8号");
        assertThat(report.rows("Zones by Batch").stream().skip(1).map(r -> r.get(0) + " " + r.get(3)))
                .containsExactly("6 3", "Total 3");
        PublishedWorkbook dq = job.dataQuality();
        List<List<String>> rejected = dq.rows("Rejected Rows");
        assertThat(rejected.stream().skip(1).filter(r -> Integer.parseInt(r.get(2)) >= 11)
                .map(r -> r.get(2) + " " + r.get(3) + " " + r.get(4) + ": " + r.get(5))).containsExactly(
                "11 A (城市) 城市: row 11 repeats the header of row 3: a second table starts here, and it is not read, "
                        + "as it would take the first table's title (batch, document, date, period, unit) for its own: "
                        + "put each table in its own sheet, with its title above its header (or, if this row only "
                        + "repeats the header within one table, delete it)",
                "12 A (城市) 廊坊市: in a second table, below the header repeated on row 11: not read (one table per "
                        + "sheet): put each table in its own sheet, with its title above its header",
                "13 A (城市) 沧州市: in a second table, below the header repeated on row 11: not read (one table per "
                        + "sheet): put each table in its own sheet, with its title above its header",
                "14 A (城市) 合计：2个: in a second table, below the header repeated on row 11: not read (one table per "
                        + "sheet): put each table in its own sheet, with its title above its header");
        // The first table's total covers its own rows; the second table's is not checked against anything.
        assertThat(dq.rows("Checks").stream().filter(r -> r.get(0).startsWith("Stated"))
                .map(r -> r.get(1) + " " + r.get(2) + " " + r.get(3) + " " + r.get(4)))
                .containsExactly("two-tables.xlsx!名单 (batch 6) 3 3 PASS");
    }

    @Test
    void aSecondIndicatorTableStackedBelowTheFirstIsNotBookedToTheFirstTablesMonth() throws Exception {
        OneSheetWorkbook.write(job.input().resolve("monthly.xlsx"), "进出口", new Object[][] {
                {"2024年3月跨境电商出口额"},
                {"城市", "出口额（亿元）"},
                {"杭州市", 1.5}, {"宁波市", 2.5},
                {},
                {"2024年4月跨境电商出口额"},
                {"城市", "出口额（亿元）"},
                {"杭州市", 9.5}, {"宁波市", 8.5}});

        assertThat(job.run("--allow-rejects")).isZero();

        assertThat(job.report().rows("Zone Indicators").stream().skip(1)
                .map(r -> r.get(0) + " " + r.get(2) + " " + r.get(5) + " " + r.get(7)))
                .as("April's figures are never published as March's")
                .containsExactly("2024-03 杭州市 150,000,000.00 monthly.xlsx!进出口!3",
                        "2024-03 宁波市 250,000,000.00 monthly.xlsx!进出口!4");
        List<List<String>> rejected = job.dataQuality().rows("Rejected Rows");
        assertThat(rejected.stream().skip(1).map(r -> r.get(2) + " " + r.get(4) + " " + r.get(5).split(":")[0]))
                .containsExactly("6 2024年4月跨境电商出口额 unknown zone '2024年4月跨境电商出口额'",
                        "7 城市 row 7 repeats the header of row 2",
                        "8 杭州市 in a second table, below the header repeated on row 7",
                        "9 宁波市 in a second table, below the header repeated on row 7");
    }
}
