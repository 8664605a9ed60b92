package io.cbec.etl.kind.platform;

import io.cbec.etl.kind.RecordKind.SummaryItem;
import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.Precision;
import io.cbec.etl.report.Column;
import io.cbec.etl.report.ColumnFormat;
import io.cbec.etl.report.Formatted;
import io.cbec.etl.report.ListSheet;
import io.cbec.etl.report.ReportWorkbook;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Platforms, Platform Downloads (downloads and revenue, with a chart of downloads by region over time) and
 * Platform Events, and the Summary items Platforms tracked and Latest platform data. A sheet is written only
 * when its kind has data: a run without platform inputs has no platform sheets.
 */
final class PlatformReportSheets {

    private final CountryDirectory countries;

    PlatformReportSheets(CountryDirectory countries) {
        this.countries = countries;
    }

    /** Whether the table has a row of the instance: the first one answers, not a count of a million. */
    private static boolean any(JdbcClient jdbc, long id, String table) {
        return !jdbc.sql("SELECT 1 FROM " + table + " WHERE instance_id = :id LIMIT 1").param("id", id)
                .query(Integer.class).list().isEmpty();
    }

    List<SummaryItem> summaryItems(JdbcClient jdbc, long id) {
        if (!any(jdbc, id, "platform_month") && !any(jdbc, id, "platform_event")) {
            return List.of();
        }
        long platforms = jdbc.sql("""
                SELECT COUNT(DISTINCT platform) FROM (
                    SELECT platform FROM platform_month WHERE instance_id = :id
                    UNION SELECT platform FROM platform_total WHERE instance_id = :id
                    UNION SELECT platform FROM platform_event WHERE instance_id = :id AND platform IS NOT NULL)""")
                .param("id", id).query(Long.class).single();
        List<SummaryItem> items = new ArrayList<>();
        items.add(new SummaryItem("Platforms tracked", platforms));
        items.add(new SummaryItem("Latest platform data", latest(jdbc, id)));
        return items;
    }

    /**
     * The latest date any platform figure or event is about, at its precision: a figure by the end of its
     * period (a yearly figure is about all of its year, later than a June one), an event by its date.
     */
    private static Object latest(JdbcClient jdbc, long id) {
        record Dated(PartialDate date, LocalDate key) { }
        // The latest start of each precision (a few grouped rows, no DISTINCT set of every date in the heap); on
        // the same date a day is later than a month.
        List<Dated> dates = new ArrayList<>();
        jdbc.sql("""
                SELECT MAX(latest_start), latest_prec FROM platform_month WHERE instance_id = :id GROUP BY latest_prec""")
                .param("id", id).query(rs -> {
                    PartialDate d = new PartialDate(rs.getDate(1).toLocalDate(), Precision.valueOf(rs.getString(2)));
                    dates.add(new Dated(d, d.end()));
                });
        jdbc.sql("""
                SELECT event_date, date_prec FROM platform_event WHERE instance_id = :id AND event_date IS NOT NULL
                ORDER BY event_date DESC, CASE date_prec WHEN 'DAY' THEN 0 ELSE 1 END LIMIT 1""")
                .param("id", id).query(rs -> {
                    LocalDate start = rs.getDate(1).toLocalDate();
                    dates.add(new Dated(new PartialDate(start, Precision.valueOf(rs.getString(2))), start));
                });
        return dates.stream()
                .max(Comparator.comparing(Dated::key).thenComparing(d -> d.date().precision() == Precision.DAY ? 1 : 0))
                .map(d -> dateCell(d.date())).orElse(null);
    }

    static Object dateCell(PartialDate date) {
        if (date == null) {
            return null;
        }
        return switch (date.precision()) {
            case DAY -> date.start();
            case MONTH -> new Formatted(date.start(), ColumnFormat.MONTH);
            case YEAR -> new Formatted(date.start(), ColumnFormat.YEAR);
            // Excel has no quarter format: "2023Q1" as text, rather than a date that reads as a month.
            case QUARTER -> date.toString();
        };
    }

    void writePlatforms(JdbcClient jdbc, long id, ReportWorkbook workbook) {
        if (!any(jdbc, id, "platform_month") && !any(jdbc, id, "platform_event")) {
            return;
        }
        record Row(String platform, String parent) { }
        List<Row> platforms = jdbc.sql("""
                SELECT platform, MAX(parent) FROM (
                    SELECT platform, parent FROM platform_month WHERE instance_id = :id
                    UNION SELECT platform, parent FROM platform_event WHERE instance_id = :id AND platform IS NOT NULL)
                GROUP BY platform ORDER BY platform""")
                .param("id", id).query((rs, n) -> new Row(rs.getString(1), rs.getString(2))).list();
        ListSheet sheet = workbook.listSheet("Platforms", List.of(Column.text("Platform"), Column.text("Parent company"),
                Column.integer("Markets"), Column.integer("Downloads"), Column.date("Downloads as of"),
                Column.text("Top region"), Column.percent("Top region share"), Column.integer("Events"),
                Column.decimal("Revenue (USD)"), Column.date("Revenue as of")));
        for (Row p : platforms) {
            long markets = jdbc.sql("""
                    SELECT COUNT(DISTINCT c) FROM (
                        SELECT country_code c FROM platform_month WHERE instance_id = :id AND platform = :p
                        UNION SELECT market_code FROM platform_event WHERE instance_id = :id AND platform = :p
                                                                      AND market_code IS NOT NULL)""")
                    .param("id", id).param("p", p.platform()).query(Long.class).single();
            Map<String, BigDecimal> byCountry = new LinkedHashMap<>();
            jdbc.sql("""
                    SELECT country_code, SUM(metric_value) FROM platform_month
                    WHERE instance_id = :id AND platform = :p AND metric = 'downloads' GROUP BY country_code""")
                    .param("id", id).param("p", p.platform())
                    .query(rs -> {
                        byCountry.put(rs.getString(1), rs.getBigDecimal(2));
                    });
            BigDecimal downloads = byCountry.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            Object asOf = null;
            String topRegion = null;
            BigDecimal topShare = null;
            if (!byCountry.isEmpty()) {
                asOf = asOf(jdbc, id, p.platform(), MetricLayout.DOWNLOADS);
                Map<String, BigDecimal> byRegion = new TreeMap<>();
                byCountry.forEach((code, v) -> byRegion.merge(countries.reportRegion(code), v, BigDecimal::add));
                Map.Entry<String, BigDecimal> top = byRegion.entrySet().stream()
                        .max(Map.Entry.comparingByValue()).orElseThrow();
                topRegion = top.getKey();
                topShare = downloads.signum() == 0 ? null : top.getValue().divide(downloads, MathContext.DECIMAL64);
            }
            long events = jdbc.sql("SELECT COUNT(*) FROM platform_event WHERE instance_id = :id AND platform = :p")
                    .param("id", id).param("p", p.platform()).query(Long.class).single();
            BigDecimal revenue = jdbc.sql("""
                    SELECT SUM(metric_value) FROM platform_month
                    WHERE instance_id = :id AND platform = :p AND metric = 'revenue' HAVING COUNT(*) > 0""")
                    .param("id", id).param("p", p.platform()).query(BigDecimal.class).optional().orElse(null);
            sheet.row(p.platform(), p.parent(), markets, byCountry.isEmpty() ? null : downloads, asOf, topRegion,
                    topShare, events, revenue, revenue == null ? null : asOf(jdbc, id, p.platform(), MetricLayout.REVENUE));
        }
        sheet.finish();
    }

    /**
     * The last day the platform's figures of the metric cover: a day, or the end of the latest month, quarter
     * or year (a yearly figure runs to 31 December, whatever month a later figure starts in). The latest start
     * of each precision, at most four rows, settles it.
     */
    private static LocalDate asOf(JdbcClient jdbc, long id, String platform, String metric) {
        return jdbc.sql("""
                SELECT MAX(latest_start), latest_prec FROM platform_month
                WHERE instance_id = :id AND platform = :p AND metric = :metric GROUP BY latest_prec""")
                .param("id", id).param("p", platform).param("metric", metric)
                .query((rs, n) -> new PartialDate(rs.getDate(1).toLocalDate(), Precision.valueOf(rs.getString(2))).end())
                .list().stream().max(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * Downloads and revenue per platform, country and period (a month, or the quarter or year a figure was
     * given for), with the running total of downloads and their share of the period's world; a row has
     * downloads, revenue or both. {@code Period} is a date cell for a month and text for a quarter or a year
     * (2023Q2, 2023: no date cell can show them), so {@code Period start} and {@code Period end}, real dates
     * at the right end, are what to sort and filter by.
     */
    void writeDownloads(JdbcClient jdbc, long id, ReportWorkbook workbook) {
        if (!any(jdbc, id, "platform_month")) {
            return;
        }
        ListSheet sheet = workbook.listSheet("Platform Downloads", List.of(Column.text("Platform"), Column.text("Region"),
                Column.text("Country"), Column.month("Period"), Column.integer("Downloads"),
                Column.integer("Cumulative downloads"), Column.percent("Share of worldwide"),
                Column.decimal("Revenue (USD)"), Column.date("Period start"), Column.date("Period end")));
        // The worldwide downloads of each platform and period (a few hundred sums; null for a period of revenue
        // only), then the periods in the sheet's order straight from SQL: nothing the size of the sheet is held
        // here. A share is of its own period's world: a yearly figure is not a share of January's countries.
        Map<String, Map<PartialDate, BigDecimal>> world = new TreeMap<>();
        jdbc.sql("""
                SELECT platform, period_month, period_prec, SUM(CASE WHEN metric = 'downloads' THEN metric_value END)
                FROM platform_month WHERE instance_id = :id GROUP BY platform, period_month, period_prec""")
                .param("id", id)
                .query(rs -> {
                    world.computeIfAbsent(rs.getString(1), p -> new HashMap<>())
                            .put(period(rs.getDate(2), rs.getString(3)), rs.getBigDecimal(4));
                });
        Map<String, Map<Precision, Map<String, Map<LocalDate, Double>>>> byPlatform = new TreeMap<>();
        // A query per platform, in the platforms' order: H2 sorts the rows of an ORDER BY in the heap, and the
        // whole sheet's rows (one per platform, country and month: 32,000 at 1M exported rows) were the
        // report step's live-heap peak. Within a country the periods come by start (MONTH < QUARTER < YEAR on
        // the same start), so the running total follows time.
        for (Map.Entry<String, Map<PartialDate, BigDecimal>> platformWorld : world.entrySet()) {
            String platform = platformWorld.getKey();
            DownloadRows rows = new DownloadRows(sheet, platform, platformWorld.getValue(),
                    byPlatform.computeIfAbsent(platform, p -> new TreeMap<>()));
            jdbc.sql("""
                    SELECT region, country_name, country_code, period_month, period_prec, metric, metric_value
                    FROM platform_month
                    WHERE instance_id = :id AND platform = :platform AND metric IN ('downloads', 'revenue')
                    ORDER BY region, country_name, country_code, period_month, period_prec, metric""")
                    .param("id", id).param("platform", platform)
                    .query(rs -> {
                        rows.add(rs.getString(1), rs.getString(2), rs.getString(3), period(rs.getDate(4), rs.getString(5)),
                                rs.getString(6), rs.getBigDecimal(7));
                    });
            rows.flush();
        }
        sheet.finish();
        // One chart of downloads per platform and granularity (regions of different apps never summed, nor a
        // year with its months), stacked beside the list; a platform with revenue only has none.
        int anchorRow = 1;
        for (Map.Entry<String, Map<Precision, Map<String, Map<LocalDate, Double>>>> platform : byPlatform.entrySet()) {
            for (Map.Entry<Precision, Map<String, Map<LocalDate, Double>>> granularity : platform.getValue().entrySet()) {
                Precision precision = granularity.getKey();
                List<LocalDate> starts = List.copyOf(granularity.getValue().values().stream()
                        .flatMap(r -> r.keySet().stream()).collect(Collectors.toCollection(TreeSet::new)));
                String unit = precision.name().toLowerCase(Locale.ROOT);
                String title = platform.getKey() + " downloads by region per " + unit;
                if (starts.size() > CHART_PERIODS) {
                    title += ", last " + CHART_PERIODS + " of " + starts.size() + " " + unit + "s";
                    starts = starts.subList(starts.size() - CHART_PERIODS, starts.size());
                }
                workbook.addSeriesLineChart(sheet, title,
                        starts.stream().map(start -> new PartialDate(start, precision).toString()).toList(),
                        chartSeries(granularity.getValue(), starts), sheet.columns().size() + 1, anchorRow);
                anchorRow += CHART_ROWS;
            }
        }
    }

    /** A platform_month period: a month (of days or a month's figure), a quarter or a year. */
    private static PartialDate period(java.sql.Date start, String precision) {
        return new PartialDate(start.toLocalDate(), Precision.valueOf(precision));
    }

    /**
     * The rows of one platform's Platform Downloads: a country's downloads and revenue of a period come as
     * consecutive query rows (downloads first) and make one sheet row, so one row is held at a time. The
     * running total, the share and the chart's sums are of downloads only.
     */
    private static final class DownloadRows {
        private final ListSheet sheet;
        private final String platform;
        private final Map<PartialDate, BigDecimal> worldwide;
        private final Map<Precision, Map<String, Map<LocalDate, Double>>> byRegion;
        private BigDecimal cumulative = BigDecimal.ZERO;
        private String runningFor; // the country the running total is for
        private String region;
        private String countryName;
        private String countryCode;
        private PartialDate period;
        private BigDecimal downloads;
        private BigDecimal revenue;

        DownloadRows(ListSheet sheet, String platform, Map<PartialDate, BigDecimal> worldwide,
                     Map<Precision, Map<String, Map<LocalDate, Double>>> byRegion) {
            this.sheet = sheet;
            this.platform = platform;
            this.worldwide = worldwide;
            this.byRegion = byRegion;
        }

        void add(String region, String countryName, String countryCode, PartialDate period, String metric,
                 BigDecimal value) {
            if (!period.equals(this.period) || !countryCode.equals(this.countryCode)) {
                flush();
                this.region = region;
                this.countryName = countryName;
                this.countryCode = countryCode;
                this.period = period;
            }
            if (metric.equals(MetricLayout.DOWNLOADS)) {
                downloads = value;
            } else {
                revenue = value;
            }
        }

        void flush() {
            if (period == null) {
                return;
            }
            BigDecimal share = null;
            if (downloads != null) {
                if (!countryCode.equals(runningFor)) {
                    runningFor = countryCode;
                    cumulative = BigDecimal.ZERO;
                }
                cumulative = cumulative.add(downloads);
                BigDecimal periodWorld = worldwide.get(period);
                share = periodWorld == null || periodWorld.signum() == 0 ? null
                        : downloads.divide(periodWorld, MathContext.DECIMAL64);
                byRegion.computeIfAbsent(period.precision(), g -> new TreeMap<>())
                        .computeIfAbsent(region, r -> new TreeMap<>())
                        .merge(period.start(), downloads.doubleValue(), Double::sum);
            }
            // A month is a date cell (yyyy-mm); a quarter or a year is its label, as Zone Indicators shows it.
            Object shown = period.precision() == Precision.MONTH ? new Formatted(period.start(), ColumnFormat.MONTH)
                    : period.toString();
            sheet.row(platform, region, countryName, shown, downloads, downloads == null ? null : cumulative, share,
                    revenue, period.start(), period.end());
            period = null;
            downloads = null;
            revenue = null;
        }
    }

    static final int CHART_SERIES = 6;
    private static final int CHART_ROWS = 24;
    /**
     * A chart shows at most the last ten years of months: more points than that are not told apart on a chart
     * this size, and each costs about 1 KB of heap until the workbook is written (POI holds a chart as XML
     * objects), so a chart of every month of decades was the largest thing the report step held.
     */
    static final int CHART_PERIODS = 120;
    static final String OTHER_REGIONS = "Other regions";

    /**
     * A line per region, the largest first; past {@link #CHART_SERIES} lines the smallest regions are
     * summed into "Other regions", so the legend stays legible and each colour means one thing.
     */
    static Map<String, List<Double>> chartSeries(Map<String, Map<LocalDate, Double>> byRegion, List<LocalDate> months) {
        List<Map.Entry<String, Map<LocalDate, Double>>> regions = new ArrayList<>(byRegion.entrySet());
        regions.sort(Comparator.comparing((Map.Entry<String, Map<LocalDate, Double>> e) ->
                -e.getValue().values().stream().mapToDouble(Double::doubleValue).sum()).thenComparing(Map.Entry::getKey));
        int shown = regions.size() <= CHART_SERIES ? regions.size() : CHART_SERIES - 1;
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (Map.Entry<String, Map<LocalDate, Double>> region : regions.subList(0, shown)) {
            series.put(region.getKey(), months.stream().map(mo -> region.getValue().getOrDefault(mo, 0.0)).toList());
        }
        if (shown < regions.size()) {
            List<Map.Entry<String, Map<LocalDate, Double>>> rest = regions.subList(shown, regions.size());
            series.put(OTHER_REGIONS, months.stream().map(mo -> rest.stream()
                    .mapToDouble(r -> r.getValue().getOrDefault(mo, 0.0)).sum()).toList());
        }
        return series;
    }

    /**
     * An event's value as its unit reads: a share (kept as a fraction) as 90.0%, whole counts, days and
     * amounts with thousands separators and no decimals, fractional ones with two.
     */
    static Object value(BigDecimal v, String unit) {
        if (v == null) {
            return null;
        }
        BigDecimal plain = PlatformChecks.plainNumber(v);
        if (io.cbec.etl.normalise.quantity.Quantity.PERCENT.equals(unit)) {
            return new Formatted(plain, ColumnFormat.PERCENT);
        }
        return new Formatted(plain, plain.scale() <= 0 ? ColumnFormat.INTEGER : ColumnFormat.DECIMAL);
    }

    void writeEvents(JdbcClient jdbc, long id, ReportWorkbook workbook) {
        if (!any(jdbc, id, "platform_event")) {
            return;
        }
        ListSheet sheet = workbook.listSheet("Platform Events", List.of(Column.date("Date"), Column.text("Platform"),
                Column.text("Market"), Column.text("Event"), Column.decimal("Value"), Column.text("Unit"),
                Column.text("Qualifier"), Column.text("Text"), Column.text("Source"), Column.decimal("Value (high)"),
                Column.text("Reference")));
        jdbc.sql("""
                SELECT e.event_date, e.date_prec, e.platform, e.market, e.event, e.value_low, e.unit, e.qualifier,
                       e.value_text, f.file_name || '!' || s.sheet_name || '!' || e.row_no, e.value_high, e.reference
                FROM platform_event e
                JOIN source_file f ON f.instance_id = e.instance_id AND f.file_no = e.file_no
                JOIN source_sheet s ON s.instance_id = e.instance_id AND s.file_no = e.file_no AND s.sheet_no = e.sheet_no
                WHERE e.instance_id = :id
                ORDER BY e.event_date, e.platform NULLS LAST, e.file_no, e.sheet_no, e.row_no""")
                .param("id", id)
                .query(rs -> {
                    PartialDate date = rs.getDate(1) == null ? null
                            : new PartialDate(rs.getDate(1).toLocalDate(), Precision.valueOf(rs.getString(2)));
                    BigDecimal low = rs.getBigDecimal(6);
                    BigDecimal high = rs.getBigDecimal(11);
                    String unit = rs.getString(7);
                    boolean range = high != null && high.compareTo(low) != 0;
                    // "10 to 15 days" is stored EXACT with a high end; shown as RANGE, not as an exact 10
                    String qualifier = range && "EXACT".equals(rs.getString(8)) ? "RANGE" : rs.getString(8);
                    sheet.row(dateCell(date), rs.getString(3), rs.getString(4), rs.getString(5), value(low, unit), unit,
                            qualifier, rs.getString(9), rs.getString(10), range ? value(high, unit) : null,
                            rs.getString(12));
                });
        sheet.finish();
    }
}
