package io.cbec.etl.job;

import io.cbec.etl.CbecEtlApplication;
import io.cbec.etl.fixtures.JobRun;
import io.cbec.etl.fixtures.PublishedWorkbook;
import io.cbec.etl.fixtures.ReferenceZones;
import io.cbec.etl.fixtures.RegistryWorkbook;
import io.cbec.etl.fixtures.SampleInputGenerator;
import io.cbec.etl.report.ReportFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job on the pilot-zone registry, run through the real entry point on a real H2 file database
 * and real workbooks; each test asserts what a user sees: the exit code and the published cells.
 */
class RegistryReportJobTest {

    private static final String DATE = "2024-01-31";

    @TempDir
    Path dir;
    private JobRun job;

    @BeforeEach
    void job() {
        job = new JobRun(dir, DATE);
    }

    @Test
    void cleanRegistryPublishesAReportOf165ZonesIn7Batches() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        SampleInputGenerator.writeEnglishCsv(dir.resolve("input/export-en.csv"));

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.sheetNames()).containsExactly("Summary", "Zones by Batch", "Zones by Province", "Pilot Zones",
                "Checks");
        assertThat(report.summary("Validation")).isEqualTo("PASSED");
        assertThat(report.summary("Active pilot zones")).isEqualTo("165");
        assertThat(report.summary("Approved pilot zones")).isEqualTo("165");
        assertThat(report.summary("Revoked pilot zones")).isEqualTo("0");
        assertThat(report.summary("Batches")).isEqualTo("7");
        assertThat(report.summary("Latest batch")).isEqualTo("7");
        assertThat(report.summary("Latest batch zones")).isEqualTo("33");
        assertThat(report.summary("Latest batch approved")).isEqualTo("2022-11-14");
        assertThat(report.summary("Provinces covered")).isEqualTo("31");

        List<List<String>> byBatch = report.rows("Zones by Batch");
        assertThat(byBatch.get(0)).containsExactly("Batch", "Approved", "Document", "Zones approved", "Revoked",
                "Active", "Cumulative active");
        assertThat(byBatch.get(1)).containsExactly("1", "2015-03-07", "国函〔2015〕44号", "1", "0", "1", "1");
        assertThat(byBatch.get(6)).containsExactly("6", "2022-01", "国函〔2022〕8号", "27", "0", "27", "132");
        assertThat(byBatch.get(7)).containsExactly("7", "2022-11-14", "国函〔2022〕126号", "33", "0", "33", "165");
        assertThat(byBatch.get(8).subList(0, 6)).containsExactly("Total", "", "", "165", "0", "165");

        List<String> guangdong = report.rowWhere("Zones by Province", 0, "Guangdong").orElseThrow();
        assertThat(guangdong.subList(0, 6)).containsExactly("Guangdong", "广东省", "440000", "East", "21", "12.7%");
        assertThat(report.rows("Zones by Province").get(1).get(0)).isEqualTo("Guangdong"); // most zones first

        List<List<String>> zones = report.rows("Pilot Zones");
        assertThat(zones).hasSize(166);
        assertThat(zones.get(0)).containsExactly("Code", "Zone", "Zone (zh)", "Province", "Province (zh)", "Region",
                "Batch", "Approved", "Document", "Status", "Revoked", "Source", "Also listed in");
        assertThat(zones.get(1).subList(0, 10)).containsExactly("330100", "Hangzhou", "杭州市", "Zhejiang", "浙江省",
                "East", "1", "2015-03-07", "国函〔2015〕44号", "Active");
        // Source is one file!sheet!row, the first the inputs list (the report contract); the other listings beside it.
        assertThat(zones.get(1).subList(11, 13)).containsExactly("export-en.csv!export-en!2", "名单.xlsx!第一批!4");
        List<String> xiongan = report.rowWhere("Pilot Zones", 2, "雄安新区").orElseThrow();
        assertThat(xiongan.get(0)).isEmpty();
        assertThat(xiongan.get(3)).isEqualTo("Hebei");
        assertThat(report.rowWhere("Pilot Zones", 2, "台州市").orElseThrow().get(0)).isEqualTo("331000");
        assertThat(report.rowWhere("Pilot Zones", 2, "泰州市").orElseThrow().get(0)).isEqualTo("321200");
        assertThat(report.rowWhere("Pilot Zones", 2, "哈尔滨市").orElseThrow().get(1)).isEqualTo("Harbin");

        // Batch 6 is known to the month (2022年1月): its date keeps that precision in text too.
        assertThat(report.rows("Checks").stream().filter(r -> r.get(1).equals("batch 6"))).singleElement()
                .satisfies(r -> assertThat(r.subList(0, 5)).containsExactly("Batch has one approval date and document",
                        "batch 6", "one date and one document", "2022-01 / 国函〔2022〕8号", "PASS"));
        assertThat(report.rows("Checks").stream().skip(1).map(r -> r.get(4))).containsOnly("PASS");
        assertThat(report.rows("Checks").stream().filter(r -> r.get(0).equals("Stated total"))).hasSize(8);
        assertThat(job.dataQuality().rows("Rejected Rows")).hasSize(1);
    }

    @Test
    void aWrongStatedTotalFailsWithItsPlaceAndPublishesNoReport() throws Exception {
        RegistryWorkbook.allBatches().statedTotal(7, 34).writeTo(dir.resolve("input/名单.xlsx"));

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        PublishedWorkbook dq = job.dataQuality();
        List<String> failed = dq.rowWhere("Checks", 4, "FAIL").orElseThrow();
        assertThat(failed.get(0)).isEqualTo("Stated total");
        assertThat(failed.get(2)).isEqualTo("34");
        assertThat(failed.get(3)).isEqualTo("33");
        assertThat(failed.get(6)).startsWith("名单.xlsx!第七批!37");
    }

    @Test
    void aStatedTotalTooLargeToStageIsRejectedWithItsPlaceNotAFailedRun() throws Exception {
        // It failed its insert, and with it the run: exit 70 and no data-quality workbook.
        RegistryWorkbook.allBatches().statedTotal(7, "1".repeat(40)).writeTo(dir.resolve("input/名单.xlsx"));

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        List<String> rejected = dq.rowWhere("Rejected Rows", 0, "名单.xlsx").orElseThrow();
        assertThat(rejected.subList(0, 5)).containsExactly("名单.xlsx", "第七批", "37", "A (序号)",
                "合计：" + "1".repeat(40) + "个");
        assertThat(rejected.get(5)).startsWith("a stated count of 40 digits in '合计:").endsWith("' is beyond any "
                + "number of zones: check the total (at most 18 digits)");
        assertThat(dq.rowWhere("Files", 2, "第七批").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("34", "33", "1", "0");
    }

    @Test
    void anUnknownZoneIsRejectedWithItsPlaceAndFailsUnlessRejectsAreAllowed() throws Exception {
        RegistryWorkbook.allBatches().batches(7).editRows(rows -> {
            rows.set(4, new String[] {"火星市", "吉林省"});
            return rows;
        }).writeTo(dir.resolve("input/名单.xlsx"));

        assertThat(job.run()).isEqualTo(65);
        assertThat(job.reportPath()).doesNotExist();
        List<List<String>> rejected = job.dataQuality().rows("Rejected Rows");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(1).subList(0, 5)).containsExactly("名单.xlsx", "第七批", "8", "B (城市)", "火星市");
        assertThat(rejected.get(1).get(5)).contains("unknown zone '火星市'");

        assertThat(job.run("--allow-rejects")).isZero();
        PublishedWorkbook report = job.report();
        assertThat(report.summary("Validation")).isEqualTo("PASSED WITH REJECTS");
        assertThat(report.summary("Active pilot zones")).isEqualTo("32");
    }

    /**
     * An analyst publishes by hand with --allow-rejects while cron runs without it: cron's failing run rewrites
     * the data-quality workbook, so the next --allow-rejects run must rebuild it rather than say "nothing to do"
     * beside a report that contradicts it.
     */
    @Test
    void switchingAllowRejectsBackAndForthNeverLeavesADataQualityWorkbookThatContradictsTheReport() throws Exception {
        RegistryWorkbook.allBatches().batches(7).editRows(rows -> {
            rows.set(4, new String[] {"火星市", "吉林省"});
            return rows;
        }).writeTo(dir.resolve("input/名单.xlsx"));
        assertThat(job.run("--allow-rejects")).isZero();
        assertThat(job.run()).isEqualTo(65);
        assertThat(job.dataQuality().rowWhere("Checks", 0, "No rejected rows").orElseThrow()).contains("FAIL");

        assertThat(job.run("--allow-rejects")).isZero();

        assertThat(job.dataQuality().rowWhere("Checks", 0, "No rejected rows").orElseThrow()).contains("WARN")
                .doesNotContain("FAIL");
        assertThat(job.report().summary("Validation")).isEqualTo("PASSED WITH REJECTS");
        assertThat(ReportFiles.runId(job.dataQualityPath())).isEqualTo(ReportFiles.runId(job.reportPath()))
                .hasValueSatisfying(id -> assertThat(id).endsWith("-allow-rejects"));
        assertThat(job.report().summary("Run id")).endsWith("-allow-rejects");
    }

    @Test
    void aSecondRunWithTheSameInputsDoesNothing() throws Exception {
        RegistryWorkbook.allBatches().batches(1, 2).writeTo(dir.resolve("input/名单.xlsx"));
        assertThat(job.run()).isZero();
        byte[] first = Files.readAllBytes(job.reportPath());
        Files.setLastModifiedTime(job.reportPath(), FileTime.fromMillis(0));

        assertThat(job.run()).isZero();

        assertThat(Files.getLastModifiedTime(job.reportPath())).isEqualTo(FileTime.fromMillis(0));
        assertThat(Files.readAllBytes(job.reportPath())).isEqualTo(first);
        // The job repository is the JDBC one in the state folder: one instance, one execution, four steps.
        String url = "jdbc:h2:file:" + dir.resolve("output/.state/cbec-etl");
        try (Connection db = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = db.createStatement().executeQuery("""
                     SELECT (SELECT COUNT(*) FROM BATCH_JOB_INSTANCE), (SELECT COUNT(*) FROM BATCH_JOB_EXECUTION),
                            (SELECT COUNT(*) FROM BATCH_STEP_EXECUTION), (SELECT MAX(STATUS) FROM BATCH_JOB_EXECUTION)""")) {
            rs.next();
            assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).containsExactly(1, 1, 4);
            assertThat(rs.getString(4)).isEqualTo("COMPLETED");
        }
    }

    @Test
    void aDataQualityWorkbookRewrittenByOtherInputsIsRebuiltWhenTheFirstInputsComeBack() throws Exception {
        Path registry = dir.resolve("input/名单.xlsx");
        RegistryWorkbook.allBatches().batches(1, 2).writeTo(registry);
        assertThat(job.run()).isZero();
        Path aside = Files.move(registry, dir.resolve("名单.xlsx"));
        // Other inputs for the same date fail: the data-quality workbook (always written) is theirs now.
        RegistryWorkbook.allBatches().batches(7).editRows(rows -> {
            rows.set(4, new String[] {"火星市", "吉林省"});
            return rows;
        }).writeTo(dir.resolve("input/other.xlsx"));
        assertThat(job.run()).isEqualTo(65);
        assertThat(job.dataQuality().rows("Rejected Rows")).hasSize(2);

        Files.delete(dir.resolve("input/other.xlsx"));
        Files.move(aside, registry);
        assertThat(job.run()).isZero();

        // Not "nothing to do" beside a data-quality workbook that lists a file no longer there: both rebuilt.
        assertThat(job.dataQuality().rows("Rejected Rows")).hasSize(1);
        assertThat(job.dataQuality().rows("Files")).extracting(row -> row.get(0)).containsOnly("File", "名单.xlsx");
        assertThat(job.report().summary("Validation")).isEqualTo("PASSED");
        assertThat(ReportFiles.runId(job.dataQualityPath())).isEqualTo(ReportFiles.runId(job.reportPath()))
                .isPresent();
        byte[] rebuilt = Files.readAllBytes(job.dataQualityPath());
        assertThat(job.run()).isZero();
        assertThat(Files.readAllBytes(job.dataQualityPath())).isEqualTo(rebuilt); // and now nothing to do
    }

    @Test
    void aRevocationSheetLowersTheActiveCount() throws Exception {
        RegistryWorkbook.allBatches().revocations(List.<String[]>of(new String[] {"义乌", "浙江", "2024-01-15"}))
                .writeTo(dir.resolve("input/名单.xlsx"));

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.summary("Active pilot zones")).isEqualTo("164");
        assertThat(report.summary("Revoked pilot zones")).isEqualTo("1");
        List<String> yiwu = report.rowWhere("Pilot Zones", 0, "330782").orElseThrow();
        assertThat(yiwu.subList(9, 11)).containsExactly("Revoked", "2024-01-15");
        assertThat(report.rows("Zones by Batch").get(3)).containsExactly("3", "2018-07-24", "国函〔2018〕93号", "22",
                "1", "21", "34");
    }

    @Test
    void anExcel97WorkbookAndAGb18030SemicolonCsvAreReadLikeAnyOther() throws Exception {
        RegistryWorkbook.allBatches().batches(1, 2).writeTo(dir.resolve("input/old.xls"));
        StringBuilder csv = new StringBuilder("批次;城市;省份;批复日期\r\n");
        for (var z : ReferenceZones.batch(3)) {
            csv.append("第三批;").append(z.nameZh()).append(';').append(z.provinceZh()).append(";2018年7月24日\r\n");
        }
        Files.write(dir.resolve("input/第三批.csv"), csv.toString().getBytes(java.nio.charset.Charset.forName("GB18030")));

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.summary("Active pilot zones")).isEqualTo("35");
        assertThat(report.rows("Zones by Batch").get(3)).containsExactly("3", "2018-07-24", "", "22", "0", "22", "35");
        assertThat(report.rowWhere("Pilot Zones", 2, "呼和浩特市").orElseThrow().get(11)).isEqualTo("第三批.csv!第三批!3");
    }

    @Test
    void aMissingInputFolderExits66() {
        assertThat(job.run()).isEqualTo(66);
        assertThat(job.reportPath()).doesNotExist();
    }

    @Test
    void aFileThatIsNotASpreadsheetExits66AndIsListedWithTheGoodOnes() throws Exception {
        RegistryWorkbook.allBatches().batches(1).writeTo(dir.resolve("input/名单.xlsx"));
        Files.writeString(dir.resolve("input/report.xlsx"), "%PDF-1.4 not really a workbook");

        assertThat(job.run()).isEqualTo(66);

        assertThat(job.reportPath()).doesNotExist();
        PublishedWorkbook dq = job.dataQuality();
        assertThat(dq.rowWhere("Files", 0, "名单.xlsx").orElseThrow().get(3)).isEqualTo("READ");
        List<String> pdf = dq.rowWhere("Files", 0, "report.xlsx").orElseThrow();
        assertThat(pdf.get(3)).isEqualTo("REJECTED");
        assertThat(pdf.get(9)).contains("PDF");
    }

    @Test
    void commandLineErrorsAndHelp() {
        assertThat(CbecEtlApplication.run("--help")).isZero();
        assertThat(CbecEtlApplication.run("--frobnicate")).isEqualTo(64);
        assertThat(CbecEtlApplication.run("--report-date=31/01/2024")).isEqualTo(64);
    }

    @Test
    void aBadSettingIsAConfigurationErrorNotACrash() throws Exception {
        RegistryWorkbook.allBatches().batches(1).writeTo(dir.resolve("input/名单.xlsx"));
        System.setProperty("cbec.progress-interval", "every now and then");
        try {
            assertThat(job.run()).isEqualTo(64);
        } finally {
            System.clearProperty("cbec.progress-interval");
        }
        assertThat(job.reportPath()).doesNotExist();
    }
}
