package io.cbec.etl.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cbec.etl.fixtures.IndicatorWorkbook;
import io.cbec.etl.fixtures.PlatformSampleInput;
import io.cbec.etl.fixtures.JobRun;
import io.cbec.etl.fixtures.OneSheetWorkbook;
import io.cbec.etl.fixtures.PublishedWorkbook;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.model.InternalWorkbook;
import org.apache.poi.hssf.record.common.UnicodeString;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
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
                "Downloads as of", "Top region", "Top region share", "Events", "Revenue (USD)", "Revenue as of");
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
                "Downloads", "Cumulative downloads", "Share of worldwide", "Revenue (USD)", "Period start", "Period end");
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
        // Every stated Worldwide total has its own row, with the stated figure and the sum of its countries as
        // numbers, and its cell.
        List<List<String>> stated = checks.stream().filter(r -> r.get(0).equals("Stated platform total")).toList();
        assertThat(stated).hasSize(153).allSatisfy(r -> {
            assertThat(r.get(4)).isEqualTo("PASS");
            assertThat(r.get(3)).isEqualTo(r.get(2));
        });
        long firstDay = days.stream().filter(d -> d.date().equals(LocalDate.of(2022, 9, 1)))
                .mapToLong(PlatformSampleInput.Day::total).sum();
        String firstDayShown = new DecimalFormat("#,##0").format(firstDay);
        assertThat(stated.get(0)).containsExactly("Stated platform total", "Temu downloads, Worldwide, 2022-09-01",
                firstDayShown, firstDayShown, "PASS", "'Worldwide' equals the sum of its 15 countries in the sheet",
                "temu.xlsx!Downloads by Country!18 D (iPhone Downloads) + E (Android Downloads)");
        int firstTotal = checks.indexOf(stated.get(0));
        assertThat(report.values("Checks").get(firstTotal).subList(2, 4)).containsExactly((double) firstDay,
                (double) firstDay);
        assertThat(stated.get(152).get(1)).isEqualTo("Temu downloads, Worldwide, 2023-01-31");
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
            if (drawing == null) {
                return charts;
            }
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
    void aChartShowsTheLast120PeriodsAndSaysSoWhileTheSheetKeepsThemAll() throws Exception {
        int months = 130; // ten more than a chart shows
        Object[][] rows = new Object[months + 1][];
        rows[0] = new Object[] {"Month", "App", "Country", "Downloads"};
        YearMonth first = YearMonth.of(2013, 1);
        for (int m = 0; m < months; m++) {
            rows[m + 1] = new Object[] {first.plusMonths(m).toString(), "Temu", "United States", (double) (m + 1)};
        }
        OneSheetWorkbook.write(dir.resolve("input/temu-decade.xlsx"), "Metrics", rows);

        assertThat(job.run()).isZero();

        assertThat(job.report().rows("Platform Downloads")).hasSize(months + 1);
        Map<String, Map<String, List<Double>>> charts = charts(job.reportPath());
        assertThat(charts).containsOnlyKeys("Temu downloads by region per month, last 120 of 130 months");
        List<Double> shown = charts.values().iterator().next().get("Northern America");
        assertThat(shown).hasSize(120).startsWith(11.0, 12.0).endsWith(130.0);
    }

    @Test
    void revenueIsPublishedBesideDownloadsAndARowMayHaveEitherOrBoth() throws Exception {
        OneSheetWorkbook.write(dir.resolve("input/temu-monthly.xlsx"), "Metrics", new Object[][] {
            {"Month", "App", "Country", "Downloads", "Revenue (USD)"},
            {"2023-01", "Temu", "United States", 100.0, 2500.5},
            {"2023-01", "Temu", "Canada", 20.0, "—"},
            {"2023-01", "Temu", "Worldwide", 120.0, 2500.5},
            {"2023-02", "Temu", "United States", "—", 3000.0},
            {"2023-02", "Temu", "Canada", 30.0, 400.0},
            {"2023-02", "Temu", "Worldwide", 30.0, 3400.0},
        });

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.rowWhere("Platforms", 0, "Temu").orElseThrow()).containsExactly("Temu", "PDD Holdings", "2",
                "150", "2023-02-28", "Northern America", "100.0%", "0", "5,900.50", "2023-02-28");
        List<List<String>> rows = report.rows("Platform Downloads");
        assertThat(rows.get(0)).containsExactly("Platform", "Region", "Country", "Period", "Downloads",
                "Cumulative downloads", "Share of worldwide", "Revenue (USD)", "Period start", "Period end");
        // One row per country and month: downloads, revenue or both; running total and share are of downloads.
        assertThat(rows.subList(1, rows.size())).containsExactly(
                List.of("Temu", "Northern America", "Canada", "2023-01", "20", "20", "16.7%", "", // no revenue
                        "2023-01-01", "2023-01-31"),
                List.of("Temu", "Northern America", "Canada", "2023-02", "30", "50", "100.0%", "400.00",
                        "2023-02-01", "2023-02-28"),
                List.of("Temu", "Northern America", "United States", "2023-01", "100", "100", "83.3%", "2,500.50",
                        "2023-01-01", "2023-01-31"),
                List.of("Temu", "Northern America", "United States", "2023-02", "", "", "", "3,000.00",
                        "2023-02-01", "2023-02-28"));
        // Money as a number with two decimals, as the zone indicators' amounts.
        assertThat(report.values("Platform Downloads").get(3).get(7)).isEqualTo(2500.5);
        assertThat(report.formats("Platform Downloads").get(3).get(7)).isEqualTo("#,##0.00");
        int temu = report.rowIndexWhere("Platforms", 0, "Temu");
        assertThat(report.values("Platforms").get(temu).get(8)).isEqualTo(5900.5);
        assertThat(report.formats("Platforms").get(temu).subList(8, 10)).containsExactly("#,##0.00", "yyyy-mm-dd");
        // The chart stays a chart of downloads.
        assertThat(charts(job.reportPath())).containsExactly(Map.entry("Temu downloads by region per month",
                Map.of("Northern America", List.of(120.0, 30.0))));
    }

    @Test
    void quarterlyAndYearlyFiguresKeepTheirPeriodAndShareOnlyTheirOwnPeriodsWorld() throws Exception {
        OneSheetWorkbook.write(dir.resolve("input/dl.xlsx"), "dl", new Object[][] {
            {"Month", "App", "Country", "Downloads"},
            {"2023-01", "Shein", "United States", 100.0},
            {"2023-01", "Shein", "Canada", 100.0},
            {"2023", "Shein", "Japan", 1200.0},
            {"2023Q2", "Shein", "France", 300.0},
            {"2023-04", "Shein", "United States", 50.0},
        });

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        List<List<String>> rows = report.rows("Platform Downloads");
        // The year is not January and the quarter not April: each shows as written, with its first and last
        // day, and is the whole world of its own period (100%), not 86% of January's or April's.
        assertThat(rows.subList(1, rows.size())).containsExactly(
                List.of("Shein", "Eastern Asia", "Japan", "2023", "1,200", "1,200", "100.0%", "", "2023-01-01",
                        "2023-12-31"),
                List.of("Shein", "Northern America", "Canada", "2023-01", "100", "100", "50.0%", "", "2023-01-01",
                        "2023-01-31"),
                List.of("Shein", "Northern America", "United States", "2023-01", "100", "100", "50.0%", "",
                        "2023-01-01", "2023-01-31"),
                List.of("Shein", "Northern America", "United States", "2023-04", "50", "150", "100.0%", "",
                        "2023-04-01", "2023-04-30"),
                List.of("Shein", "Western Europe", "France", "2023Q2", "300", "300", "100.0%", "", "2023-04-01",
                        "2023-06-30"));
        // A month stays a real date cell; a quarter or a year is text; the period's bounds are real dates.
        List<List<Object>> values = report.values("Platform Downloads");
        assertThat(values.get(1).get(3)).isEqualTo("2023");
        assertThat(values.get(2).get(3)).isInstanceOf(Double.class);
        assertThat(report.formats("Platform Downloads").get(2).get(3)).isEqualTo("yyyy-mm");
        assertThat(values.get(5).get(3)).isEqualTo("2023Q2");
        assertThat(values.subList(1, values.size())).allSatisfy(r ->
                assertThat(r.subList(8, 10)).allMatch(Double.class::isInstance));
        assertThat(report.formats("Platform Downloads").get(1).subList(8, 10)).containsExactly("yyyy-mm-dd", "yyyy-mm-dd");
        // The year runs to 31 December: the downloads are as of then, not of the quarter's end.
        assertThat(report.rowWhere("Platforms", 0, "Shein").orElseThrow().subList(3, 5))
                .containsExactly("1,750", "2023-12-31");
        assertThat(report.summary("Latest platform data")).isEqualTo("2023");
        // A chart per granularity: a year is not plotted as a month.
        assertThat(charts(job.reportPath())).containsExactly(
                Map.entry("Shein downloads by region per month", Map.of("Northern America", List.of(200.0, 50.0))),
                Map.entry("Shein downloads by region per quarter", Map.of("Western Europe", List.of(300.0))),
                Map.entry("Shein downloads by region per year", Map.of("Eastern Asia", List.of(1200.0))));
    }

    @Test
    void aRevenueOnlyExportIsPublishedWithoutADownloadsChart() throws Exception {
        OneSheetWorkbook.write(dir.resolve("input/temu-revenue.xlsx"), "Revenue", new Object[][] {
            {"Month", "App", "Country", "Revenue (USD)"},
            {"2024-01", "Temu", "United States", 5_000_000.0},
            {"2024-01", "Temu", "Canada", 300_000.0},
            {"2024-01", "Temu", "Worldwide", 5_300_000.0},
        });

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.rowWhere("Platforms", 0, "Temu").orElseThrow()).containsExactly("Temu", "PDD Holdings", "2",
                "", "", "", "", "0", "5,300,000.00", "2024-01-31");
        List<List<String>> rows = report.rows("Platform Downloads");
        assertThat(rows.subList(1, rows.size())).containsExactly(
                List.of("Temu", "Northern America", "Canada", "2024-01", "", "", "", "300,000.00", "2024-01-01",
                        "2024-01-31"),
                List.of("Temu", "Northern America", "United States", "2024-01", "", "", "", "5,000,000.00",
                        "2024-01-01", "2024-01-31"));
        assertThat(charts(job.reportPath())).isEmpty();
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

    /**
     * Only an event named as a share is a part of a whole and bounded to 0-100 %: a growth rate, a price change
     * or the change in a share is data as it is, and used to fail the run as "a share outside 0 to 100 %".
     */
    @Test
    void aGrowthOrChangeInPercentIsPublishedAsItIsAndOnlySharesAreBoundedTo100Percent() throws Exception {
        OneSheetWorkbook.write(job.input().resolve("events.xlsx"), "Events", new Object[][] {
            {"Date", "Platform", "Market", "Event", "Value"},
            {"2023-12-31", "Temu", "United States", "GMV year-on-year growth", "150%"},
            {"2023-06-30", "Temu", "United States", "price change", "-5%"},
            {"2023-06-30", "Temu", "美国", "GMV 同比增长", "120%"},
            {"2023-06-30", "Temu", "United States", "market share change", "-5%"},
            {"2023-01-31", "Temu", "North America", "share of app downloads", "more than 90 percent"},
            {"2023-01-31", "Temu", "美国", "下载占比", "95%"},
        });

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        assertThat(report.rowWhere("Platform Events", 3, "GMV year-on-year growth").orElseThrow().subList(4, 8))
                .containsExactly("150.0%", "percent", "EXACT", "150%");
        assertThat(report.rowWhere("Platform Events", 3, "price change").orElseThrow().subList(4, 6))
                .containsExactly("-5.0%", "percent");
        assertThat(report.rowWhere("Platform Events", 3, "GMV 同比增长").orElseThrow().get(4)).isEqualTo("120.0%");
        assertThat(report.rowWhere("Platform Events", 3, "market share change").orElseThrow().get(4)).isEqualTo("-5.0%");
        List<List<String>> shares = job.dataQuality().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Share between 0 and 100 %")).toList();
        assertThat(shares).singleElement().satisfies(r -> assertThat(r.subList(1, 5))
                .containsExactly("platform events", "2 shares", "2 within", "PASS"));
    }

    @Test
    void aShareOutside0To100PercentFailsTheRunWithItsPlace() throws Exception {
        OneSheetWorkbook.write(job.input().resolve("events.xlsx"), "Events", new Object[][] {
            {"Date", "Platform", "Market", "Event", "Value"},
            {"2023-12-31", "Temu", "United States", "GMV year-on-year growth", "150%"},
            {"2023-06-30", "Temu", "United States", "market share", "120%"},
            {"2023-06-30", "Temu", "美国", "市场份额", "-5%"},
        });

        assertThat(job.run()).isEqualTo(65);

        assertThat(job.reportPath()).doesNotExist();
        List<List<String>> failed = job.dataQuality().rows("Checks").stream()
                .filter(r -> r.get(4).equals("FAIL")).toList();
        assertThat(failed).hasSize(2);
        assertThat(failed.get(0)).containsExactly("Share between 0 and 100 %", "market share", "0 % to 100 %", "120%",
                "FAIL", "'market share' is a share, so its value lies between 0 and 100 %, not '120%': correct the"
                        + " value, or if it is a change in the share, say so in the event's name (e.g. 'market share"
                        + " change', '份额变化')",
                "events.xlsx!Events!3");
        assertThat(failed.get(1).subList(0, 5)).containsExactly("Share between 0 and 100 %", "市场份额", "0 % to 100 %",
                "-5%", "FAIL");
        assertThat(failed.get(1).get(6)).isEqualTo("events.xlsx!Events!4");
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
        assertThat(report.rows("Checks").stream().filter(r -> r.get(0).equals("Stated platform total"))
                .map(r -> r.get(1) + " " + r.get(2) + " " + r.get(4))).containsExactly(
                "AliExpress downloads, Northern America, 2023-02 340 PASS",
                "AliExpress downloads, Worldwide, 2023-02 400 PASS",
                "Pinduoduo downloads, Northern America, 2023-01 120 PASS",
                "Pinduoduo downloads, Worldwide, 2023-01 125 PASS");
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
    void anEventAmountInAnotherCurrencyIsKeptAsTextNeverReadAsACount() throws Exception {
        job.inputText("events.csv", """
                Date,Platform,Market,Event,Value
                2023-01-31,Temu,United States,investment in dollars,5美金
                2023-01-31,Temu,United States,investment in millions,5 mln USD
                2023-01-31,Temu,United States,investment in patacas,300万澳门元
                2023-01-31,Temu,United States,investment in NT dollars,5 新台币
                2023-01-31,Temu,United States,investment in MOP,MOP 5
                """);

        assertThat(job.run()).isZero();

        PublishedWorkbook report = job.report();
        // Value, Unit, Qualifier: 美金 is USD and mln a million; another currency is text, never a count.
        assertThat(report.rowWhere("Platform Events", 7, "5美金").orElseThrow().subList(4, 7))
                .containsExactly("5", "USD", "EXACT");
        assertThat(report.rowWhere("Platform Events", 7, "5 mln USD").orElseThrow().subList(4, 7))
                .containsExactly("5,000,000", "USD", "EXACT");
        for (String other : List.of("300万澳门元", "5 新台币", "MOP 5")) {
            assertThat(report.rowWhere("Platform Events", 7, other).orElseThrow().subList(4, 7)).as(other)
                    .containsExactly("", "", "");
        }
        assertThat(report.rows("Checks")).filteredOn(r -> r.get(0).equals("Event value read as a figure"))
                .extracting(r -> r.get(4) + " " + r.get(5)).containsExactly(
                        "WARN Kept as text: unsupported currency '澳门元' in '300万澳门元': only CNY and USD are read",
                        "WARN Kept as text: unsupported currency '新台币' in '5 新台币': only CNY and USD are read",
                        "WARN Kept as text: unsupported currency 'mop' in 'MOP 5': only CNY and USD are read");
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

    /**
     * Text over the cell limit is cut once, where it is published, so the cell reads the same whatever the
     * input's format: an .xlsx inline or shared string, an .xls string or a CSV field. The count is of the
     * source's characters that are not shown; a pair of surrogates (an emoji) is never split.
     */
    @Test
    void anEventTextOverTheCellLimitIsCutWithTheSameMarkerFromCsvXlsxAndXls() throws Exception {
        Random random = new Random(7); // random text: a repeated character would trip the zip-bomb guard
        String latin = "abcdefghijklmnopqrstuvwxyz";
        String chinese = "跨境电商综合试验区平台出口";
        String emoji = "😀😁😂🤣😃";
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("latin 40000", randomText(random, latin, 40_000));
        texts.put("latin 32800", randomText(random, latin, 32_800));
        texts.put("latin 32768", randomText(random, latin, 32_768));
        texts.put("chinese 40000", randomText(random, chinese, 40_000));
        texts.put("emoji 40001", "x" + randomText(random, emoji, 20_000));
        texts.put("latin 32767", randomText(random, latin, 32_767));
        texts.put("chinese 32767", randomText(random, chinese, 32_767));
        List<String> events = List.copyOf(texts.keySet());
        Object[][] rows = new Object[events.size() + 1][];
        rows[0] = new Object[] {"Date", "Platform", "Market", "Event", "Value"};
        for (int i = 0; i < events.size(); i++) {
            rows[i + 1] = new Object[] {"2023-01-31", "Temu", "United States", events.get(i), placeholder(i)};
        }
        // POI refuses to write a cell over 32,767 characters, but other tools do: the XML or the SST is edited.
        UnaryOperator<String> fill = xml -> {
            for (int i = 0; i < events.size(); i++) {
                xml = xml.replace(placeholder(i), texts.get(events.get(i)));
            }
            return xml;
        };
        rewriteEntry(OneSheetWorkbook.write(dir.resolve("shared.xlsx"), "facts", rows),
                job.input().resolve("shared.xlsx"), "xl/sharedStrings.xml", fill);
        rewriteEntry(inlineStringsWorkbook(dir.resolve("inline.xlsx"), rows),
                job.input().resolve("inline.xlsx"), "xl/worksheets/sheet1.xml", fill);
        writeXls(job.input().resolve("binary.xls"), rows, texts);
        try (var csv = Files.newBufferedWriter(job.input().resolve("fields.csv"))) {
            csv.write("Date,Platform,Market,Event,Value\n");
            for (String event : events) {
                csv.write("2023-01-31,Temu,United States," + event + "," + texts.get(event) + "\n");
            }
        }

        assertThat(job.run()).isZero();

        List<List<String>> published = job.report().rows("Platform Events");
        for (String event : events) {
            String text = texts.get(event);
            Map<String, String> byFile = new LinkedHashMap<>();
            published.stream().filter(r -> r.get(3).equals(event))
                    .forEach(r -> byFile.put(r.get(8).substring(0, r.get(8).indexOf('!')), r.get(7)));
            assertThat(byFile).as(event).containsOnlyKeys("fields.csv", "shared.xlsx", "inline.xlsx", "binary.xls");
            String fromCsv = byFile.get("fields.csv");
            if (text.length() <= 32_767) {
                assertThat(fromCsv).as(event + ": kept whole").isEqualTo(text);
            } else {
                int kept = fromCsv.indexOf('…');
                assertThat(fromCsv).as(event).hasSizeBetween(32_766, 32_767).startsWith(text.substring(0, kept))
                        .endsWith("…[truncated " + (text.length() - kept) + " chars]");
                assertThat(Character.isHighSurrogate(fromCsv.charAt(kept - 1))).as(event + ": half an emoji").isFalse();
            }
            // the length and the end first: a failure then reads in one line, not as two 32,767-character texts
            byFile.forEach((file, cell) -> {
                assertThat(ending(cell)).as(event + " from " + file).isEqualTo(ending(fromCsv));
                assertThat(cell.equals(fromCsv)).as(event + " from " + file + ": the whole cell as from the CSV").isTrue();
            });
        }
    }

    private static String ending(String text) {
        return text.length() + " characters, ending " + text.substring(Math.max(0, text.length() - 40));
    }

    private static String placeholder(int i) {
        return "PLACEHOLDER-" + i + "-";
    }

    private static String randomText(Random random, String alphabet, int characters) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < characters; i++) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }

    /** {@code rows} as an .xlsx of inline strings, as SXSSF (and many exporters) write text. */
    private static Path inlineStringsWorkbook(Path path, Object[][] rows) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook()) {
            Sheet sheet = wb.createSheet("facts");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c].toString());
                }
            }
            try (OutputStream out = Files.newOutputStream(path)) {
                wb.write(out);
            }
        }
        return path;
    }

    /** {@code rows} as an .xls whose placeholders' SST entries hold {@code texts} (BIFF8 allows 65,535 characters). */
    private static void writeXls(Path path, Object[][] rows, Map<String, String> texts) throws IOException {
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            Sheet sheet = wb.createSheet("facts");
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c].toString());
                }
            }
            InternalWorkbook internal = wb.getInternalWorkbook();
            List<String> events = List.copyOf(texts.keySet());
            for (int e = 0; e < events.size(); e++) {
                // adding a string already in the SST answers its index
                internal.getSSTString(internal.addSSTString(new UnicodeString(placeholder(e))))
                        .setString(texts.get(events.get(e)));
            }
            try (OutputStream out = Files.newOutputStream(path)) {
                wb.write(out);
            }
        }
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
}
