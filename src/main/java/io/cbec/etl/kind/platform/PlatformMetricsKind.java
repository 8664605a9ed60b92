package io.cbec.etl.kind.platform;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.job.RunContext;
import io.cbec.etl.kind.Field;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetContext;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.DateParser;
import io.cbec.etl.normalise.NotReported;
import io.cbec.etl.normalise.Parsed;
import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.Period;
import io.cbec.etl.normalise.PeriodParser;
import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.normalise.quantity.FigureLimit;
import io.cbec.etl.normalise.quantity.Quantity;
import io.cbec.etl.normalise.quantity.QuantityParser;
import io.cbec.etl.normalise.quantity.UnitHint;
import io.cbec.etl.report.CellTextSanitiser;
import io.cbec.etl.report.ReportWorkbook;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;
import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * App-analytics exports: downloads and revenue per date (or month), app and country, with worldwide and
 * regional rows (or columns) as stated totals. Apps become canonical platforms, countries ISO codes.
 */
@Component
@Order(30)
public class PlatformMetricsKind implements RecordKind {

    public static final String ID = "platform-metrics";
    static final String DATE = "date";
    static final String PLATFORM = "platform";
    static final String COUNTRY = "country";
    static final String METRIC = "metric";
    static final String COUNTRY_COLUMNS = "country-columns";

    private static final Pattern FIRST_NUMBER = Pattern.compile("[0-9][0-9,]*(?:\\.([0-9]+))?");

    private final List<Field> fields;
    private final CountryDirectory countries;
    private final PlatformDirectory platforms;
    private final JdbcTemplate template;
    private final FigureStore figureStore;
    private final RunContext run;
    private final PlatformReportSheets reportSheets;
    private final Map<String, MetricLayout> layouts = new ConcurrentHashMap<>();
    private record SheetLayout(SheetPlan plan, MetricLayout layout) { }
    private volatile SheetLayout lastLayout;

    PlatformMetricsKind(JdbcTemplate template, PlatformReference reference, RunContext run) {
        this.template = template;
        this.figureStore = new FigureStore(template);
        this.run = run;
        this.countries = reference.countries();
        this.platforms = reference.platforms();
        this.reportSheets = new PlatformReportSheets(countries);
        this.fields = List.of(
                Field.required(DATE, "日期", "Date", "Day", "Month", "月份", "年月", "Period", "期间", "时间", "Date (UTC)"),
                Field.required(PLATFORM, "平台", "应用", "应用名称", "App", "App Name", "App name", "Platform", "Unified Name",
                        "Product", "Product Name", "App / Platform"),
                Field.optional(COUNTRY, "国家/地区", "国家", "地区", "国家或地区", "市场", "Country", "Country / Region",
                        "Country/Region", "Country or region", "Market", "Country Code", "Region"),
                Field.optional(METRIC, "下载量", "下载", "下载次数", "Downloads", "Total Downloads", "Installs",
                        "iPhone Downloads", "iPad Downloads", "Android Downloads", "iOS Downloads", "Google Play Downloads",
                        "App Store Downloads", "Downloads iOS", "Downloads Android", "收入", "收入（美元）", "Revenue",
                        "Revenue (USD)", "iPhone Revenue", "iPad Revenue", "Android Revenue", "iOS Revenue",
                        "Total Revenue", "Revenue iOS", "Revenue Android"),
                Field.optional(COUNTRY_COLUMNS, countries.names().toArray(String[]::new)));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Platform metrics";
    }

    @Override
    public List<Field> fields() {
        return fields;
    }

    /** Countries as rows need a country column and a metric; countries as columns need country headers. */
    @Override
    public boolean accepts(Set<String> matched, SheetContext context) {
        return matched.contains(DATE) && matched.contains(PLATFORM)
                && ((matched.contains(COUNTRY) && matched.contains(METRIC)) || matched.contains(COUNTRY_COLUMNS));
    }

    /** Names the country or metric column a header with a date and an app lacks (Date | App | Downloads). */
    @Override
    public String lacks(Set<String> matched, SheetContext context) {
        if (!matched.contains(DATE) || !matched.contains(PLATFORM)) {
            return RecordKind.super.lacks(matched, context);
        }
        if (!matched.contains(COUNTRY) && !matched.contains(COUNTRY_COLUMNS)) {
            return "a country column (国家/地区, Country, Country / Region, Market), or one column per country "
                    + "(United States, 美国...)";
        }
        return "a metric column (下载量, Downloads, iPhone Downloads, Revenue (USD))";
    }

    /** Metric and country columns come in numbers (iPhone and Android downloads; one column per country). */
    @Override
    public boolean oneColumnOnly(String field) {
        return field.equals(DATE) || field.equals(PLATFORM) || field.equals(COUNTRY);
    }

    /** The sheet's layout, kept for its rows: the rows of one sheet come together, with one plan object. */
    private MetricLayout layout(SheetPlan plan) {
        SheetLayout last = lastLayout;
        if (last == null || last.plan() != plan) {
            last = new SheetLayout(plan, layouts.computeIfAbsent(plan.fileNo() + "/" + plan.sheetNo(),
                    k -> MetricLayout.of(plan, countries)));
            lastLayout = last;
        }
        return last.layout();
    }

    @Override
    public RowOutcome normalise(SheetPlan plan, SourceRow row) {
        MetricLayout layout = layout(plan);
        for (int column : plan.columns().values()) {
            Optional<RowOutcome.Rejected> bad = plan.unusableCell(row, column);
            if (bad.isPresent()) {
                return bad.get();
            }
        }
        int dateColumn = plan.column(DATE);
        int platformColumn = plan.column(PLATFORM);
        String appText = SheetPlan.cellText(row, platformColumn);
        CellValue dateCell = row.cell(dateColumn);
        if (appText == null && dateCell == null) {
            return new RowOutcome.Ignored("no date and no app");
        }
        if (dateCell == null) {
            return plan.reject(dateColumn, null, "date is empty");
        }
        Parsed<PartialDate> date = dateCell instanceof CellValue.DateTime d ? Parsed.ok(DateParser.fromDateTime(d.value()))
                : dateCell instanceof CellValue.Numeric ? Parsed.failed("a number, not a date: format the cell as a date")
                : DateParser.parse(dateCell.raw());
        if (!date.ok() && dateCell instanceof CellValue.Text) {
            date = period(dateCell.raw(), date);
        }
        if (!date.ok()) {
            return plan.reject(dateColumn, dateCell, date.error());
        }
        if (appText == null) {
            return plan.reject(platformColumn, null, "app or platform is empty");
        }
        Optional<Platform> platform = platforms.platform(appText);
        if (platform.isEmpty()) {
            return plan.reject(platformColumn, row.cell(platformColumn), "unknown app or platform '" + appText
                    + "': add it with its parent company to platforms.csv in the reference folder (cbec.reference-dir)");
        }
        Platform p = platform.get();
        PartialDate period = date.value();
        List<Figure> facts = new ArrayList<>();
        List<MetricRows.Total> totals = new ArrayList<>();
        if (layout.countriesAsColumns()) {
            for (MetricLayout.AreaColumn ac : layout.areaColumns()) {
                CellValue cell = row.cell(ac.column());
                if (notReported(cell)) {
                    continue;
                }
                Optional<RowOutcome.Rejected> bad = plan.unusableCell(row, ac.column());
                if (bad.isPresent()) {
                    return bad.get();
                }
                Parsed<Quantity> q = figure(cell, UnitHint.fromHeader(plan.headers().get(ac.column())).orElse(null));
                if (!q.ok()) {
                    return plan.reject(ac.column(), cell, q.error());
                }
                Optional<String> problem = problem(layout.columnsMetric(), q.value());
                if (problem.isPresent()) {
                    return plan.reject(ac.column(), cell, problem.get());
                }
                add(facts, totals, plan, row.rowNumber(), p, period, layout.columnsMetric(), q.value(), ac.country(),
                        ac.area(), plan.describeColumn(ac.column()), cell);
            }
            if (facts.isEmpty() && totals.isEmpty()) {
                return plan.reject(platformColumn, row.cell(platformColumn), "no figure in the row for " + p.name()
                        + " on " + dateCell.raw() + ": fill the country columns or delete the row");
            }
            return new RowOutcome.Accepted(new MetricRows(facts, totals));
        }
        int countryColumn = plan.column(COUNTRY);
        String countryText = SheetPlan.cellText(row, countryColumn);
        if (countryText == null) {
            return plan.reject(countryColumn, null, "country is empty");
        }
        Optional<Country> country = countries.country(countryText);
        Optional<CountryDirectory.Area> area = country.isPresent() ? Optional.empty() : countries.area(countryText);
        if (country.isEmpty() && area.isEmpty()) {
            return plan.reject(countryColumn, row.cell(countryColumn), "unknown country or region '" + countryText
                    + "': use an ISO 3166 name or code (e.g. United States, US, 美国) or a UN M49 region"
                    + " (add spellings to countries.csv in the reference folder)");
        }
        // A stated total names its columns and keeps the text shown (for its tolerance); a country's figure
        // needs neither, so that text is built only for area rows.
        boolean stated = country.isEmpty();
        for (String metric : List.of(MetricLayout.DOWNLOADS, MetricLayout.REVENUE)) {
            BigDecimal sum = null;
            String unit = null;
            StringBuilder columns = new StringBuilder();
            String raw = null;
            for (MetricLayout.MetricColumn mc : layout.metricColumns()) {
                if (!mc.metric().equals(metric) || notReported(row.cell(mc.column()))) {
                    continue;
                }
                Optional<RowOutcome.Rejected> bad = plan.unusableCell(row, mc.column());
                if (bad.isPresent()) {
                    return bad.get();
                }
                CellValue cell = row.cell(mc.column());
                if (mc.foreignCurrency() != null) {
                    return plan.reject(mc.column(), cell, "the header '" + plan.headers().get(mc.column())
                            + "' gives the amounts in " + mc.foreignCurrency() + ", a currency not supported: only USD"
                            + " and CNY are supported (platform revenue in USD); convert the column to US dollars and"
                            + " name it e.g. 'Revenue (USD)'");
                }
                Parsed<Quantity> q = figure(cell, mc.hint());
                if (!q.ok()) {
                    return plan.reject(mc.column(), cell, q.error());
                }
                Optional<String> problem = problem(metric, q.value());
                if (problem.isPresent()) {
                    return plan.reject(mc.column(), cell, problem.get());
                }
                sum = sum == null ? q.value().low() : sum.add(q.value().low());
                unit = q.value().unit();
                if (stated) {
                    columns.append(columns.isEmpty() ? "" : " + ").append(plan.describeColumn(mc.column()));
                    raw = raw == null ? cell.raw() : raw + " + " + cell.raw();
                }
            }
            if (sum != null) {
                Quantity total = new Quantity(sum, sum, unit, io.cbec.etl.normalise.quantity.Qualifier.EXACT, raw);
                add(facts, totals, plan, row.rowNumber(), p, period, metric, total, country.orElse(null),
                        area.orElse(null), stated ? columns.toString() : null, stated ? new CellValue.Text(raw) : null);
            }
        }
        if (facts.isEmpty() && totals.isEmpty()) {
            return plan.reject(countryColumn, row.cell(countryColumn), "no figure in the row for " + p.name() + " in "
                    + countryText + " on " + dateCell.raw() + ": fill the downloads or revenue columns or delete the row");
        }
        return new RowOutcome.Accepted(new MetricRows(facts, totals));
    }

    /**
     * An empty cell, or one holding only a dash or a not-applicable mark: that column is not reported for
     * the row (left out of the sum, never a 0), as in zone indicators. Numbers skip the text test.
     */
    /**
     * A date column may hold a period as bulletins write it (2023年4-6月, 2023年1-12月): kept when it is a month,
     * quarter or year, the precisions a figure has. Any other run of months (2023年1-6月, 2023H1) is rejected
     * saying what to write. Tried only once the text is not a date, so ordinary dates are parsed once.
     */
    private static Parsed<PartialDate> period(String raw, Parsed<PartialDate> notADate) {
        Parsed<Period> period = PeriodParser.parse(raw);
        if (!period.ok()) {
            return notADate;
        }
        Period p = period.value();
        Optional<PartialDate> date = p.asDate();
        if (date.isPresent()) {
            return Parsed.ok(date.get());
        }
        LocalDate end = p.end();
        int quarter = (end.getMonthValue() - 1) / 3 + 1;
        return Parsed.failed(TextNormaliser.clean(raw) + " is a run of " + p.monthCount() + " months (" + p.label()
                + "), which no platform figure holds: give a day (" + end + "), a month ("
                + PartialDate.ofMonth(end.getYear(), end.getMonthValue()) + "), a quarter ("
                + PartialDate.ofQuarter(end.getYear(), quarter) + ", " + end.getYear() + "年" + (quarter * 3 - 2) + "-"
                + quarter * 3 + "月) or a year (" + end.getYear() + "), splitting the figure by quarter or month");
    }

    private static boolean notReported(CellValue cell) {
        return cell == null || cell instanceof CellValue.Text t && NotReported.is(t.text());
    }

    private static Parsed<Quantity> figure(CellValue cell, UnitHint hint) {
        if (cell instanceof CellValue.Numeric n) {
            return QuantityParser.parse(n.value(), hint);
        }
        return QuantityParser.parse(cell.raw(), hint);
    }

    /** An export's figure must be one exact number; revenue must be in US dollars. */
    private static Optional<String> problem(String metric, Quantity q) {
        if (q.isRange() || q.qualifier() != io.cbec.etl.normalise.quantity.Qualifier.EXACT) {
            return Optional.of("an export figure must be one exact number, not '" + q.original() + "'");
        }
        if (q.low().signum() < 0) {
            return Optional.of("a negative " + metric + " figure: " + q.original());
        }
        if (!FigureLimit.fits(q.low())) {
            // No app's downloads or revenue, and it would not fit the staged sums: rejected, not a failed run.
            return Optional.of("a " + metric + " figure of " + FigureLimit.digits(q.low()) + " digits ("
                    + q.original() + ") is beyond any app's " + metric + ": check the cell (at most "
                    + FigureLimit.MAX_DIGITS + " digits)");
        }
        if (metric.equals(MetricLayout.REVENUE) && !Quantity.USD.equals(q.unit())) {
            return Optional.of("revenue must be in US dollars: name the currency in the header, e.g. 'Revenue (USD)'");
        }
        if (metric.equals(MetricLayout.DOWNLOADS) && q.unit() != null && !Quantity.COUNT.equals(q.unit())) {
            return Optional.of("downloads are a count, not " + q.unit());
        }
        if (metric.equals(MetricLayout.DOWNLOADS) && q.low().stripTrailingZeros().scale() > 0) {
            // Shown as #,##0 and summed, 1,234.5 would be published as 1,235; a whole scaled figure (1.2万) is fine.
            return Optional.of("downloads are a count of whole downloads, but '" + q.original() + "' is "
                    + q.low().toPlainString() + ": correct the figure or its unit");
        }
        return Optional.empty();
    }

    /** A country's figure, or (country null) the area's stated total with its columns and the cell shown. */
    private void add(List<Figure> facts, List<MetricRows.Total> totals, SheetPlan plan, int rowNo, Platform p,
                     PartialDate period, String metric, Quantity q, Country country, CountryDirectory.Area area,
                     String column, CellValue cell) {
        if (country != null) {
            facts.add(new Figure(p.name(), p.parentCompany(), metric, period.start(), period.precision().name(),
                    country.code(), plan.fileNo(), plan.sheetNo(), rowNo, q.low()));
        } else {
            totals.add(new MetricRows.Total(p.name(), period.start(), period.precision().name(), metric, area.name(),
                    q.low(), tolerance(q, cell), column, cell.raw()));
        }
    }

    /** Half a unit of the last digit shown: 0.5 for whole counts, 50,000 for "1.2 million"'s 0.1 million. */
    static BigDecimal tolerance(Quantity q, CellValue cell) {
        if (cell instanceof CellValue.Numeric n) {
            BigDecimal shown = BigDecimal.valueOf(n.value()).stripTrailingZeros();
            BigDecimal factor = shown.signum() == 0 ? BigDecimal.ONE : q.low().divide(shown, java.math.MathContext.DECIMAL64);
            return BigDecimal.ONE.movePointLeft(Math.max(shown.scale(), 0)).multiply(factor).divide(BigDecimal.valueOf(2));
        }
        Matcher m = FIRST_NUMBER.matcher(q.original() == null ? "" : q.original());
        if (!m.find()) {
            return new BigDecimal("0.5");
        }
        BigDecimal shown = new BigDecimal(m.group().replace(",", ""));
        int decimals = m.group(1) == null ? 0 : m.group(1).length();
        BigDecimal factor = shown.signum() == 0 ? BigDecimal.ONE : q.low().divide(shown, java.math.MathContext.DECIMAL64);
        return BigDecimal.ONE.movePointLeft(decimals).multiply(factor).divide(BigDecimal.valueOf(2));
    }

    private static final String INSERT_TOTAL = """
            INSERT INTO platform_total (instance_id, file_no, sheet_no, row_no, platform, period_start,
                period_prec, metric, area, stated_value, tolerance, column_name, raw_value)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_TOTAL_ROW = """
            INSERT INTO stated_total (instance_id, kind, file_no, sheet_no, row_no, label, subtotal, measure,
                stated_value, column_name, raw_value)
            VALUES (?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?)""";

    private record Staged<T>(StagedRecord from, T row) { }

    /**
     * The chunk's country figures as sorted blocks ({@link FigureStore}); its stated totals as rows, with one
     * prepared statement and parameters set by position (a named-parameter map per row cost more than the insert).
     * A row that states only totals (Worldwide, North America) is a total row, not a record: like the other
     * kinds' total rows it also gets one row in stated_total, which the Files sheet counts under Total rows.
     */
    @Override
    public void stage(JdbcClient jdbc, long instanceId, List<StagedRecord> records) {
        List<Figure> figures = new ArrayList<>(records.size());
        List<Staged<MetricRows.Total>> totals = new ArrayList<>();
        List<Staged<MetricRows.Total>> totalRows = new ArrayList<>();
        for (StagedRecord r : records) {
            MetricRows rows = (MetricRows) r.record();
            figures.addAll(rows.facts());
            rows.totals().forEach(t -> totals.add(new Staged<>(r, t)));
            if (rows.facts().isEmpty() && !rows.totals().isEmpty()) {
                totalRows.add(new Staged<>(r, rows.totals().get(0)));
            }
        }
        figureStore.stage(instanceId, figures);
        if (!totalRows.isEmpty()) {
            template.batchUpdate(INSERT_TOTAL_ROW, totalRows, totalRows.size(), (ps, s) -> {
                MetricRows.Total t = s.row();
                ps.setLong(1, instanceId);
                ps.setString(2, ID);
                ps.setInt(3, s.from().plan().fileNo());
                ps.setInt(4, s.from().plan().sheetNo());
                ps.setInt(5, s.from().row());
                ps.setString(6, t.area());
                ps.setString(7, t.metric());
                ps.setBigDecimal(8, t.value());
                ps.setString(9, CellTextSanitiser.truncate(t.column(), 1000));
                ps.setString(10, CellTextSanitiser.truncate(t.raw(), 2000));
            });
        }
        if (!totals.isEmpty()) {
            template.batchUpdate(INSERT_TOTAL, totals, totals.size(), (ps, s) -> {
                MetricRows.Total t = s.row();
                ps.setLong(1, instanceId);
                ps.setInt(2, s.from().plan().fileNo());
                ps.setInt(3, s.from().plan().sheetNo());
                ps.setInt(4, s.from().row());
                ps.setString(5, t.platform());
                ps.setDate(6, Date.valueOf(t.periodStart()));
                ps.setString(7, t.precision());
                ps.setString(8, t.metric());
                ps.setString(9, t.area());
                ps.setBigDecimal(10, t.value());
                ps.setBigDecimal(11, t.tolerance());
                ps.setString(12, CellTextSanitiser.truncate(t.column(), 1000));
                ps.setString(13, CellTextSanitiser.truncate(t.raw(), 2000));
            });
        }
    }

    /**
     * Rows of the sheet that gave at least one country figure: the ingest writer counts every accepted row in
     * source_sheet in the transaction that stages it, and the total rows among them are in stated_total.
     * (Counting distinct row numbers over a million figures needed an index on them that every insert paid for.)
     */
    @Override
    public long stagedRows(JdbcClient jdbc, long instanceId, int fileNo, int sheetNo) {
        return jdbc.sql("""
                        SELECT COALESCE(s.rows_accepted, 0) - (SELECT COUNT(*) FROM stated_total t
                            WHERE t.instance_id = s.instance_id AND t.kind = :kind AND t.file_no = s.file_no
                              AND t.sheet_no = s.sheet_no)
                        FROM source_sheet s
                        WHERE s.instance_id = :id AND s.file_no = :file AND s.sheet_no = :sheet""")
                .param("kind", ID).param("id", instanceId).param("file", fileNo).param("sheet", sheetNo)
                .query(Long.class).single();
    }

    @Override
    public void validate(JdbcClient jdbc, long instanceId, CheckRecorder checks) {
        new PlatformChecks(countries).runMetrics(jdbc, template, instanceId,
                run.options().stateDir().resolve("tmp").resolve("figures-" + instanceId), checks);
    }

    @Override
    public List<SummaryItem> summaryItems(JdbcClient jdbc, long instanceId) {
        return reportSheets.summaryItems(jdbc, instanceId);
    }

    @Override
    public void writeReportSheets(JdbcClient jdbc, long instanceId, ReportWorkbook workbook) {
        reportSheets.writePlatforms(jdbc, instanceId, workbook);
        reportSheets.writeDownloads(jdbc, instanceId, workbook);
    }

    @Override
    public void upgradeState() {
        long converted = LegacyFigures.convert(template);
        if (converted > 0) {
            LoggerFactory.getLogger(PlatformMetricsKind.class).info(
                    "State database: {} figures staged by an older version converted to this version's blocks", converted);
        }
    }

    @Override
    public void purge(JdbcClient jdbc, long instanceId) {
        figureStore.purge(instanceId);
        jdbc.sql("DELETE FROM platform_total WHERE instance_id = :id").param("id", instanceId).update();
        jdbc.sql("DELETE FROM platform_month WHERE instance_id = :id").param("id", instanceId).update();
    }
}
