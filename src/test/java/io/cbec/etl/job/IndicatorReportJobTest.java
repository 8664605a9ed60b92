package io.cbec.etl.job;

import io.cbec.etl.fixtures.IndicatorWorkbook;
import io.cbec.etl.fixtures.MonthlyIndicatorWorkbook;
import io.cbec.etl.fixtures.JobRun;
import io.cbec.etl.fixtures.OneSheetWorkbook;
import io.cbec.etl.fixtures.PublishedWorkbook;
import io.cbec.etl.fixtures.RegistryWorkbook;
import io.cbec.etl.fixtures.SampleInputGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        return SampleInputGenerator.sampleControls();
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
        assertThat(byProvince.get(0)).containsExactly("Period", "Province", "Indicator", "Value", "Unit",
                "Period start", "Period end");
        assertThat(byProvince).anySatisfy(r -> assertThat(r).containsExactly("2024-01/2024-06", "Zhejiang",
                "CBEC trade value", "500,400,000,000.00", "CNY", "2024-01-01", "2024-06-30"));
        assertThat(byProvince).anySatisfy(r -> assertThat(r).containsExactly("2024-01/2024-06", "Total",
                "Overseas warehouses", "710", "count", "2024-01-01", "2024-06-30"));
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
        OneSheetWorkbook.write(dir.resolve("input/imports.xlsx"), "2024年1-6月", new Object[][] {
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
        job.inputText("exports-long.csv", """
                城市,期间,指标,数值,单位
                杭州,2024,出口额,100.5,亿元
                宁波,2024,出口额,10.2,亿美元
                合计,2024,出口额,110.7,亿元
                """);

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        List<String> failed = job.dataQuality().rowWhere("Checks", 4, "FAIL").orElseThrow();
        assertThat(failed.get(0)).isEqualTo("Stated total");
        assertThat(failed.get(5)).contains("two currencies").contains("CNY, USD");
        assertThat(failed.get(6)).startsWith("exports-long.csv!exports-long!D4");
    }

    @Test
    void aFigureInAnotherCurrencyIsRejectedNamingItAnd美金AndMlnAreRead() throws Exception {
        job.inputText("exports.csv", """
                城市,期间,出口额
                杭州,2024-03,300万澳门元
                宁波,2024-03,5 新台币
                广州,2024-03,5美金
                深圳,2024-03,5 mln USD
                """);

        assertThat(job.run("--allow-rejects")).isZero();

        List<List<String>> rejected = job.dataQuality().rows("Rejected Rows");
        assertThat(rejected.subList(1, rejected.size())).extracting(r -> r.get(2) + " " + r.get(4) + ": " + r.get(5))
                .containsExactly(
                        "2 300万澳门元: unsupported currency '澳门元' in '300万澳门元': only CNY and USD are read",
                        "3 5 新台币: unsupported currency '新台币' in '5 新台币': only CNY and USD are read");
        List<List<String>> figures = job.report().rows("Zone Indicators");
        assertThat(figures.stream().skip(1).map(r -> r.get(2) + " " + r.get(5) + " " + r.get(6)))
                .containsExactlyInAnyOrder("广州市 5.00 USD", "深圳市 5,000,000.00 USD");
    }

    @Test
    void headerUnitsWithALabelOrTheCurrencySaidTwiceAreReadAndAnotherCurrencyIsNamed() throws Exception {
        job.inputText("units.csv", """
                城市,期间,出口额（单位：亿元）,进口额（亿元人民币）
                杭州,2024-03,1.5,0.5
                """);
        job.inputText("euro.csv", """
                城市,期间,Exports (EUR)
                宁波,2024-03,12.5
                """);

        assertThat(job.run("--allow-rejects")).isZero();

        assertThat(job.dataQuality().lines("Rejected Rows")).containsExactly(
                "euro.csv | euro | 2 | C (Exports (EUR)) | 12.5 | the header 'Exports (EUR)' gives the figures in EUR, a"
                        + " currency not supported: only CNY and USD are read; convert the column and name its unit,"
                        + " e.g. 出口额（亿元） or Exports (USD million)");
        assertThat(job.report().rows("Zone Indicators").stream().skip(1).map(r -> String.join(" ", r.subList(1, 7))))
                .containsExactly("Hangzhou 杭州市 Zhejiang Exports 150,000,000.00 CNY",
                        "Hangzhou 杭州市 Zhejiang Imports 50,000,000.00 CNY");
    }

    @Test
    void aUnitAfterAFootnoteMarkASlashOrASpaceIsReadAndAnotherCurrencyThereIsNamed() throws Exception {
        // These sheets were UNRECOGNISED (a warning only): the run exited 0 with none of their figures.
        job.inputText("marks.csv", """
                城市,期间,出口额（亿元）①,进口额/亿元,海外仓数量 个
                杭州,2024-03,1.5,0.5,12
                """);
        job.inputText("spaced.csv", """
                City,Period,Exports USD million
                Ningbo,2024-03,2.5
                """);
        job.inputText("euro.csv", """
                城市,期间,Exports/EUR
                温州,2024-03,12.5
                """);

        assertThat(job.run("--allow-rejects")).isZero();

        assertThat(job.dataQuality().lines("Rejected Rows")).containsExactly(
                "euro.csv | euro | 2 | C (Exports/EUR) | 12.5 | the header 'Exports/EUR' gives the figures in EUR, a"
                        + " currency not supported: only CNY and USD are read; convert the column and name its unit,"
                        + " e.g. 出口额（亿元） or Exports (USD million)");
        assertThat(job.report().rows("Zone Indicators").stream().skip(1)
                .map(r -> String.join(" ", r.subList(1, 7)) + " | " + r.get(8))).containsExactly(
                "Hangzhou 杭州市 Zhejiang Exports 150,000,000.00 CNY | 1.5 亿元",
                "Ningbo 宁波市 Zhejiang Exports 2,500,000.00 USD | 2.5 USD million",
                "Hangzhou 杭州市 Zhejiang Imports 50,000,000.00 CNY | 0.5 亿元",
                "Hangzhou 杭州市 Zhejiang Overseas warehouses 12 count | 12 个");
    }

    @Test
    void aFractionalCountIsRejectedAndAWholeScaledOneRead() throws Exception {
        job.inputText("counts.csv", """
                城市,期间,海外仓数量（个）,跨境电商企业数
                杭州,2024-03,12.5,40
                宁波,2024-03,3,12.5家
                温州,2024-03,1.2万,30
                """);

        assertThat(job.run()).isEqualTo(65);

        List<List<String>> rejected = job.dataQuality().rows("Rejected Rows");
        assertThat(rejected.subList(1, rejected.size())).extracting(r -> r.get(2) + " " + r.get(4) + ": " + r.get(5))
                .containsExactly(
                        "2 12.5: 海外仓数量 (Overseas warehouses) is a count of whole things, but '12.5' is 12.5: correct"
                                + " the figure or its unit",
                        "3 12.5家: 跨境电商企业数 (Enterprises) is a count of whole things, but '12.5家' is 12.5: correct"
                                + " the figure or its unit");

        assertThat(job.run("--allow-rejects")).isZero();
        assertThat(job.report().rows("Zone Indicators").stream().skip(1).map(r -> r.get(2) + " " + r.get(4) + " " + r.get(5)))
                .containsExactly("温州市 Overseas warehouses 12,000", "温州市 Enterprises 30");
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
    void aFigureDeclaredWith以上IsMetExactlyAndEachQualifierIsShownWithItsOwnWord() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        IndicatorWorkbook.writeControls(dir.resolve("input/controls.xlsx"), List.of(
                new String[] {"Zones in batch 7", "33以上", ""},
                new String[] {"Zones in batch 7", "up to 33", ""},
                new String[] {"Zones in batch 7", "不超过33个", ""}));

        assertThat(job.run()).isZero();

        List<List<String>> controls = job.report().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Control total")).toList();
        assertThat(controls).extracting(r -> r.subList(2, 5)).containsExactly(
                List.of("at least 33", "33", "PASS"), List.of("up to 33", "33", "PASS"), List.of("at most 33", "33", "PASS"));
        assertThat(controls.get(0).get(5)).startsWith("as declared ('33以上'): at least 33");
        assertThat(controls.get(1).get(5)).startsWith("as declared ('up to 33'): up to: at most 33 and at most 10 % below");
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
        job.inputText("exports-long.csv", """
                城市,期间,指标,数值,单位
                杭州,2024Q1,出口额,1.1,亿元
                杭州,2024-04,出口额,2.2,亿元
                宁波,2024-01,出口额,1,亿元
                宁波,2024-02,出口额,2,亿元
                宁波,2024Q1,出口额,3,亿元
                温州,2024Q1,出口额,4,亿元
                温州,2024年2-4月,出口额,5,亿元
                义乌,2024年1-6月,出口额,6,亿元
                """);
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
                List.of("2024-01", "Zhejiang", "CBEC trade value", "54,060,000,000.00", "CNY", "2024-01-01", "2024-01-31"),
                List.of("2024-01", "Guangdong", "CBEC trade value", "50,000,000,000.00", "CNY", "2024-01-01", "2024-01-31"),
                List.of("2024-02", "Zhejiang", "CBEC trade value", "52,200,000,000.00", "CNY", "2024-02-01", "2024-02-29"),
                List.of("2024-02", "Guangdong", "CBEC trade value", "47,080,000,000.00", "CNY", "2024-02-01", "2024-02-29"),
                List.of("2024-03", "Zhejiang", "CBEC trade value", "59,820,000,000.00", "CNY", "2024-03-01", "2024-03-31"),
                List.of("2024-03", "Guangdong", "CBEC trade value", "52,620,000,000.00", "CNY", "2024-03-01", "2024-03-31"),
                List.of("2024-04", "Zhejiang", "CBEC trade value", "61,120,000,000.00", "CNY", "2024-04-01", "2024-04-30"),
                List.of("2024-04", "Guangdong", "CBEC trade value", "54,320,000,000.00", "CNY", "2024-04-01", "2024-04-30"),
                List.of("2024-01", "Total", "CBEC trade value", "104,060,000,000.00", "CNY", "2024-01-01", "2024-01-31"),
                List.of("2024-02", "Total", "CBEC trade value", "99,280,000,000.00", "CNY", "2024-02-01", "2024-02-29"),
                List.of("2024-03", "Total", "CBEC trade value", "112,440,000,000.00", "CNY", "2024-03-01", "2024-03-31"),
                List.of("2024-04", "Total", "CBEC trade value", "115,440,000,000.00", "CNY", "2024-04-01", "2024-04-30"));

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
    void eachPeriodHasItsStartAndEndAsRealDatesAndRowsComeByStartThenTheShorterPeriod() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        MonthlyIndicatorWorkbook.of("2024年跨境电商出口额（亿元）", "出口额", "2024年1月", "2024年2月")
                .zone("浙江省", "杭州市", 101.25, 98.5)
                .writeTo(dir.resolve("input/月度.xlsx"));
        OneSheetWorkbook.write(dir.resolve("input/季度.xlsx"), "2024Q1", new Object[][] {
            {"城市", "期间", "海外仓数量（个）"},
            {"杭州市", "2024Q1", 90.0},
        });

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        // Period stays the label as text; Period start and Period end, at the right end, are date cells to sort
        // and filter by (a quarter is no single date).
        List<List<String>> figures = report.rows("Zone Indicators");
        assertThat(figures.get(0)).containsExactly("Period", "Zone", "Zone (zh)", "Province", "Indicator", "Value",
                "Unit", "Source", "As written", "Period start", "Period end");
        assertThat(figures.stream().skip(1).map(r -> r.get(0) + " " + r.get(9) + " " + r.get(10))).containsExactly(
                "2024-01 2024-01-01 2024-01-31", "2024Q1 2024-01-01 2024-03-31", "2024-02 2024-02-01 2024-02-29");
        List<List<String>> byProvince = report.rows("Indicators by Province");
        assertThat(byProvince.subList(1, byProvince.size())).containsExactly(
                List.of("2024-01", "Zhejiang", "Exports", "10,125,000,000.00", "CNY", "2024-01-01", "2024-01-31"),
                List.of("2024Q1", "Zhejiang", "Overseas warehouses", "90", "count", "2024-01-01", "2024-03-31"),
                List.of("2024-02", "Zhejiang", "Exports", "9,850,000,000.00", "CNY", "2024-02-01", "2024-02-29"),
                List.of("2024-01", "Total", "Exports", "10,125,000,000.00", "CNY", "2024-01-01", "2024-01-31"),
                List.of("2024Q1", "Total", "Overseas warehouses", "90", "count", "2024-01-01", "2024-03-31"),
                List.of("2024-02", "Total", "Exports", "9,850,000,000.00", "CNY", "2024-02-01", "2024-02-29"));
        for (String sheet : List.of("Zone Indicators", "Indicators by Province")) {
            List<List<Object>> values = report.values(sheet);
            int start = report.rows(sheet).get(0).indexOf("Period start");
            assertThat(values.subList(1, values.size())).allSatisfy(r -> {
                assertThat(r.get(0)).isInstanceOf(String.class);
                assertThat(r.subList(start, start + 2)).allMatch(Double.class::isInstance);
            });
            assertThat(report.formats(sheet).get(1).subList(start, start + 2)).containsExactly("yyyy-mm-dd", "yyyy-mm-dd");
        }
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
    void anApprovalKnownToTheMonthIsShownToTheMonthInTheWarning() throws Exception {
        // No registry among the inputs: the bundled list, where batch 6 (扬州市) is dated 2022-01 (国函〔2022〕8号).
        IndicatorWorkbook.firstHalf2024().title("2021年各综试区跨境电商主要指标", "2021").replaceZones(List.of(
                        new IndicatorWorkbook.ZoneFigures("江苏省", "扬州市", 12.4, 9.8, 2.6, 3, 85)))
                .writeTo(dir.resolve("input/指标.xlsx"));

        assertThat(job.run()).isZero();

        List<String> warning = job.report().rowWhere("Checks", 0, "Figure after approval").orElseThrow();
        assertThat(warning.subList(1, 5)).containsExactly("扬州市", "periods from 2022-01", "2021", "WARN");
        assertThat(warning.get(5)).contains("扬州市 was approved as a pilot zone in 2022-01;");
    }

    @Test
    void aFigureForAPeriodBeforeTheZonesApprovalIsAWarningAndTheReportPublishes() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        // 廊坊市 is of batch 7, approved 2022-11-14: a 2021 figure predates it. 杭州市 (2015) does not.
        IndicatorWorkbook.firstHalf2024().title("2021年各综试区跨境电商主要指标", "2021").replaceZones(List.of(
                        new IndicatorWorkbook.ZoneFigures("浙江省", "杭州市", 1025.6, 786.4, 239.2, 60, 1800),
                        new IndicatorWorkbook.ZoneFigures("河北省", "廊坊市", 12.4, 9.8, 2.6, 3, 85),
                        new IndicatorWorkbook.ZoneFigures("江苏省", "扬州市", 20.1, 15.3, 4.8, 2, 60)))
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
        // Batch 6 is approved 2022年1月 in the registry: shown to the month, not as an invented first day.
        List<String> yangzhou = warnings.stream().filter(r -> r.get(1).equals("扬州市")).findFirst().orElseThrow();
        assertThat(yangzhou.subList(2, 4)).containsExactly("periods from 2022-01", "2021");
        assertThat(yangzhou.get(5)).contains("扬州市 was approved as a pilot zone in 2022-01;");
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

    @Test
    void aFigureTooLargeToStageIsRejectedWithItsPlaceNotAFailedRun() throws Exception {
        // 1E+25 亿元 is 1E+33 CNY: it failed its insert, and with it the run (exit 70, no data-quality workbook).
        OneSheetWorkbook.write(dir.resolve("input/出口额.xlsx"), "2024年1月", new Object[][] {
                {"城市", "期间", "出口额（亿元）"}, {"杭州市", "2024-01", 1e25}, {"宁波市", "2024-01", 150.5}});
        // A 40,000-digit figure typed into a CSV; a count one digit past the limit, and one at it.
        job.inputText("zones.csv", "城市,期间,出口额（万元）,海外仓数量（个）\n"
                + "温州市,2024-01," + "9".repeat(40_000) + ",3\n"
                + "义乌市,2024-01,5,1000000000000000000\n"
                + "金华市,2024-01,7,999999999999999999\n");

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        List<List<String>> rejected = dq.rows("Rejected Rows");
        assertThat(rejected).hasSize(1 + 3);
        List<String> huge = dq.rowWhere("Rejected Rows", 0, "出口额.xlsx").orElseThrow();
        assertThat(huge.subList(0, 5)).containsExactly("出口额.xlsx", "2024年1月", "2", "C (出口额(亿元))", "1.0E25");
        assertThat(huge.get(5)).isEqualTo("a figure of 34 digits in CNY (1.0E25 亿元) is beyond any zone's 出口额 "
                + "(Exports): check the cell and its unit (at most 18 digits in CNY)");
        List<String> typed = rejected.stream().filter(r -> r.get(0).equals("zones.csv") && r.get(2).equals("2"))
                .findFirst().orElseThrow();
        assertThat(typed.get(3)).isEqualTo("C (出口额(万元))");
        assertThat(typed.get(4)).startsWith("9999999999");
        assertThat(typed.get(5)).isEqualTo("a number of 40000 digits is longer than any figure: check the cell "
                + "(at most 38 digits)");
        List<String> count = dq.rowWhere("Rejected Rows", 4, "1000000000000000000").orElseThrow();
        assertThat(count.subList(0, 4)).containsExactly("zones.csv", "zones", "3", "D (海外仓数量(个))");
        assertThat(count.get(5)).startsWith("a figure of 19 digits (1000000000000000000 个) is beyond any zone's 海外仓数量");
        assertThat(dq.rowWhere("Files", 0, "zones.csv").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("3", "1", "2", "0");

        assertThat(job.run("--allow-rejects")).isZero();
        List<List<String>> figures = job.report().rows("Zone Indicators");
        assertThat(figures.stream().skip(1).map(r -> r.get(2) + " " + r.get(4)))
                .containsExactlyInAnyOrder("宁波市 Exports", "金华市 Exports", "金华市 Overseas warehouses");
    }

    @Test
    void aDeclaredFigureTooLargeToStageIsRejectedWithItsPlaceNotAFailedRun() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        IndicatorWorkbook.writeControls(dir.resolve("input/controls.xlsx"), List.of(
                new String[] {"Active pilot zones", "165", ""},
                new String[] {"CBEC trade value, 2024", "1" + "0".repeat(24) + "亿元", "a slip of the keyboard"}));

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        List<String> rejected = dq.rowWhere("Rejected Rows", 0, "controls.xlsx").orElseThrow();
        assertThat(rejected.subList(0, 5)).containsExactly("controls.xlsx", "控制数", "4", "B (预期值)",
                "1" + "0".repeat(24) + "亿元");
        assertThat(rejected.get(5)).isEqualTo("a declared figure of 33 digits is beyond anything the data could "
                + "reproduce: check the cell and its unit (at most 18 digits)");
        assertThat(dq.rowWhere("Checks", 1, "Active pilot zones").orElseThrow().get(4)).isEqualTo("PASS");
    }

    @Test
    void aTotalRowWithABlankPeriodIsCheckedAgainstThePeriodOfTheRowsItCovers() throws Exception {
        // Long sheets leave the period of a total row blank: it was rejected as a record ("period missing: add
        // a period column (期间)") and never checked.
        job.inputText("monthly.csv", """
                城市,期间,出口额（亿元）
                杭州市,2024-01,100.5
                宁波市,2024-01,12
                合计,,112.5
                杭州市,2024-02,90
                宁波市,2024-02,10
                合计,,100
                """);
        // One total under rows of two months: the sum over both, as the analyst's SUM() made it.
        job.inputText("two-months.csv", """
                城市,期间,出口额（亿元）,海外仓数量（个）
                杭州市,2024-01,100.5,10
                杭州市,2024-02,90,11
                宁波市,2024-01,12,3
                合计,,202.5,28
                """);

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        assertThat(dq.rows("Rejected Rows")).hasSize(1);
        assertThat(dq.rowWhere("Files", 0, "monthly.csv").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("6", "4", "0", "2");
        assertThat(dq.rowWhere("Files", 0, "two-months.csv").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("4", "3", "0", "1");
        List<List<String>> totals = dq.rows("Checks").stream().filter(r -> r.get(0).equals("Stated total")).toList();
        assertThat(totals).hasSize(4);
        assertThat(totals.get(0)).containsExactly("Stated total", "monthly.csv!monthly, Exports 2024-01, rows 2-3",
                "112.5 亿元", "112.5 亿元", "PASS", "'合计' (its period cell is blank: the period of its rows, 2024-01) "
                        + "equals the sum of its 2 rows", "monthly.csv!monthly!C4 C (出口额(亿元))");
        assertThat(totals.get(1).subList(1, 5)).containsExactly("monthly.csv!monthly, Exports 2024-02, rows 5-6",
                "100 亿元", "100 亿元", "PASS");
        assertThat(totals.get(2).subList(1, 5)).containsExactly("two-months.csv!two-months, Exports 2024-01, 2024-02,"
                + " rows 2-4", "202.5 亿元", "202.5 亿元", "PASS");
        assertThat(totals.get(2).get(5)).isEqualTo("'合计' (its period cell is blank: the sum over all its rows' "
                + "periods, 2024-01, 2024-02) equals the sum of its 3 rows");
        // A wrong one fails naming its cell, like any stated total.
        assertThat(totals.get(3)).containsExactly("Stated total", "two-months.csv!two-months, Overseas warehouses "
                + "2024-01, 2024-02, rows 2-4", "28", "24", "FAIL", "'合计' (its period cell is blank: the sum over all "
                + "its rows' periods, 2024-01, 2024-02) states 28 but its 3 rows sum to 24: difference 4; correct the total or the rows", "two-months.csv!two-months!D5 D (海外仓数量(个))");
    }

    @Test
    void aTotalRowWithNoFigureIsCountedAndFailsAndStillEndsTheRowsOfTheNextSubtotal() throws Exception {
        // Such rows were read and then lost: Files showed 7 rows read, 4 accepted, 0 rejected, 1 total row, and the
        // Guangdong subtotal was summed over the Zhejiang rows too.
        job.inputText("totals.csv", """
                城市,期间,出口额（亿元）,海外仓数量
                杭州市,2024-03,1.5,3
                宁波市,2024-03,2.5,4
                浙江省小计,,,
                广州市,2024-03,3,1
                深圳市,2024-03,4,2
                广东省小计,,7,3
                合计,,—,
                """);

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        assertThat(dq.rowWhere("Files", 0, "totals.csv").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("7", "4", "0", "3");
        assertThat(dq.rows("Checks").stream().filter(r -> r.get(0).startsWith("Stated"))
                .map(r -> String.join(" | ", r.subList(0, 5)) + " | " + r.get(6))).containsExactly(
                "Stated subtotal | totals.csv!totals, Exports 2024-03, rows 5-6 | 7 亿元 | 7 亿元 | PASS"
                        + " | totals.csv!totals!C7 C (出口额(亿元))",
                "Stated subtotal | totals.csv!totals, Overseas warehouses 2024-03, rows 5-6 | 3 | 3 | PASS"
                        + " | totals.csv!totals!D7 D (海外仓数量)",
                "Stated subtotal | totals.csv!totals | no figure |  | FAIL | totals.csv!totals!A4 A (城市)",
                "Stated total | totals.csv!totals | no figure |  | FAIL | totals.csv!totals!A8 A (城市)");
        assertThat(dq.rowWhere("Checks", 6, "totals.csv!totals!A4 A (城市)").orElseThrow().get(5)).isEqualTo(
                "'浙江省小计' at totals.csv!totals!A4 is a total row but states no figure: write its figures (the sums of"
                        + " the rows it covers) in the row, or delete the row");
    }

    @Test
    void aFigureMergedOverTwoZonesRejectsBothRowsAndCountsOnceInTheirSubtotal() throws Exception {
        // D2:D3 was copied to both rows: Jiangsu's exports were 18亿 for a sheet that states 9亿. A figure merged
        // over a tall row (rows 5-6, every cell merged down) is that row's figure alone.
        OneSheetWorkbook.write(dir.resolve("input/merged.xlsx"), "2024年1月", new Object[][] {
                {"省份", "城市", "期间", "出口额（亿元）", "海外仓数量（个）"},
                {"江苏省", "南京市", "2024-01", 9, 1},
                {null, "苏州市", "2024-01", null, 2},
                {"江苏省小计", null, null, 9, 3},
                {"浙江省", "杭州市", "2024-01", 3, 4},
                {null, null, null, null, null}},
                "A2:A3", "D2:D3", "A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6");

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        assertThat(dq.lines("Rejected Rows")).containsExactly(
                "merged.xlsx | 2024年1月 | 2 | D (出口额(亿元)) | 9 | D2:D3 is one figure merged across 2 zones (南京市,"
                        + " 苏州市): give each zone its own figure, or unmerge the cells",
                "merged.xlsx | 2024年1月 | 3 | D (出口额(亿元)) | 9 | D2:D3 is one figure merged across 2 zones (南京市,"
                        + " 苏州市): give each zone its own figure, or unmerge the cells");
        assertThat(dq.rowWhere("Files", 0, "merged.xlsx").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("4", "1", "2", "1");
        assertThat(dq.rows("Checks").stream().filter(r -> r.get(0).equals("Stated subtotal"))
                .map(r -> String.join(" | ", r.subList(1, 5)))).containsExactly(
                "merged.xlsx!2024年1月, Exports 2024-01, rows 2-2 | 9 亿元 | 9 亿元 | PASS",
                "merged.xlsx!2024年1月, Overseas warehouses 2024-01, rows 2-3 | 3 | 3 | PASS");

        assertThat(job.run("--allow-rejects")).isZero();
        assertThat(job.report().rows("Indicators by Province").stream().skip(1).map(r -> String.join(" ", r)))
                .containsExactly("2024-01 Zhejiang Exports 300,000,000.00 CNY 2024-01-01 2024-01-31",
                        "2024-01 Zhejiang Overseas warehouses 4 count 2024-01-01 2024-01-31",
                        "2024-01 Total Exports 300,000,000.00 CNY 2024-01-01 2024-01-31",
                        "2024-01 Total Overseas warehouses 4 count 2024-01-01 2024-01-31");
    }

    @Test
    void anEnglishNameWithDiacriticsIsThePlaceWithout() throws Exception {
        // Ürümqi was an unknown zone: its ü was taken for pinyin's (Lüliang), not for a u with marks.
        OneSheetWorkbook.write(dir.resolve("input/xinjiang.xlsx"), "2024Q1", new Object[][] {
                {"City", "Period", "Exports (USD million)"}, {"Ürümqi", "2024Q1", 1.5}});

        assertThat(job.run()).isZero();

        assertThat(job.report().rows("Zone Indicators").get(1).subList(0, 7)).containsExactly("2024Q1", "Urumqi",
                "乌鲁木齐市", "Xinjiang", "Exports", "1,500,000.00", "USD");
    }

    @Test
    void aRomanisedNameThatSeveralPlacesShareIsThePilotZoneAmongThem() throws Exception {
        // Yiwu is 义乌市 (a pilot zone) and 伊吾县 (Xinjiang, none); Taizhou is 台州市 and 泰州市, both pilot zones.
        // A Chinese name is matched as written: 伊吾 is 伊吾县, which is no pilot zone.
        OneSheetWorkbook.write(dir.resolve("input/notes.xlsx"), "2024Q1", new Object[][] {
                {"城市", "期间", "出口额（亿元）"}, {"Yiwu", "2024Q1", 65}, {"Taizhou", "2024Q1", 12}, {"伊吾", "2024Q1", 1}});

        assertThat(job.run()).isEqualTo(65);

        List<List<String>> rejected = job.dataQuality().rows("Rejected Rows");
        assertThat(rejected).hasSize(1 + 2);
        assertThat(rejected.get(1).subList(2, 6)).containsExactly("3", "A (城市)", "Taizhou", "ambiguous zone name "
                + "'Taizhou': could be 泰州市 (Jiangsu, 321200), 台州市 (Zhejiang, 331000); add or correct the province column");
        assertThat(rejected.get(2).subList(2, 5)).containsExactly("4", "A (城市)", "伊吾");
        assertThat(rejected.get(2).get(5)).startsWith("伊吾县 is not a pilot zone");

        assertThat(job.run("--allow-rejects")).isZero();
        List<List<String>> figures = job.report().rows("Zone Indicators");
        assertThat(figures).hasSize(1 + 1);
        assertThat(figures.get(1).subList(0, 8)).containsExactly("2024Q1", "Yiwu", "义乌市", "Zhejiang", "Exports",
                "6,500,000,000.00", "CNY", "notes.xlsx!2024Q1!2");
    }
}
