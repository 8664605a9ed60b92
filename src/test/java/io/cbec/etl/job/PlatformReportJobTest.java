package io.cbec.etl.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cbec.etl.fixtures.IndicatorWorkbook;
import io.cbec.etl.fixtures.PlatformSampleInput;
import io.cbec.etl.fixtures.JobRun;
import io.cbec.etl.fixtures.OneSheetWorkbook;
import io.cbec.etl.fixtures.PublishedWorkbook;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTLineSer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole job on the platform sample: an app-analytics export and the press facts. */
class PlatformReportJobTest {

    private static final String DATE = "2023-02-01";

    @TempDir
    Path dir;
    private JobRun job;

    @BeforeEach
    void job() {
        job = new JobRun(dir, DATE);
    }

    @Test
    void theSampleExportAndFactsPublishPlatformSheets() throws Exception {
        PlatformSampleInput.writeDownloads(dir.resolve("input/temu.xlsx"), null, 0);
        PlatformSampleInput.writeEvents(dir.resolve("input/platform-events.xlsx"));
        IndicatorWorkbook.writeControls(dir.resolve("input/controls-platforms.xlsx"), PlatformSampleInput.pressControls());

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.sheetNames()).contains("Platforms", "Platform Downloads", "Platform Events")
                // no registry among the inputs: its sheets are left out and its Summary items empty, not zeros
                .doesNotContain("Zones by Batch", "Zones by Province", "Pilot Zones");
        for (String item : List.of("Active pilot zones", "Batches")) {
            List<String> row = report.rowWhere("Summary", 0, item).orElseThrow();
            assertThat(row.subList(1, row.size())).allMatch(String::isEmpty);
        }
        assertThat(report.summary("Platforms tracked")).isEqualTo("3");
        assertThat(report.summary("Latest platform data")).isEqualTo("2023-01-31");

        List<PlatformSampleInput.Day> days = PlatformSampleInput.days();
        long total = days.stream().mapToLong(PlatformSampleInput.Day::total).sum();
        long northAmerica = days.stream().filter(d -> d.country().equals("United States") || d.country().equals("Canada"))
                .mapToLong(PlatformSampleInput.Day::total).sum();
        assertThat(total).isBetween(19_000_000L, 19_999_999L);
        List<List<String>> platforms = report.rows("Platforms");
        assertThat(platforms.get(0)).containsExactly("Platform", "Parent company", "Markets", "Downloads",
                "Downloads as of", "Top region", "Top region share", "Events");
        List<String> temu = report.rowWhere("Platforms", 0, "Temu").orElseThrow();
        assertThat(temu).containsExactly("Temu", "PDD Holdings", "15", new DecimalFormat("#,##0").format(total),
                "2023-01-31", "Northern America",
                new DecimalFormat("0.0%").format((double) northAmerica / total), "3");
        assertThat(report.rowWhere("Platforms", 0, "Shein").orElseThrow())
                .containsExactly("Shein", "Shein", "1", "", "", "", "", "4");
        assertThat(report.rowWhere("Platforms", 0, "Pinduoduo").orElseThrow().subList(0, 3))
                .containsExactly("Pinduoduo", "PDD Holdings", "1");

        List<String> usJanuary = report.rows("Platform Downloads").stream()
                .filter(r -> r.get(2).equals("United States") && r.get(3).equals("2023-01")).findFirst().orElseThrow();
        long usJan = days.stream().filter(d -> d.country().equals("United States") && d.date().getMonthValue() == 1)
                .mapToLong(PlatformSampleInput.Day::total).sum();
        long usAll = days.stream().filter(d -> d.country().equals("United States"))
                .mapToLong(PlatformSampleInput.Day::total).sum();
        assertThat(usJanuary.subList(0, 6)).containsExactly("Temu", "Northern America", "United States", "2023-01",
                new DecimalFormat("#,##0").format(usJan), new DecimalFormat("#,##0").format(usAll));

        List<String> nearly = report.rowWhere("Platform Events", 7, "nearly 20 million").orElseThrow();
        assertThat(nearly.subList(0, 9)).containsExactly("2023-01-31", "Temu", "Worldwide", "app downloads (cumulative)",
                "20,000,000", "", "AT_MOST", "nearly 20 million", "platform-events.xlsx!Platform facts!3");
        List<String> share = report.rowWhere("Platform Events", 7, "more than 90 percent").orElseThrow();
        assertThat(share.subList(2, 7)).containsExactly("Northern America", "share of app downloads", "90.0%", "percent",
                "MORE_THAN");
        List<String> days1015 = report.rowWhere("Platform Events", 7, "10 to 15 days").orElseThrow();
        assertThat(List.of(days1015.get(0), days1015.get(4), days1015.get(5), days1015.get(6), days1015.get(9)))
                .containsExactly("2023", "10", "days", "RANGE", "15");
        List<String> yuan = report.rowWhere("Platform Events", 7, "10 billion yuan to help manufacturers go global")
                .orElseThrow();
        assertThat(List.of(yuan.get(4), yuan.get(5))).containsExactly("10,000,000,000", "CNY");
        List<String> kept = report.rowWhere("Platform Events", 7, "first US distribution centre, Whitestown, Indiana")
                .orElseThrow();
        assertThat(List.of(kept.get(0), kept.get(4), kept.get(5))).containsExactly("2022-04", "", "");

        assertThat(report.rows("Platform Downloads").get(0)).containsExactly("Platform", "Region", "Country", "Period",
                "Downloads", "Cumulative downloads", "Share of worldwide");
        assertThat(report.rows("Platform Events").get(0).subList(0, 9)).containsExactly("Date", "Platform", "Market",
                "Event", "Value", "Unit", "Qualifier", "Text", "Source");
        // Dates (day, month and year precision), counts and shares are numeric cells, never text.
        assertThat(report.values("Platforms").get(report.rows("Platforms").indexOf(temu)).subList(2, 7))
                .satisfies(v -> assertThat(List.of(v.get(0), v.get(1), v.get(2), v.get(4))).allMatch(Double.class::isInstance));
        List<Object> downloadsRow = report.values("Platform Downloads").get(report.rows("Platform Downloads").indexOf(usJanuary));
        assertThat(List.of(downloadsRow.get(3), downloadsRow.get(4), downloadsRow.get(5), downloadsRow.get(6)))
                .allMatch(Double.class::isInstance);
        for (List<Object> event : report.values("Platform Events").subList(1, report.values("Platform Events").size())) {
            assertThat(event.get(0)).isInstanceOf(Double.class);
        }

        List<List<String>> checks = report.rows("Checks");
        assertThat(checks.stream().filter(r -> r.get(0).equals("Stated platform total")))
                .singleElement().satisfies(r -> {
                    assertThat(r.get(2)).isEqualTo("153 totals");
                    assertThat(r.get(4)).isEqualTo("PASS");
                });
        // A Worldwide row a day: 153 total rows, counted apart from the 15 countries' rows.
        assertThat(job.dataQuality().rowWhere("Files", 0, "temu.xlsx").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows")
                .containsExactly("2,448", "2,295", "0", "153");
        List<String> worldwide = report.rowWhere("Checks", 1, "Temu downloads, Worldwide, as of 2023-01-31").orElseThrow();
        assertThat(worldwide.get(0)).isEqualTo("Control total");
        assertThat(worldwide.subList(2, 5)).containsExactly("nearly 20,000,000", new DecimalFormat("#,##0").format(total),
                "PASS");
        int count = report.rowIndexWhere("Checks", 1, "Temu downloads, Worldwide, as of 2023-01-31");
        assertThat(report.values("Checks").get(count).subList(2, 4)).containsExactly(20_000_000.0, (double) total);
        assertThat(report.formats("Checks").get(count).subList(2, 4)).containsExactly("\"nearly \"#,##0", "#,##0");
        List<String> shareControl = report.rowWhere("Checks", 1, "Temu share of downloads, North America, as of 2023-01-31")
                .orElseThrow();
        // A share is a fraction in a 0.0% cell, not "0.9278... percent" as text.
        assertThat(shareControl.subList(2, 5)).containsExactly("more than 90.0%",
                new DecimalFormat("0.0%").format((double) northAmerica / total), "PASS");
        assertThat(shareControl.get(5)).contains("'more than 90 percent'").contains("more than 0.9")
                .contains(northAmerica + " of " + total);
        int shareRow = report.rowIndexWhere("Checks", 1, "Temu share of downloads, North America, as of 2023-01-31");
        assertThat(report.values("Checks").get(shareRow).get(2)).isEqualTo(0.9);
        assertThat((Double) report.values("Checks").get(shareRow).get(3)).isCloseTo((double) northAmerica / total,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(report.formats("Checks").get(shareRow).subList(2, 4)).containsExactly("\"more than \"0.0%", "0.0%");
        assertThat(checks.stream().filter(r -> r.get(0).equals("Event value read as a figure")).map(r -> r.get(4)))
                .containsExactly("WARN", "WARN");
    }

    /** The chart of the Platform Downloads sheet read back: title, then each series' name and values. */
    private static Map<String, Map<String, List<Double>>> charts(Path report) throws Exception {
        Map<String, Map<String, List<Double>>> charts = new LinkedHashMap<>();
        try (OPCPackage pkg = OPCPackage.open(report.toFile(), PackageAccess.READ); XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
            XSSFDrawing drawing = wb.getSheet("Platform Downloads").getDrawingPatriarch();
            for (XSSFChart chart : drawing.getCharts()) {
                Map<String, List<Double>> series = new LinkedHashMap<>();
                for (CTLineSer ser : chart.getCTChart().getPlotArea().getLineChartArray(0).getSerList()) {
                    List<Double> values = new ArrayList<>();
                    ser.getVal().getNumLit().getPtList().forEach(pt -> values.add(Double.valueOf(pt.getV())));
                    series.put(ser.getTx().getV(), values);
                }
                charts.put(chart.getTitleText().getString(), series);
                assertThat(chart.getCTChart().getPlotArea().getValAxArray(0).getNumFmt().getFormatCode()).isEqualTo("#,##0");
            }
        }
        return charts;
    }

    @Test
    void theDownloadsChartHasALinePerRegionByMonthLargestFirst() throws Exception {
        PlatformSampleInput.writeDownloads(dir.resolve("input/temu.xlsx"), null, 0);

        assertThat(job.run()).isZero();

        Map<String, Map<String, List<Double>>> charts = charts(job.reportPath());
        assertThat(charts).containsOnlyKeys("Temu downloads by region per month");
        Map<String, List<Double>> series = charts.get("Temu downloads by region per month");
        // Eight regions in the sample: the five largest, then the rest summed, so the legend stays short.
        assertThat(series).hasSize(6);
        assertThat(series.keySet()).first().isEqualTo("Northern America");
        assertThat(series.keySet()).last().isEqualTo("Other regions");
        List<PlatformSampleInput.Day> days = PlatformSampleInput.days();
        long northJanuary = days.stream().filter(d -> d.date().getMonthValue() == 1)
                .filter(d -> d.country().equals("United States") || d.country().equals("Canada"))
                .mapToLong(PlatformSampleInput.Day::total).sum();
        assertThat(series.get("Northern America")).hasSize(5).last().isEqualTo((double) northJanuary);
        double all = days.stream().mapToLong(PlatformSampleInput.Day::total).sum();
        assertThat(series.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sum()).isEqualTo(all);
    }

    @Test
    void aWorldwideRowOffByOneFailsWithItsPlace() throws Exception {
        PlatformSampleInput.writeDownloads(dir.resolve("input/temu.xlsx"), LocalDate.of(2022, 12, 1), 1);

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        PublishedWorkbook dq = job.dataQuality();
        List<String> failed = dq.rowWhere("Checks", 4, "FAIL").orElseThrow();
        long world = PlatformSampleInput.days().stream().filter(d -> d.date().equals(LocalDate.of(2022, 12, 1)))
                .mapToLong(PlatformSampleInput.Day::total).sum();
        // Day 92 (2022-12-01): rows 3.. hold 16 rows a day, so its Worldwide row is row 2 + 91 * 16 + 16.
        int row = 2 + 91 * 16 + 16;
        assertThat(failed.get(0)).isEqualTo("Stated platform total");
        assertThat(failed.get(1)).isEqualTo("Temu downloads, Worldwide, 2022-12-01");
        assertThat(failed.get(2)).isEqualTo(new DecimalFormat("#,##0").format(world + 1));
        assertThat(failed.get(3)).isEqualTo(new DecimalFormat("#,##0").format(world));
        assertThat(failed.get(6)).isEqualTo("temu.xlsx!Downloads by Country!" + row
                + " D (iPhone Downloads) + E (Android Downloads)");
    }

    @Test
    void aCountryGivenTwiceForOneDayFailsWithBothPlaces() throws Exception {
        OneSheetWorkbook.write(dir.resolve("input/twice.xlsx"), "Downloads", new Object[][] {
            {"Date", "App", "Country", "Downloads"},
            {"2023-01-01", "Temu", "United States", 100.0},
            {"2023-01-01", "Temu", "Canada", 20.0},
            {"2023-01-02", "Temu", "United States", 7.0},
            {"2023-01-01", "Temu", "US", 100.0},
        });

        assertThat(job.run()).isEqualTo(65);

        PublishedWorkbook dq = job.dataQuality();
        assertThat(dq.rows("Checks").stream().filter(r -> r.get(0).equals("Country counted once")))
                .singleElement().satisfies(r -> {
                    assertThat(r.get(1)).isEqualTo("Temu downloads, US, 2023-01-01");
                    assertThat(r.get(3)).isEqualTo("2 rows");
                    assertThat(r.get(4)).isEqualTo("FAIL");
                    assertThat(r.get(6)).isEqualTo("twice.xlsx!Downloads!2; twice.xlsx!Downloads!5");
                });
    }

    @Test
    void countriesAsColumnsWithChineseHeadersAndMonthsAreRead() throws Exception {
        OneSheetWorkbook.write(dir.resolve("input/columns.xlsx"), "下载量", new Object[][] {
            {"月份", "应用", "美国", "加拿大", "英国", "北美", "全球"},
            {"2023年1月", "拼多多", 100.0, 20.0, 5.0, 120.0, 125.0},
            {"2023年2月", "速卖通", 300.0, 40.0, 60.0, 340.0, 400.0},
        });

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.sheetNames()).contains("Platforms", "Platform Downloads").doesNotContain("Platform Events");
        assertThat(report.rowWhere("Platforms", 0, "AliExpress").orElseThrow())
                .containsExactly("AliExpress", "Alibaba Group", "3", "400", "2023-02-28", "Northern America", "85.0%", "0");
        assertThat(report.rows("Platform Downloads").stream().filter(r -> r.get(0).equals("Pinduoduo")).map(r -> r.get(2)))
                .containsExactly("Canada", "United States", "United Kingdom");
        assertThat(report.rows("Checks").stream().filter(r -> r.get(0).equals("Stated platform total")).map(r -> r.get(2)))
                .containsExactlyInAnyOrder("2 totals", "2 totals");
        // Rows of countries with their totals beside them in columns are records, not total rows.
        assertThat(job.dataQuality().rowWhere("Files", 0, "columns.xlsx").orElseThrow().subList(4, 8))
                .as("rows read, accepted, rejected, total rows").containsExactly("2", "2", "0", "0");
        // One chart per platform: the regions of two apps are never added together.
        Map<String, Map<String, List<Double>>> charts = charts(job.reportPath());
        assertThat(charts).containsOnlyKeys("AliExpress downloads by region per month",
                "Pinduoduo downloads by region per month");
        assertThat(charts.get("Pinduoduo downloads by region per month"))
                .containsExactly(Map.entry("Northern America", List.of(120.0)), Map.entry("Northern Europe", List.of(5.0)));
    }

    @Test
    void eventTextIsKeptUpToTheCellLimitAndLongerTextIsCutWithAMarker() throws Exception {
        String atLimit = "a".repeat(32_767);
        String longEvent = "e".repeat(1_500);
        Path built = OneSheetWorkbook.write(dir.resolve("events.xlsx"), "facts", new Object[][] {
            {"Date", "Platform", "Market", "Event", "Value"},
            {"2023-01-31", "Temu", "United States", "at the limit", atLimit},
            {"2023-01-31", "Temu", "United States", "over the limit", "PLACEHOLDER"},
            {"2023-01-31", "Temu", "United States", longEvent, "nearly 20 million"},
        });
        // POI refuses to write a cell over 32,767 characters, but other tools do: the shared string is edited.
        String over = "b".repeat(40_000);
        rewriteEntry(built, job.input().resolve("events.xlsx"), "xl/sharedStrings.xml",
                xml -> xml.replace("PLACEHOLDER", over));

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.rowWhere("Platform Events", 3, "at the limit").orElseThrow().get(7)).isEqualTo(atLimit);
        String cut = report.rowWhere("Platform Events", 3, "over the limit").orElseThrow().get(7);
        assertThat(cut).hasSize(32_767).startsWith("bbbb");
        int kept = cut.indexOf('…');
        assertThat(cut.substring(kept)).isEqualTo("…[truncated " + (over.length() - kept) + " chars]");
        String event = report.rowWhere("Platform Events", 7, "nearly 20 million").orElseThrow().get(3);
        assertThat(event).hasSize(1_000).startsWith("eeee")
                .endsWith("…[truncated " + (longEvent.length() - event.indexOf('…')) + " chars]");
    }

    @Test
    void anEventFigureTooLargeToStageIsKeptAsTextWithAWarningNotAFailedRun() throws Exception {
        // It failed its insert, and with it the run: exit 70 and no workbook.
        String huge = "1" + "0".repeat(29);
        OneSheetWorkbook.write(job.input().resolve("events.xlsx"), "facts", new Object[][] {
            {"Date", "Platform", "Market", "Event", "Value"},
            {"2023-01-31", "Temu", "United States", "Downloads", huge},
            {"2023-01-31", "Temu", "United States", "Sellers", "10 million"},
        });

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.rowWhere("Platform Events", 3, "Downloads").orElseThrow().get(7)).isEqualTo(huge);
        List<String> warning = report.rowWhere("Checks", 0, "Event value read as a figure").orElseThrow();
        assertThat(warning.subList(1, 5)).containsExactly("Downloads", "a figure", "text", "WARN");
        assertThat(warning.get(5)).isEqualTo("Kept as text: a figure of 30 digits is beyond any platform's figures: "
                + "check the cell (at most 18 digits)");
        assertThat(warning.get(6)).isEqualTo("events.xlsx!facts!2");
    }

    /** A copy of the .xlsx {@code source} at {@code target} with one entry's text edited. */
    private static void rewriteEntry(Path source, Path target, String entry, UnaryOperator<String> edit)
            throws IOException {
        Files.createDirectories(target.getParent());
        try (ZipFile in = new ZipFile(source.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] bytes;
                try (InputStream data = in.getInputStream(e)) {
                    bytes = data.readAllBytes();
                }
                if (e.getName().equals(entry)) {
                    bytes = edit.apply(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }
}
