package io.cbec.etl.job;

import io.cbec.etl.fixtures.IndicatorWorkbook;
import io.cbec.etl.fixtures.MonthlyIndicatorWorkbook;
import io.cbec.etl.fixtures.JobRun;
import io.cbec.etl.fixtures.OneSheetWorkbook;
import io.cbec.etl.fixtures.PublishedWorkbook;
import io.cbec.etl.fixtures.RegistryWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Zone indicators and control totals through the real entry point: stated subtotals and totals checked
 * with the rounding shown, currencies never added, declared figures reproduced or failed, and what the
 * user then sees in the published workbooks.
 */
class IndicatorReportJobTest {

    private static final String DATE = "2024-07-31";

    @TempDir
    Path dir;
    private JobRun job;

    @BeforeEach
    void job() {
        job = new JobRun(dir, DATE);
    }


    private static List<String[]> passingControls() {
        return io.cbec.etl.fixtures.SampleInputGenerator.sampleControls();
    }

    @Test
    void indicatorsAndControlsThatAgreePublishTheReport() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        IndicatorWorkbook.firstHalf2024().writeTo(dir.resolve("input/指标.xlsx"));
        IndicatorWorkbook.writeControls(dir.resolve("input/controls.xlsx"), passingControls());

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.sheetNames()).containsSubsequence("Zones by Batch", "Zone Indicators", "Indicators by Province",
                "Checks");
        List<List<String>> figures = report.rows("Zone Indicators");
        assertThat(figures.get(0).subList(0, 8)).containsExactly("Period", "Zone", "Zone (zh)", "Province", "Indicator",
                "Value", "Unit", "Source");
        assertThat(figures).hasSize(1 + 11 * 5);
        List<String> hangzhouTrade = figures.stream().filter(r -> r.get(2).equals("杭州市")
                && r.get(4).equals("CBEC trade value")).findFirst().orElseThrow();
        assertThat(hangzhouTrade.subList(0, 8)).containsExactly("2024-01/2024-06", "Hangzhou", "杭州市", "Zhejiang",
                "CBEC trade value", "132,560,000,000.00", "CNY", "指标.xlsx!2024年1-6月!4");
        List<Object> hangzhouValue = report.values("Zone Indicators").stream()
                .filter(r -> "杭州市".equals(r.get(2)) && "CBEC trade value".equals(r.get(4))).findFirst().orElseThrow();
        assertThat(hangzhouValue.get(5)).isEqualTo(1.3256e11); // a numeric cell, not text

        List<List<String>> byProvince = report.rows("Indicators by Province");
        assertThat(byProvince.get(0)).containsExactly("Period", "Province", "Indicator", "Value", "Unit");
        assertThat(byProvince).anySatisfy(r -> assertThat(r).containsExactly("2024-01/2024-06", "Zhejiang",
                "CBEC trade value", "500,400,000,000.00", "CNY"));
        assertThat(byProvince).anySatisfy(r -> assertThat(r).containsExactly("2024-01/2024-06", "Total",
                "Overseas warehouses", "710", "count"));
        // Indicators in their fixed order (not alphabetical), provinces by code, then the Total rows.
        List<String> indicators = List.of("CBEC trade value", "Exports", "Imports", "Overseas warehouses", "Enterprises");
        List<String> expectedOrder = new ArrayList<>();
        for (String indicator : indicators) {
            for (String province : List.of("Jiangsu", "Zhejiang", "Guangdong")) { // 320000, 330000, 440000
                expectedOrder.add(indicator + " / " + province);
            }
        }
        indicators.forEach(i -> expectedOrder.add(i + " / Total"));
        assertThat(byProvince.stream().skip(1).map(r -> r.get(2) + " / " + r.get(1))).containsExactlyElementsOf(expectedOrder);

        List<List<String>> checks = report.rows("Checks");
        assertThat(checks.stream().skip(1).map(r -> r.get(4))).containsOnly("PASS");
        assertThat(checks.stream().filter(r -> r.get(0).equals("Stated subtotal")
                && r.get(1).startsWith("指标.xlsx"))).hasSize(3 * 5);
        assertThat(checks.stream().filter(r -> r.get(0).equals("Stated total")
                && r.get(1).startsWith("指标.xlsx"))).hasSize(5);
        List<List<String>> controls = checks.stream().filter(r -> r.get(0).equals("Control total")).toList();
        assertThat(controls).hasSize(5);
        assertThat(controls.get(0).subList(1, 5)).containsExactly("pilot zones nationwide", "165", "165", "PASS");
        assertThat(controls.get(1).subList(3, 5)).containsExactly("33", "PASS");
        assertThat(controls.get(2).subList(1, 5)).containsExactly("Zones in Guangdong", "21", "21", "PASS");
        assertThat(controls.get(3).subList(2, 4)).containsExactly("about 500,000,000,000 CNY", "500,400,000,000 CNY");
        assertThat(controls.get(3).get(5)).startsWith("as declared ('约5000亿元'): about: within 5 %");
        assertThat(controls.get(3).get(6)).isEqualTo("controls.xlsx!控制数!6");
        // Numbers are numeric cells (never numbers stored as text); their unit and qualifier are in the format.
        int count = report.rowIndexWhere("Checks", 1, "pilot zones nationwide");
        assertThat(report.values("Checks").get(count).subList(2, 4)).containsExactly(165.0, 165.0);
        assertThat(report.formats("Checks").get(count).subList(2, 4)).containsExactly("#,##0", "#,##0");
        int amount = report.rowIndexWhere("Checks", 1, "CBEC trade value, Zhejiang, 2024年1-6月");
        assertThat(report.values("Checks").get(amount).subList(2, 4)).containsExactly(500_000_000_000.0, 500_400_000_000.0);
        assertThat(report.formats("Checks").get(amount).subList(2, 4))
                .containsExactly("\"about \"#,##0\" CNY\"", "#,##0\" CNY\"");
        assertThat(report.summary("Indicator figures")).isEqualTo("55");
        assertThat(report.rowWhere("Checks", 0, "Figure after approval").orElseThrow().subList(1, 5))
                .containsExactly("all zone indicators", "periods from approval", "11 zones", "PASS");
    }

    @Test
    void aCurrencyWrittenBeforeTheScaleKeepsTheScale() throws Exception {
        // "5 USD million" was read as 5 USD, silently: the scale after the currency is read as in headers.
        io.cbec.etl.fixtures.OneSheetWorkbook.write(dir.resolve("input/imports.xlsx"), "2024年1-6月", new Object[][] {
                {"城市", "进口额"}, {"深圳市", "5 USD million"}, {"广州市", "2.5 million USD"}});

        assertThat(job.run()).isZero();

        List<List<String>> figures = job.report().rows("Zone Indicators");
        assertThat(figures).anySatisfy(r -> assertThat(r.subList(1, 9)).containsExactly("Shenzhen", "深圳市",
                "Guangdong", "Imports", "5,000,000.00", "USD", "imports.xlsx!2024年1-6月!2", "5 USD million"));
        assertThat(figures).anySatisfy(r -> assertThat(r.subList(1, 7)).containsExactly("Guangzhou", "广州市",
                "Guangdong", "Imports", "2,500,000.00", "USD"));
    }

    @Test
    void aSubtotalOffByOneFailsWithTheCellsPlace() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        IndicatorWorkbook.firstHalf2024().shiftSubtotal("浙江省", 1.0).writeTo(dir.resolve("input/指标.xlsx"));

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        List<List<String>> failed = job.dataQuality().rows("Checks").stream().filter(r -> r.get(4).equals("FAIL")).toList();
        assertThat(failed).hasSize(1);
        List<String> check = failed.get(0);
        assertThat(check.get(0)).isEqualTo("Stated subtotal");
        assertThat(check.get(1)).isEqualTo("指标.xlsx!2024年1-6月, CBEC trade value 2024-01/2024-06, rows 4-7");
        assertThat(check.get(2)).isEqualTo("5,005 亿元");
        assertThat(check.get(3)).isEqualTo("5,004 亿元");
        int row = job.dataQuality().rowIndexWhere("Checks", 4, "FAIL");
        assertThat(job.dataQuality().values("Checks").get(row).subList(2, 4)).containsExactly(5005.0, 5004.0);
        assertThat(job.dataQuality().formats("Checks").get(row).subList(2, 4))
                .containsExactly("#,##0\" 亿元\"", "#,##0\" 亿元\"");
        assertThat(check.get(5)).contains("difference 1").contains("浙江省小计");
        assertThat(check.get(6)).isEqualTo("指标.xlsx!2024年1-6月!C8 C (跨境电商进出口额(亿元))");
    }

    @Test
    void aSubtotalWithinTheRoundingShownPasses() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        // The subtotal cell holds 5,004.04 shown as 5,004.0: within half a unit of its last decimal.
        IndicatorWorkbook.firstHalf2024().shiftSubtotal("浙江省", 0.04).writeTo(dir.resolve("input/指标.xlsx"));

        assertThat(job.run()).isZero();

        List<String> subtotal = job.report().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Stated subtotal") && r.get(1).contains("CBEC trade value")
                        && r.get(1).endsWith("rows 4-7")).findFirst().orElseThrow();
        assertThat(subtotal.get(4)).isEqualTo("PASS");
        assertThat(subtotal.get(5)).contains("within the rounding shown");
    }

    @Test
    void aWholeCountShownWholeIsCheckedExactlyAndAScaledAmountWithinItsRoundingMatches() throws Exception {
        OneSheetWorkbook.write(dir.resolve("input/counts.xlsx"), "2024年1-6月", new Object[][] {
            {"省份", "城市", "期间", "出口额（亿元）", "海外仓数量（个）", "跨境电商企业数（家）"},
            {"浙江省", "杭州市", "2024年1-6月", 986.4, 86, 2150},
            {"浙江省", "宁波市", "2024年1-6月", 1702.5, 112, 1890},
            {"浙江省", "义乌市", "2024年1-6月", 1088.9, 64, 3420},
            {"浙江省", "温州市", "2024年1-6月", 376.1, 28, 860},
            // Exports sum to 4,153.9: 4,154 亿元 (shown whole: ±0.5) is within the rounding of the figures shown
            // (±0.05 each). Warehouses sum to 290 and are whole counts shown whole: 292 is two too many.
            {"浙江省", "浙江省小计", "2024年1-6月", 4154.0, 292, 8320},
        });

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        List<List<String>> subtotals = job.dataQuality().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Stated subtotal")).toList();
        assertThat(subtotals).extracting(r -> String.join(" | ", r.get(2), r.get(3), r.get(4), r.get(5))).containsExactly(
                "4,154 亿元 | 4,153.9 亿元 | PASS | '浙江省小计' matches the sum of its 4 rows within the rounding shown "
                        + "(difference 0.1, tolerance 0.7)",
                "292 | 290 | FAIL | '浙江省小计' states 292 but its 4 rows sum to 290: difference 2; correct the total or the "
                        + "rows",
                "8,320 | 8,320 | PASS | '浙江省小计' equals the sum of its 4 rows");
    }

    @Test
    void aTotalOverTwoCurrenciesFails() throws Exception {
        Files.createDirectories(dir.resolve("input"));
        Files.writeString(dir.resolve("input/exports-long.csv"), """
                城市,期间,指标,数值,单位
                杭州,2024,出口额,100.5,亿元
                宁波,2024,出口额,10.2,亿美元
                合计,2024,出口额,110.7,亿元
                """, StandardCharsets.UTF_8);

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        List<String> failed = job.dataQuality().rowWhere("Checks", 4, "FAIL").orElseThrow();
        assertThat(failed.get(0)).isEqualTo("Stated total");
        assertThat(failed.get(5)).contains("two currencies").contains("CNY, USD");
        assertThat(failed.get(6)).startsWith("exports-long.csv!exports-long!D4");
    }

    @Test
    void aControlThatTheDataDoNotReproduceFailsAndAnUnknownMetricListsKnownOnes() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        IndicatorWorkbook.writeControls(dir.resolve("input/controls.xlsx"), List.of(
                new String[] {"Active pilot zones", "165", ""},
                new String[] {"Zones in Guangdong", "22", "a wrong count"},
                new String[] {"Unicorns in Hangzhou", "3", ""}));

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        List<List<String>> controls = job.dataQuality().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Control total")).toList();
        assertThat(controls).hasSize(3);
        assertThat(controls.get(0).get(4)).isEqualTo("PASS");
        assertThat(controls.get(1).subList(1, 5)).containsExactly("Zones in Guangdong", "22", "21", "FAIL");
        assertThat(controls.get(1).get(6)).isEqualTo("controls.xlsx!控制数!4");
        assertThat(controls.get(2).get(4)).isEqualTo("FAIL");
        assertThat(controls.get(2).get(5)).contains("unknown metric 'unicorns'").contains("Zones in batch 7")
                .contains("CBEC trade value, Zhejiang, 2024");
    }

    @Test
    void aControlWithNoFiguresBehindItFailsSayingSoWithAnEmptyActual() throws Exception {
        // A registry and controls, but no indicator sheet: nothing to sum, in no currency.
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        IndicatorWorkbook.writeControls(dir.resolve("input/controls.xlsx"), passingControls());

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        PublishedWorkbook dq = job.dataQuality();
        List<String> trade = dq.rowWhere("Checks", 1, "CBEC trade value, Zhejiang, 2024年1-6月").orElseThrow();
        assertThat(trade.subList(2, 5)).containsExactly("about 500,000,000,000 CNY", "", "FAIL");
        assertThat(trade.get(5)).startsWith("no data: the inputs hold no CBEC trade value figure of Zhejiang for "
                        + "2024-01/2024-06").contains("add the zone indicator sheet")
                .contains("check the control's metric, place and period").doesNotContain("count").doesNotContain("null");
        List<String> warehouses = dq.rowWhere("Checks", 1, "Overseas warehouses, 2024年1-6月").orElseThrow();
        assertThat(warehouses.subList(2, 5)).containsExactly("more than 700", "", "FAIL");
        assertThat(warehouses.get(5)).startsWith("no data: the inputs hold no Overseas warehouses figure");
        int row = dq.rowIndexWhere("Checks", 1, "CBEC trade value, Zhejiang, 2024年1-6月");
        assertThat(dq.values("Checks").get(row).get(3)).isNull();
    }

    @Test
    void aControlAddsFiguresOfDifferentGranularitiesButCountsNoDayTwice() throws Exception {
        Files.createDirectories(dir.resolve("input"));
        Files.writeString(dir.resolve("input/exports-long.csv"), """
                城市,期间,指标,数值,单位
                杭州,2024Q1,出口额,1.1,亿元
                杭州,2024-04,出口额,2.2,亿元
                宁波,2024-01,出口额,1,亿元
                宁波,2024-02,出口额,2,亿元
                宁波,2024Q1,出口额,3,亿元
                温州,2024Q1,出口额,4,亿元
                温州,2024年2-4月,出口额,5,亿元
                义乌,2024年1-6月,出口额,6,亿元
                """, StandardCharsets.UTF_8);
        IndicatorWorkbook.writeControls(dir.resolve("input/controls.xlsx"), List.of(
                new String[] {"Exports, Hangzhou, 2024", "3.3亿元", "a quarter and the month after it"},
                new String[] {"Exports, Ningbo, 2024", "3亿元", "a quarter and two of its months"},
                new String[] {"Exports, Wenzhou, 2024", "9亿元", "a quarter and three months across it"},
                new String[] {"出口额, 义乌, 2024Q1", "3亿元", "half a year for a quarter"}));

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        // Q1 and April cover different days: both are added, neither is dropped.
        List<String> hangzhou = dq.rowWhere("Checks", 1, "Exports, Hangzhou, 2024").orElseThrow();
        assertThat(hangzhou.subList(2, 5)).containsExactly("330,000,000 CNY", "330,000,000 CNY", "PASS");
        assertThat(hangzhou.get(5)).contains("(sum of quarterly and monthly figures), 2 figure(s)");
        // January and February lie inside Q1: the quarter is summed, the months named as not added.
        List<String> ningbo = dq.rowWhere("Checks", 1, "Exports, Ningbo, 2024").orElseThrow();
        assertThat(ningbo.subList(3, 5)).containsExactly("300,000,000 CNY", "PASS");
        assertThat(ningbo.get(5)).contains("(sum of quarterly figures), 1 figure(s); not added, as the figures summed "
                + "cover their days: 2 monthly figure(s)");
        // Q1 and February-April share two months and nothing covers each day once: no sum.
        List<String> wenzhou = dq.rowWhere("Checks", 1, "Exports, Wenzhou, 2024").orElseThrow();
        assertThat(wenzhou.subList(3, 5)).containsExactly("", "FAIL");
        assertThat(wenzhou.get(5)).startsWith("the data overlap: Wenzhou's figures for 2024Q1, 2024-02/2024-04 count "
                + "some days twice");
        // Half a year cannot be split into its first quarter.
        List<String> yiwu = dq.rowWhere("Checks", 1, "出口额, 义乌, 2024Q1").orElseThrow();
        assertThat(yiwu.subList(3, 5)).containsExactly("", "FAIL");
        assertThat(yiwu.get(5)).startsWith("the data cannot answer '出口额, 义乌, 2024Q1': ")
                .contains("figure for 2024-01/2024-06 runs past 2024Q1 and cannot be split");
    }

    @Test
    void aFigureForAPlaceThatIsNotAPilotZoneIsRejectedWithTheReason() throws Exception {
        // No registry among the inputs: the bundled list of 2015-2022 decides.
        IndicatorWorkbook.firstHalf2024()
                .zone(new IndicatorWorkbook.ZoneFigures("江苏省", "昆山市", 120.0, 100.0, 20.0, 5, 300))
                .writeTo(dir.resolve("input/指标.xlsx"));

        assertThat(job.run()).isEqualTo(65);

        List<List<String>> rejected = job.dataQuality().rows("Rejected Rows");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(1).subList(0, 5)).containsExactly("指标.xlsx", "2024年1-6月", "17", "B (城市)", "昆山市");
        assertThat(rejected.get(1).get(5)).contains("昆山市 is not a pilot zone").contains("bundled list");

        assertThat(job.run("--allow-rejects")).isZero();
        PublishedWorkbook report = job.report();
        assertThat(report.rows("Zone Indicators")).hasSize(1 + 11 * 5);
    }

    @Test
    void aSheetWithOneColumnPerMonthPublishesEachMonthAndChecksItsSubtotals() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        // Month headers as people type them: ISO, Chinese, English, and a real date cell shown as yyyy-mm.
        MonthlyIndicatorWorkbook.of("2024年跨境电商进出口额（亿元）", "进出口额", "2024-01", "2024年2月", "Mar 2024",
                        LocalDate.of(2024, 4, 1))
                .zone("浙江省", "杭州市", 210.5, 220.3, 245.8, 251.2)
                .zone("浙江省", "宁波市", 330.1, 301.7, 352.4, 360.0)
                .zone("广东省", "深圳市", 298.6, 280.2, 310.9, 322.5)
                .zone("广东省", "广州市", 201.4, 190.6, 215.3, 220.7)
                .writeTo(dir.resolve("input/月度.xlsx"));

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        List<List<String>> figures = report.rows("Zone Indicators");
        assertThat(figures).hasSize(1 + 4 * 4);
        assertThat(figures.stream().skip(1).map(r -> r.get(0)).distinct())
                .containsExactly("2024-01", "2024-02", "2024-03", "2024-04");
        assertThat(figures).anySatisfy(r -> assertThat(r.subList(0, 8)).containsExactly("2024-03", "Hangzhou", "杭州市",
                "Zhejiang", "CBEC trade value", "24,580,000,000.00", "CNY", "月度.xlsx!进出口额!3"));
        assertThat(figures).anySatisfy(r -> assertThat(r.subList(0, 8)).containsExactly("2024-04", "Shenzhen", "深圳市",
                "Guangdong", "CBEC trade value", "32,250,000,000.00", "CNY", "月度.xlsx!进出口额!6"));

        List<List<String>> byProvince = report.rows("Indicators by Province");
        assertThat(byProvince.subList(1, byProvince.size())).containsExactly(
                List.of("2024-01", "Zhejiang", "CBEC trade value", "54,060,000,000.00", "CNY"),
                List.of("2024-01", "Guangdong", "CBEC trade value", "50,000,000,000.00", "CNY"),
                List.of("2024-02", "Zhejiang", "CBEC trade value", "52,200,000,000.00", "CNY"),
                List.of("2024-02", "Guangdong", "CBEC trade value", "47,080,000,000.00", "CNY"),
                List.of("2024-03", "Zhejiang", "CBEC trade value", "59,820,000,000.00", "CNY"),
                List.of("2024-03", "Guangdong", "CBEC trade value", "52,620,000,000.00", "CNY"),
                List.of("2024-04", "Zhejiang", "CBEC trade value", "61,120,000,000.00", "CNY"),
                List.of("2024-04", "Guangdong", "CBEC trade value", "54,320,000,000.00", "CNY"),
                List.of("2024-01", "Total", "CBEC trade value", "104,060,000,000.00", "CNY"),
                List.of("2024-02", "Total", "CBEC trade value", "99,280,000,000.00", "CNY"),
                List.of("2024-03", "Total", "CBEC trade value", "112,440,000,000.00", "CNY"),
                List.of("2024-04", "Total", "CBEC trade value", "115,440,000,000.00", "CNY"));

        List<List<String>> checks = report.rows("Checks");
        assertThat(checks.stream().skip(1).map(r -> r.get(4))).containsOnly("PASS");
        List<List<String>> subtotals = checks.stream().filter(r -> r.get(0).equals("Stated subtotal")).toList();
        assertThat(subtotals).hasSize(2 * 4);
        assertThat(subtotals.get(0).subList(1, 5)).containsExactly("月度.xlsx!进出口额, CBEC trade value 2024-01, rows 3-4",
                "540.6 亿元", "540.6 亿元", "PASS");
        assertThat(checks.stream().filter(r -> r.get(0).equals("Stated total") && r.get(1).startsWith("月度.xlsx"))).hasSize(4);
        assertThat(checks).anySatisfy(r -> assertThat(r.subList(0, 5)).containsExactly("Subtotal province",
                "月度.xlsx!进出口额, '广东省小计' rows 6-7", "rows in Guangdong", "all 2 rows in Guangdong", "PASS"));
    }

    @Test
    void monthHeadersTakeTheirYearFromTheSheetNameAndWithoutAnyYearEveryRowIsRejected() throws Exception {
        // "Jan", "Feb" on a sheet named 2024: months of 2024.
        MonthlyIndicatorWorkbook.of("各综试区跨境电商出口额（亿元）", "2024", "Jan", "Feb")
                .zone("浙江省", "杭州市", 10.5, 11.0)
                .zone("浙江省", "宁波市", 20.0, 21.5)
                .writeTo(dir.resolve("input/按月.xlsx"));
        // "1月", "2月" and no year in the title or the sheet name: nothing is read with a guessed year.
        MonthlyIndicatorWorkbook.of("跨境电商进出口额（亿元）", "Sheet1", "1月", "2月")
                .zone("浙江省", "杭州市", 1.0, 2.0)
                .writeTo(dir.resolve("input/无年份.xlsx"));

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        List<List<String>> rejected = job.dataQuality().rows("Rejected Rows").stream().skip(1).toList();
        assertThat(rejected).hasSize(3); // 杭州市, 浙江省小计, 合计
        assertThat(rejected).allSatisfy(r -> {
            assertThat(r.subList(0, 2)).containsExactly("无年份.xlsx", "Sheet1");
            assertThat(r.get(3)).isEqualTo("C (1月)");
            assertThat(r.get(5)).contains("'1月' has no year").contains("add the year to the title")
                    .contains("or the sheet name (e.g. 2024)");
        });
        assertThat(rejected.stream().map(r -> r.get(2))).containsExactly("3", "4", "5");

        assertThat(job.run("--allow-rejects")).isZero();
        List<List<String>> figures = job.report().rows("Zone Indicators");
        assertThat(figures).hasSize(1 + 2 * 2);
        assertThat(figures.get(1).subList(0, 8)).containsExactly("2024-01", "Hangzhou", "杭州市", "Zhejiang", "Exports",
                "1,050,000,000.00", "CNY", "按月.xlsx!2024!3");
        assertThat(figures.stream().skip(1).map(r -> r.get(0))).containsExactly("2024-01", "2024-01", "2024-02", "2024-02");
    }

    @Test
    void aFigureForAPeriodBeforeTheZonesApprovalIsAWarningAndTheReportPublishes() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        // 廊坊市 is of batch 7, approved 2022-11-14: a 2021 figure predates it. 杭州市 (2015) does not.
        IndicatorWorkbook.firstHalf2024().title("2021年各综试区跨境电商主要指标", "2021").replaceZones(List.of(
                        new IndicatorWorkbook.ZoneFigures("浙江省", "杭州市", 1025.6, 786.4, 239.2, 60, 1800),
                        new IndicatorWorkbook.ZoneFigures("河北省", "廊坊市", 12.4, 9.8, 2.6, 3, 85)))
                .writeTo(dir.resolve("input/指标.xlsx"));

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        List<List<String>> warnings = report.rows("Checks").stream().filter(r -> r.get(4).equals("WARN")).toList();
        List<String> warning = warnings.stream().filter(r -> r.get(0).equals("Figure after approval")).findFirst()
                .orElseThrow();
        assertThat(warning.subList(1, 5)).containsExactly("廊坊市", "periods from 2022-11-14", "2021", "WARN");
        assertThat(warning.get(5)).contains("廊坊市 was approved as a pilot zone on 2022-11-14")
                .contains("earlier periods (2021)");
        assertThat(warning.get(6)).isEqualTo("指标.xlsx!2021!6");
        assertThat(warnings.stream().filter(r -> r.get(1).contains("杭州"))).isEmpty();
        assertThat(report.rows("Checks").stream().map(r -> r.get(4))).doesNotContain("FAIL");
        // Still published: the figure is reported, the warning tells the reader to look at it.
        assertThat(report.rows("Zone Indicators")).anySatisfy(r -> assertThat(r.subList(0, 6)).containsExactly("2021",
                "Langfang", "廊坊市", "Hebei", "CBEC trade value", "1,240,000,000.00"));
        assertThat(job.dataQuality().rowWhere("Checks", 0, "Figure after approval").orElseThrow().get(4)).isEqualTo("WARN");
    }

    @Test
    void aProvinceSubtotalCoveringAZoneOfAnotherProvinceFailsNamingTheStrayRow() throws Exception {
        // 苏州市 (Jiangsu) sorted into the Zhejiang block: 浙江省小计 sums it, so the figures agree.
        IndicatorWorkbook.firstHalf2024().misplace("苏州市", "浙江省").writeTo(dir.resolve("input/指标.xlsx"));

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        List<List<String>> checks = job.dataQuality().rows("Checks");
        assertThat(checks.stream().filter(r -> r.get(0).startsWith("Stated")).map(r -> r.get(4))).containsOnly("PASS");
        List<List<String>> failed = checks.stream().filter(r -> r.get(4).equals("FAIL")).toList();
        assertThat(failed).hasSize(1);
        List<String> check = failed.get(0);
        assertThat(check.subList(0, 5)).containsExactly("Subtotal province", "指标.xlsx!2024年1-6月, '浙江省小计' rows 4-8",
                "rows in Zhejiang", "1 of 5 rows elsewhere", "FAIL");
        assertThat(check.get(5)).contains("'浙江省小计' at 指标.xlsx!2024年1-6月!B9").contains("row 8 苏州市 (Jiangsu)")
                .contains("move each row into its province's group");
        assertThat(check.get(6)).isEqualTo("指标.xlsx!2024年1-6月!B9 B (城市)");
        assertThat(checks.stream().filter(r -> r.get(0).equals("Subtotal province") && r.get(4).equals("PASS")))
                .hasSize(2);
    }
}
