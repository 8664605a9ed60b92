package io.cbec.etl.job;

import io.cbec.etl.CbecEtlApplication;
import io.cbec.etl.fixtures.IndicatorWorkbook;
import io.cbec.etl.fixtures.PublishedWorkbook;
import io.cbec.etl.fixtures.RegistryWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @BeforeAll
    static void noSettleTime() {
        System.setProperty("cbec.input.settle-time", "0s");
    }

    private int run(String... extra) {
        List<String> args = new ArrayList<>(List.of("--input=" + dir.resolve("input"), "--output=" + dir.resolve("output"),
                "--report-date=" + DATE));
        args.addAll(List.of(extra));
        return CbecEtlApplication.run(args.toArray(String[]::new));
    }

    private Path report() {
        return dir.resolve("output/cbec-report-" + DATE + ".xlsx");
    }

    private PublishedWorkbook dataQuality() throws Exception {
        return new PublishedWorkbook(dir.resolve("output/cbec-data-quality-" + DATE + ".xlsx"));
    }

    private static List<String[]> passingControls() {
        return io.cbec.etl.fixtures.SampleInputGenerator.sampleControls();
    }

    @Test
    void indicatorsAndControlsThatAgreePublishTheReport() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        IndicatorWorkbook.firstHalf2024().writeTo(dir.resolve("input/指标.xlsx"));
        IndicatorWorkbook.writeControls(dir.resolve("input/controls.xlsx"), passingControls());

        assertThat(run()).isZero();

        PublishedWorkbook report = new PublishedWorkbook(report());
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
        assertThat(controls.get(3).get(3)).isEqualTo("500400000000 CNY");
        assertThat(controls.get(3).get(6)).isEqualTo("controls.xlsx!控制数!6");
        assertThat(report.summary("Indicator figures")).isEqualTo("55");
    }

    @Test
    void aSubtotalOffByOneFailsWithTheCellsPlace() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        IndicatorWorkbook.firstHalf2024().shiftSubtotal("浙江省", 1.0).writeTo(dir.resolve("input/指标.xlsx"));

        assertThat(run()).isEqualTo(65);

        assertThat(report()).doesNotExist();
        List<List<String>> failed = dataQuality().rows("Checks").stream().filter(r -> r.get(4).equals("FAIL")).toList();
        assertThat(failed).hasSize(1);
        List<String> check = failed.get(0);
        assertThat(check.get(0)).isEqualTo("Stated subtotal");
        assertThat(check.get(1)).isEqualTo("指标.xlsx!2024年1-6月, CBEC trade value 2024-01/2024-06, rows 4-7");
        assertThat(check.get(2)).isEqualTo("5005 亿元");
        assertThat(check.get(3)).isEqualTo("5004 亿元");
        assertThat(check.get(5)).contains("difference 1").contains("浙江省小计");
        assertThat(check.get(6)).isEqualTo("指标.xlsx!2024年1-6月!C8 C (跨境电商进出口额(亿元))");
    }

    @Test
    void aSubtotalWithinTheRoundingShownPasses() throws Exception {
        RegistryWorkbook.allBatches().writeTo(dir.resolve("input/名单.xlsx"));
        // The subtotal cell holds 5,004.04 shown as 5,004.0: within half a unit of its last decimal.
        IndicatorWorkbook.firstHalf2024().shiftSubtotal("浙江省", 0.04).writeTo(dir.resolve("input/指标.xlsx"));

        assertThat(run()).isZero();

        List<String> subtotal = new PublishedWorkbook(report()).rows("Checks").stream()
                .filter(r -> r.get(0).equals("Stated subtotal") && r.get(1).contains("CBEC trade value")
                        && r.get(1).endsWith("rows 4-7")).findFirst().orElseThrow();
        assertThat(subtotal.get(4)).isEqualTo("PASS");
        assertThat(subtotal.get(5)).contains("within the rounding shown");
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

        assertThat(run()).isEqualTo(65);

        assertThat(report()).doesNotExist();
        List<String> failed = dataQuality().rowWhere("Checks", 4, "FAIL").orElseThrow();
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

        assertThat(run()).isEqualTo(65);

        assertThat(report()).doesNotExist();
        List<List<String>> controls = dataQuality().rows("Checks").stream()
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
    void aFigureForAPlaceThatIsNotAPilotZoneIsRejectedWithTheReason() throws Exception {
        // No registry among the inputs: the bundled list of 2015-2022 decides.
        IndicatorWorkbook.firstHalf2024()
                .zone(new IndicatorWorkbook.ZoneFigures("江苏省", "昆山市", 120.0, 100.0, 20.0, 5, 300))
                .writeTo(dir.resolve("input/指标.xlsx"));

        assertThat(run()).isEqualTo(65);

        List<List<String>> rejected = dataQuality().rows("Rejected Rows");
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(1).subList(0, 5)).containsExactly("指标.xlsx", "2024年1-6月", "17", "B (城市)", "昆山市");
        assertThat(rejected.get(1).get(5)).contains("昆山市 is not a pilot zone").contains("bundled list");

        assertThat(run("--allow-rejects")).isZero();
        PublishedWorkbook report = new PublishedWorkbook(report());
        assertThat(report.rows("Zone Indicators")).hasSize(1 + 11 * 5);
    }
}
