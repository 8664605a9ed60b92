package io.cbec.etl.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cbec.etl.fixtures.IndicatorWorkbook;
import io.cbec.etl.fixtures.JobRun;
import io.cbec.etl.fixtures.OneSheetWorkbook;
import io.cbec.etl.fixtures.PublishedWorkbook;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * App-analytics exports end to end: what "North America" covers under each setting, daily and monthly
 * figures of the same days, and revenue in a currency the job does not read.
 */
class PlatformMetricsJobTest {

    private static final String DATE = "2023-02-01";
    private static final String NORTH_AMERICA_SETTING = "cbec.regions.north-america";

    @TempDir
    Path dir;
    private JobRun job;

    @BeforeEach
    void job() {
        job = new JobRun(dir, DATE);
    }

    @AfterEach
    void clearSetting() {
        System.clearProperty(NORTH_AMERICA_SETTING);
    }

    private Path workbook(String file, String sheetName, Object[][] rows) throws Exception {
        return OneSheetWorkbook.write(dir.resolve("input").resolve(file), sheetName, rows);
    }

    /** US 100, Canada 20, Mexico 30: "North America" 120 is Northern America; 150 would be the continent. */
    private void northAmericaExport() throws Exception {
        LocalDate day = LocalDate.of(2023, 1, 31);
        workbook("na.xlsx", "Downloads", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {day, "Temu", "United States", 100},
            {day, "Temu", "Canada", 20},
            {day, "Temu", "Mexico", 30},
            {day, "Temu", "North America", 120},
            {day, "Temu", "Worldwide", 150},
        });
    }

    @Test
    void northAmericaIsNorthernAmericaByDefault() throws Exception {
        northAmericaExport();

        assertThat(job.run()).isZero();

        List<List<String>> totals = job.dataQuality().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Stated platform total")).toList();
        // Each stated total has its own row: the stated figure against the sum of its countries, and its cell.
        assertThat(totals).extracting(r -> String.join(" | ", r.subList(1, 7))).containsExactly(
                "Temu downloads, Northern America, 2023-01-31 | 120 | 120 | PASS | 'Northern America' equals the sum of its"
                        + " 2 countries in the sheet | na.xlsx!Downloads!5 D (Downloads)",
                "Temu downloads, Worldwide, 2023-01-31 | 150 | 150 | PASS | 'Worldwide' equals the sum of its 3"
                        + " countries in the sheet | na.xlsx!Downloads!6 D (Downloads)");
        // The North America and Worldwide rows are total rows, as 合计 rows are in a registry: read = accepted + totals.
        assertThat(job.dataQuality().rowWhere("Files", 0, "na.xlsx").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("5", "3", "0", "2");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void eachPassingStatedTotalHasItsOwnRowWithTheStatedFigureAndTheSumAndIsNotLogged(CapturedOutput output)
            throws Exception {
        workbook("daily.xlsx", "Downloads", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {LocalDate.of(2023, 1, 1), "Temu", "United States", 7000},
            {LocalDate.of(2023, 1, 1), "Temu", "Canada", 4980},
            {LocalDate.of(2023, 1, 1), "Temu", "Worldwide", "1.2万"},
            {LocalDate.of(2023, 1, 2), "Temu", "United States", 10},
            {LocalDate.of(2023, 1, 2), "Temu", "Canada", 5},
            {LocalDate.of(2023, 1, 2), "Temu", "Worldwide", 15},
        });

        assertThat(job.run()).isZero();

        for (PublishedWorkbook workbook : List.of(job.report(), job.dataQuality())) {
            List<List<String>> checks = workbook.rows("Checks");
            assertThat(checks.stream().filter(r -> r.get(0).equals("Stated platform total"))).containsExactly(
                    List.of("Stated platform total", "Temu downloads, Worldwide, 2023-01-01", "12,000", "11,980", "PASS",
                            "'Worldwide' matches the sum of its 2 countries in the sheet within the rounding shown",
                            "daily.xlsx!Downloads!4 D (Downloads)"),
                    List.of("Stated platform total", "Temu downloads, Worldwide, 2023-01-02", "15", "15", "PASS",
                            "'Worldwide' equals the sum of its 2 countries in the sheet",
                            "daily.xlsx!Downloads!7 D (Downloads)"));
            int first = workbook.rowIndexWhere("Checks", 1, "Temu downloads, Worldwide, 2023-01-01");
            assertThat(workbook.values("Checks").get(first).subList(2, 4)).containsExactly(12_000.0, 11_980.0);
        }
        // The log lists what did not pass, not a line per passing total.
        assertThat(output.getOut()).doesNotContain("Stated platform total");
    }

    @Test
    void northAmericaAsTheContinentFailsTheSameStatedTotal() throws Exception {
        System.setProperty(NORTH_AMERICA_SETTING, "continent");
        northAmericaExport();

        assertThat(job.run()).isEqualTo(65);

        List<String> failed = job.dataQuality().rowWhere("Checks", 4, "FAIL").orElseThrow();
        assertThat(failed.get(0)).isEqualTo("Stated platform total");
        assertThat(failed.get(1)).isEqualTo("Temu downloads, North America, 2023-01-31");
        assertThat(failed.get(2)).isEqualTo("120");
        assertThat(failed.get(3)).isEqualTo("150");
        assertThat(failed.get(6)).isEqualTo("na.xlsx!Downloads!5 D (Downloads)");
        assertThat(job.dataQuality().rowWhere("Checks", 1, "Temu downloads, Worldwide, 2023-01-31").orElseThrow()
                .get(4)).isEqualTo("PASS");
    }

    @Test
    void anUnknownNorthAmericaSettingStopsTheRun() throws Exception {
        System.setProperty(NORTH_AMERICA_SETTING, "americas");
        northAmericaExport();

        assertThat(job.run()).isNotZero();

        assertThat(dir.resolve("output/cbec-report-" + DATE + ".xlsx")).doesNotExist();
    }

    @Test
    void dailyAndMonthlyFiguresOfTheSameDaysFailNamingBothSheets() throws Exception {
        workbook("daily.xlsx", "Daily", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {LocalDate.of(2023, 1, 1), "Temu", "United States", 10},
            {LocalDate.of(2023, 1, 2), "Temu", "United States", 11},
            {LocalDate.of(2023, 1, 2), "Temu", "Canada", 3},
        });
        workbook("monthly.xlsx", "Monthly", new Object[][] {
            {"Month", "App", "Country", "Downloads"},
            {"2022-12", "Temu", "United States", 300},
            {"2023-01", "Temu", "United States", 320},
            {"2023-01", "Temu", "Canada", 40},
        });

        assertThat(job.run()).isEqualTo(65);

        List<List<String>> failed = job.dataQuality().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Period counted once")).toList();
        assertThat(failed).singleElement().satisfies(r -> {
            assertThat(r.get(1)).isEqualTo("Temu downloads, Canada and 1 more country, 2023-01-01 to 2023-01-02");
            assertThat(r.get(2)).isEqualTo("one granularity");
            assertThat(r.get(3)).isEqualTo("daily and monthly");
            assertThat(r.get(4)).isEqualTo("FAIL");
            assertThat(r.get(5)).startsWith("counted twice: daily rows in daily.xlsx!Daily and monthly rows in"
                    + " monthly.xlsx!Monthly");
            assertThat(r.get(6)).isEqualTo("daily.xlsx!Daily!2-4; monthly.xlsx!Monthly!3-4");
        });
    }

    @Test
    void dailyAndMonthlyFiguresOfDifferentDaysPass() throws Exception {
        workbook("daily.xlsx", "Daily", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {LocalDate.of(2023, 1, 1), "Temu", "United States", 10},
        });
        workbook("monthly.xlsx", "Monthly", new Object[][] {
            {"Month", "App", "Country", "Downloads"},
            {"2022-12", "Temu", "United States", 300},
            {"2023-01", "Temu", "Canada", 40},
        });

        assertThat(job.run()).isZero();

        assertThat(job.dataQuality().rowWhere("Checks", 0, "Period counted once").orElseThrow().get(4)).isEqualTo("PASS");
    }

    @Test
    void aDashOrAnEmptyCellIsNotReportedAndARowWithNoFigureIsRejected() throws Exception {
        // A dash in one store's column rejected the whole row, losing the other store's 1.2万 with it.
        workbook("apps.xlsx", "apps", new Object[][] {
            {"Month", "App Name", "Country", "iPhone Downloads", "Android Downloads"},
            {"2023-03", "Temu", "US", "1.2万", "—"},
            {"2023-03", "Temu", "Canada", 30, null},
            {"2023-03", "Temu", "Mexico", "N/A", 40},
            {"2023-03", "Temu", "Brazil", "-", "--"},
            {"2023-03", "Temu", "Worldwide", 12070, "/"},
        });
        // Countries as columns: a dash there is not reported either.
        workbook("wide.xlsx", "Downloads", new Object[][] {
            {"Month", "App", "United States", "Canada"},
            {"2023-03", "Shein", 500, "—"},
        });

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        List<List<String>> rejected = dq.rows("Rejected Rows");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(1).subList(0, 5)).containsExactly("apps.xlsx", "apps", "5", "C (Country)", "Brazil");
        assertThat(rejected.get(1).get(5)).isEqualTo("no figure in the row for Temu in Brazil on 2023-03: fill the"
                + " downloads or revenue columns or delete the row");
        assertThat(dq.rowWhere("Files", 0, "apps.xlsx").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("5", "3", "1", "1");
        assertThat(dq.rowWhere("Files", 0, "wide.xlsx").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("1", "1", "0", "0");
        // The stated worldwide 12,070 is the sum of what was reported: 12,000 + 30 + 40.
        assertThat(dq.rowWhere("Checks", 1, "Temu downloads, Worldwide, 2023-03").orElseThrow().subList(2, 5))
                .containsExactly("12,070", "12,070", "PASS");

        assertThat(job.run("--allow-rejects")).isZero();
        List<List<String>> downloads = job.report().rows("Platform Downloads");
        assertThat(downloads.stream().skip(1).map(r -> r.get(0) + " " + r.get(2) + " " + r.get(4))).containsExactlyInAnyOrder(
                "Temu United States 12,000", "Temu Canada 30", "Temu Mexico 40", "Shein United States 500");
    }

    @Test
    void aControlAsOfADayInsideAMonthlyFigureFailsSayingTheDataCannotAnswerIt() throws Exception {
        workbook("downloads.xlsx", "Downloads", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {LocalDate.of(2023, 1, 1), "Temu", "United States", 100},
            {LocalDate.of(2023, 1, 2), "Temu", "United States", 200},
            {"2023-02", "Temu", "United States", 1000},
        });
        IndicatorWorkbook.writeControls(dir.resolve("input/controls.xlsx"), List.of(
                new String[] {"Temu downloads, United States, as of 2023-02-15", "300", ""},
                new String[] {"Temu downloads, United States, as of 2023-02-28", "1300", ""},
                new String[] {"Temu downloads, United States, as of 2023-01-31", "300", ""}));

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        List<String> midMonth = dq.rowWhere("Checks", 1, "Temu downloads, United States, as of 2023-02-15").orElseThrow();
        assertThat(midMonth.subList(3, 5)).containsExactly("", "FAIL");
        assertThat(midMonth.get(5)).startsWith("the data cannot answer 'Temu downloads, United States, as of 2023-02-15':"
                + " the monthly Temu downloads figure for 2023-02 (United States, 2023-02-01 to 2023-02-28) runs past "
                + "2023-02-15").contains("as of 2023-02-28");
        assertThat(dq.rowWhere("Checks", 1, "Temu downloads, United States, as of 2023-02-28").orElseThrow()
                .subList(3, 5)).containsExactly("1,300", "PASS");
        assertThat(dq.rowWhere("Checks", 1, "Temu downloads, United States, as of 2023-01-31").orElseThrow()
                .subList(3, 5)).containsExactly("300", "PASS");
    }

    /**
     * A period as bulletins write it (2023年4-6月) is a date "or period" too: a quarter or a year is kept at that
     * precision; a run of months no figure can hold (2023年1-6月, 2023H1) is rejected saying which forms are read.
     */
    @Test
    void aRunOfMonthsThatIsAQuarterOrAYearIsReadAndAnyOtherRunIsRejectedSayingWhatToWrite() throws Exception {
        workbook("periods.xlsx", "Downloads", new Object[][] {
            {"Period", "App", "Country", "Downloads"},
            {"2023年4-6月", "Temu", "Japan", 300},
            {"2023年1-12月", "Temu", "France", 1200},
            {"2023年1-6月", "Temu", "Italy", 600},
            {"2023H1", "Temu", "Spain", 600},
        });
        IndicatorWorkbook.writeControls(dir.resolve("input/controls.xlsx"), List.of(
                new String[] {"Temu downloads, Japan, as of 2023-06-30", "300", ""},
                new String[] {"Temu downloads, Japan, as of 2023-05-31", "300", ""},
                new String[] {"Temu downloads, France, as of 2023-12-31", "1200", ""}));

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        assertThat(dq.rowWhere("Files", 0, "periods.xlsx").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("4", "2", "2", "0");
        List<List<String>> rejected = dq.rows("Rejected Rows");
        assertThat(rejected).hasSize(3); // the header and two rows
        assertThat(rejected.get(1).subList(0, 6)).containsExactly("periods.xlsx", "Downloads", "4", "A (Period)",
                "2023年1-6月", "2023年1-6月 is a run of 6 months (2023-01/2023-06), which no platform figure holds: give a"
                        + " day (2023-06-30), a month (2023-06), a quarter (2023Q2, 2023年4-6月) or a year (2023),"
                        + " splitting the figure by quarter or month");
        assertThat(rejected.get(2).subList(2, 5)).containsExactly("5", "A (Period)", "2023H1");
        assertThat(rejected.get(2).get(5)).startsWith("2023H1 is a run of 6 months (2023-01/2023-06), which no platform"
                + " figure holds");
        // 2023年4-6月 is the quarter 2023Q2: its figure answers as of the quarter's end, not a day inside it.
        assertThat(dq.rowWhere("Checks", 1, "Temu downloads, Japan, as of 2023-06-30").orElseThrow().subList(3, 5))
                .containsExactly("300", "PASS");
        assertThat(dq.rowWhere("Checks", 1, "Temu downloads, Japan, as of 2023-05-31").orElseThrow().get(5))
                .startsWith("the data cannot answer 'Temu downloads, Japan, as of 2023-05-31': the quarterly Temu"
                        + " downloads figure for 2023Q2 (Japan, 2023-04-01 to 2023-06-30) runs past 2023-05-31");
        assertThat(dq.rowWhere("Checks", 1, "Temu downloads, France, as of 2023-12-31").orElseThrow().subList(3, 5))
                .containsExactly("1,200", "PASS");
    }

    @Test
    void aRegistryControlWithoutARegistryFailsSayingThereIsNoDataNotZero() throws Exception {
        northAmericaExport();
        IndicatorWorkbook.writeControls(dir.resolve("input/controls.xlsx"), List.<String[]>of(
                new String[] {"Zones in Zhejiang", "12", ""}));

        assertThat(job.run()).isEqualTo(65);

        List<String> zones = job.dataQuality().rowWhere("Checks", 1, "Zones in Zhejiang").orElseThrow();
        assertThat(zones.subList(2, 5)).containsExactly("12", "", "FAIL");
        assertThat(zones.get(5)).startsWith("no data: the inputs hold no pilot-zone registry to count 'Zones in "
                + "Zhejiang' from: add the registry sheet");
    }

    @Test
    void aFigureBeyondAnyAppsDownloadsIsRejectedNamingItsCellNotAFailedRun() throws Exception {
        LocalDate day = LocalDate.of(2023, 1, 31);
        workbook("huge.xlsx", "Downloads", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {day, "Temu", "Germany", "100000000000000000000000000000000000000000"},
            {day, "Temu", "France", 12},
        });

        assertThat(job.run()).isEqualTo(65);

        List<String> rejected = job.dataQuality().rowWhere("Rejected Rows", 0, "huge.xlsx").orElseThrow();
        assertThat(rejected.subList(0, 4)).containsExactly("huge.xlsx", "Downloads", "2", "D (Downloads)");
        assertThat(rejected.get(5)).contains("42 digits").contains("check the cell");
        assertThat(job.dataQuality().rowWhere("Files", 0, "huge.xlsx").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("2", "1", "1", "0");
    }

    @Test
    void aFractionalDownloadCountIsRejectedAndAWholeScaledOneRead() throws Exception {
        LocalDate day = LocalDate.of(2023, 1, 31);
        workbook("fractions.xlsx", "Downloads", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {day, "Temu", "Germany", "1,234.5"},
            {day, "Temu", "France", 12.5},
            {day, "Temu", "Italy", "1.2万"},
        });

        assertThat(job.run()).isEqualTo(65);

        List<List<String>> rejected = job.dataQuality().rows("Rejected Rows");
        assertThat(rejected.subList(1, rejected.size())).extracting(r -> r.get(2) + " " + r.get(4) + ": " + r.get(5))
                .containsExactly(
                        "2 1,234.5: downloads are a count of whole downloads, but '1,234.5' is 1234.5: correct the"
                                + " figure or its unit",
                        "3 12.5: downloads are a count of whole downloads, but '12.5' is 12.5: correct the figure or"
                                + " its unit");

        assertThat(job.run("--allow-rejects")).isZero();
        assertThat(job.report().rows("Platform Downloads").stream().skip(1).map(r -> r.get(2) + " " + r.get(4)))
                .containsExactly("Italy 12,000");
    }

    @Test
    void revenueInAnUnsupportedCurrencyIsRejectedNamingIt() throws Exception {
        LocalDate day = LocalDate.of(2023, 1, 31);
        workbook("eur.xlsx", "Revenue", new Object[][] {
            {"Date", "App", "Country", "Downloads", "Revenue (EUR)"},
            {day, "Temu", "Germany", 100, 2500},
        });
        workbook("cn.xlsx", "收入", new Object[][] {
            {"日期", "应用", "国家", "下载量", "收入（欧元）"},
            {day, "拼多多", "法国", 50, 900},
        });
        workbook("usd.xlsx", "Revenue", new Object[][] {
            {"Date", "App", "Country", "Downloads", "Revenue (USD)"},
            {day, "Shein", "United States", 70, 1200},
        });

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        List<String> eur = dq.rowWhere("Rejected Rows", 0, "eur.xlsx").orElseThrow();
        assertThat(eur.subList(0, 5)).containsExactly("eur.xlsx", "Revenue", "2", "E (Revenue (EUR))", "2500");
        assertThat(eur.get(5)).contains("in EUR").contains("only USD and CNY are supported")
                .doesNotContain("must be in US dollars");
        List<String> chinese = dq.rowWhere("Rejected Rows", 0, "cn.xlsx").orElseThrow();
        assertThat(chinese.get(5)).contains("欧元 (EUR)").contains("only USD and CNY are supported");
        assertThat(dq.rowWhere("Rejected Rows", 0, "usd.xlsx")).isEmpty();
    }

    @Test
    void eachStatedTotalIsComparedWithItsOwnSheetAndTotalsWithoutCountriesFail() throws Exception {
        LocalDate january = LocalDate.of(2023, 1, 31);
        workbook("a.xlsx", "Downloads", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {january, "Temu", "United States", 100},
            {january, "Temu", "Canada", 20},
            {january, "Temu", "Worldwide", 120},
            {LocalDate.of(2023, 2, 28), "Temu", "Worldwide", 50},
        });
        workbook("b.xlsx", "Downloads", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {january, "Temu", "Mexico", 7},
            {january, "AliExpress", "Worldwide", 10},
            {january, "Temu", "Worldwide", 7},
        });

        assertThat(job.run()).isEqualTo(65);

        List<List<String>> totals = job.dataQuality().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Stated platform total")).toList();
        assertThat(totals).extracting(r -> r.get(1) + " | " + r.get(2) + " | " + r.get(3) + " | " + r.get(4) + " | "
                + r.get(6)).containsExactly(
                "Temu downloads, Worldwide, 2023-01-31 | 120 | 120 | PASS | a.xlsx!Downloads!4 D (Downloads)",
                "Temu downloads, Worldwide, 2023-01-31 | 7 | 7 | PASS | b.xlsx!Downloads!4 D (Downloads)",
                "Temu downloads, Worldwide, 2023-02-28 | 50 | 0 | FAIL | a.xlsx!Downloads!5 D (Downloads)",
                "AliExpress downloads, Worldwide, 2023-01-31 | 10 | 0 | FAIL | b.xlsx!Downloads!3 D (Downloads)");
        assertThat(totals.get(2).get(5)).contains("its 0 countries in the sheet sum to 0");
    }

    @Test
    void aMonthlyOrQuarterlyFigureIsNamedByItsMonthOrQuarterInTheChecks() throws Exception {
        workbook("monthly.xlsx", "Downloads", new Object[][] {
            {"Month", "App", "Country", "Downloads"},
            {"2023-01", "Temu", "United States", 100},
            {"2023-01", "Temu", "Canada", 20},
            {"2023-01", "Temu", "Worldwide", 125},
            {"2023-02", "Temu", "United States", 7},
            {"2023-02", "Temu", "US", 7},
        });
        workbook("quarterly.xlsx", "Downloads", new Object[][] {
            {"Period", "App", "Country", "Downloads"},
            {"2023Q1", "Shein", "United States", 50},
            {"2023Q1", "Shein", "Worldwide", 60},
        });

        assertThat(job.run()).isEqualTo(65);

        List<List<String>> checks = job.dataQuality().rows("Checks");
        // 2023-01, not 2023-01-01: the export says nothing of a day.
        assertThat(checks.stream().filter(r -> r.get(0).equals("Stated platform total") && r.get(4).equals("FAIL"))
                .map(r -> r.get(1))).containsExactly("Temu downloads, Worldwide, 2023-01",
                "Shein downloads, Worldwide, 2023Q1");
        assertThat(checks.stream().filter(r -> r.get(0).equals("Country counted once")).map(r -> r.get(1) + " | "
                + r.get(4))).containsExactly("Temu downloads, US, 2023-02 | FAIL");
    }

    @Test
    void pastFiftyFailingTotalsTheFirstFiftyAreListedAndTheRestCounted() throws Exception {
        Object[][] rows = new Object[1 + 2 * 60][];
        rows[0] = new Object[] {"Date", "App", "Country", "Downloads"};
        for (int d = 0; d < 60; d++) {
            LocalDate day = LocalDate.of(2023, 1, 1).plusDays(d);
            rows[1 + 2 * d] = new Object[] {day, "Temu", "United States", 2};
            rows[2 + 2 * d] = new Object[] {day, "Temu", "Worldwide", 1};
        }
        workbook("many.xlsx", "Downloads", rows);

        assertThat(job.run()).isEqualTo(65);

        List<List<String>> totals = job.dataQuality().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Stated platform total")).toList();
        assertThat(totals).hasSize(51);
        assertThat(totals.get(0).get(6)).isEqualTo("many.xlsx!Downloads!3 D (Downloads)");
        assertThat(totals.get(49).get(1)).isEqualTo("Temu downloads, Worldwide, 2023-02-19");
        assertThat(totals.get(50).subList(1, 5)).containsExactly("all sheets", "0 failing", "60 failing", "FAIL");
        assertThat(totals.get(50).get(5)).startsWith("10 more failing totals");
    }

    @Test
    void aFigureRepeatedManyTimesNamesItsFirstTwentyPlacesAndCountsTheRest() throws Exception {
        Object[][] rows = new Object[26][];
        rows[0] = new Object[] {"Date", "App", "Country", "Downloads"};
        for (int r = 1; r <= 25; r++) {
            rows[r] = new Object[] {LocalDate.of(2023, 1, 31), "Temu", "United States", 100};
        }
        workbook("same.xlsx", "Downloads", rows);

        assertThat(job.run()).isEqualTo(65);

        List<String> repeated = job.dataQuality().rowWhere("Checks", 0, "Country counted once").orElseThrow();
        assertThat(repeated.get(3)).isEqualTo("25 rows");
        assertThat(repeated.get(4)).isEqualTo("FAIL");
        assertThat(repeated.get(6)).startsWith("same.xlsx!Downloads!2; same.xlsx!Downloads!3;")
                .endsWith("same.xlsx!Downloads!21; and 5 more rows");
    }

    @Test
    void aHeaderThatFitsEventsAndMetricsIsRefusedNamingBothKindsAndTheColumnsEachWouldLeaveOut() throws Exception {
        // Read as events, the downloads in D would be lost; read as metrics, the event and its value.
        workbook("both.xlsx", "Sheet1", new Object[][] {
            {"日期", "平台", "国家/地区", "下载量", "事件", "数值"},
            {LocalDate.of(2023, 1, 31), "Temu", "美国", 100, "app downloads", "nearly 20 million"},
        });
        workbook("na.xlsx", "Downloads", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {LocalDate.of(2023, 1, 31), "Temu", "United States", 100},
        });

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        String why = "header row 1 fits both Platform events and Platform metrics; the sheet is not read, as either"
                + " would leave data out (Platform events would leave out D (下载量), Platform metrics would leave out"
                + " E (事件), F (数值)): rename or remove a column so that it fits one kind, or split the sheet in two";
        PublishedWorkbook dq = job.dataQuality();
        List<String> refused = dq.rowWhere("Files", 0, "both.xlsx").orElseThrow();
        assertThat(List.of(refused.get(1), refused.get(2), refused.get(3), refused.get(4), refused.get(9)))
                .containsExactly("", "Sheet1", "REJECTED", "0", why);
        assertThat(dq.rowWhere("Checks", 0, "Header fits one kind").orElseThrow())
                .containsExactly("Header fits one kind", "both.xlsx!Sheet1", "one record kind", "two kinds", "FAIL", why,
                        "both.xlsx!Sheet1");
        // the other file is read as before
        assertThat(dq.rowWhere("Files", 0, "na.xlsx").orElseThrow().subList(1, 6))
                .containsExactly("Platform metrics", "Downloads", "READ", "1", "1");
    }

    @Test
    void sumAndAllRowsAreStatedTotalsCheckedAgainstTheirCountries() throws Exception {
        LocalDate may = LocalDate.of(2023, 5, 31);
        LocalDate june = LocalDate.of(2023, 6, 30);
        workbook("sum-all.xlsx", "Downloads", new Object[][] {
            {"Date", "App", "Market", "Downloads"},
            {may, "Shein", "United States", 100},
            {may, "Shein", "Canada", 20},
            {may, "Shein", "Sum", 120},
            {june, "Shein", "United States", 10},
            {june, "Shein", "All", 12},
        });

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.dataQuality().rows("Rejected Rows")).hasSize(1);
        assertThat(job.dataQuality().rowWhere("Files", 0, "sum-all.xlsx").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("5", "3", "0", "2");
        List<List<String>> totals = job.dataQuality().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Stated platform total")).toList();
        assertThat(totals).extracting(r -> r.get(1) + " | " + r.get(2) + " | " + r.get(3) + " | " + r.get(4) + " | "
                + r.get(6)).containsExactly(
                "Shein downloads, Worldwide, 2023-05-31 | 120 | 120 | PASS | sum-all.xlsx!Downloads!4 D (Downloads)",
                "Shein downloads, Worldwide, 2023-06-30 | 12 | 10 | FAIL | sum-all.xlsx!Downloads!6 D (Downloads)");
    }
}
