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
}
