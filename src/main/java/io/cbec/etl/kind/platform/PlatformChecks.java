package io.cbec.etl.kind.platform;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.check.CheckResult;
import io.cbec.etl.check.CheckStatus;
import io.cbec.etl.check.CheckValue;
import io.cbec.etl.normalise.TextNormaliser;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Platform checks, from one pass over the staged figures ({@link FigureScan}): every stated worldwide or
 * regional total equals the sum of its countries (within the rounding shown); no country is counted twice
 * for one app, metric and date, nor one period at two granularities; events named as shares lie between
 * 0 and 100 %.
 * Every stated total gets its own row: a passing one as it is compared, written out in batches (a daily
 * export states tens of thousands), failing ones after the pass, the first {@value #MAX_LISTED} with their place.
 */
final class PlatformChecks {

    private static final int MAX_LISTED = FigureScan.MAX_LISTED;

    /**
     * An event named as a part of a whole: "share of app downloads", "market share", "下载占比", "市场份额",
     * "proportion of orders", "% of sales". Its percentage cannot leave 0-100 %. Any other percentage — a growth
     * rate, a price change — is data as it is ("GMV year-on-year growth 150%"), and so is a "share price".
     */
    private static final Pattern SHARE = Pattern.compile(
            "\\bshares?\\b(?!\\s*price)|\\bproportion|\\bper\\s?cent(?:age)?\\s+of\\b|%\\s*of\\b|占比|份额|比重|比例");
    /** The change in a share ("market share change -5%", "占比同比提升") is a change: it can be negative or over 100 %. */
    private static final Pattern CHANGE = Pattern.compile(
            "\\bgr[eo]w|\\bchang|\\bincreas|\\bdecreas|\\bris(?:e|es|ing)\\b|\\brose\\b|\\bfall|\\bfell\\b|\\bdrop"
                    + "|\\bdeclin|\\bgain|\\byoy\\b|\\by/y\\b|-on-|\\bon\\s+(?:year|month|quarter)|\\bvs\\b|\\bversus\\b"
                    + "|增长|增速|增幅|增加|减少|下降|下滑|上升|提升|提高|降低|涨幅|降幅|上涨|下跌|同比|环比|变化|变动");

    private final CountryDirectory countries;

    PlatformChecks(CountryDirectory countries) {
        this.countries = countries;
    }

    /**
     * One {@link FigureScan} over the figures (which also writes platform_month for the report), then the
     * checks from what it found, then the granularity check.
     */
    void runMetrics(JdbcClient jdbc, JdbcTemplate template, long id, Path tempDir, CheckRecorder recorder) {
        FigureStore store = new FigureStore(template);
        Set<String> precisions = store.precisions(id);
        FigureScan.Result scan = template.execute((ConnectionCallback<FigureScan.Result>) con -> {
            try (Connection months = template.getDataSource().getConnection()) {
                months.setAutoCommit(true);
                try (CheckRecorder.Batch passes = recorder.batch(months)) {
                    return new FigureScan(countries).run(con, months, id, new FigureSort(store, tempDir),
                            precisions.size() > 1, t -> passes.record(statedTotal(t)));
                }
            }
        });
        if (scan.figures() == 0) {
            return;
        }
        Map<String, String> sheetNames = new HashMap<>();
        if (!scan.repeats().isEmpty() || !scan.overlaps().isEmpty()) {
            jdbc.sql("""
                            SELECT s.file_no, s.sheet_no, f.file_name || '!' || s.sheet_name FROM source_sheet s
                            JOIN source_file f ON f.instance_id = s.instance_id AND f.file_no = s.file_no
                            WHERE s.instance_id = :id""")
                    .param("id", id)
                    .query(rs -> {
                        sheetNames.put(rs.getInt(1) + "/" + rs.getInt(2), rs.getString(3));
                    });
        }
        statedTotals(scan, recorder);
        countedOnce(scan, sheetNames, recorder);
        if (precisions.size() > 1) {
            periodsCountedOnce(scan.overlaps(), precisions, sheetNames, recorder);
        }
    }

    /**
     * Daily and monthly (or quarterly, yearly) figures of the same platform, metric and country covering
     * the same days, e.g. two exports of one app at different granularity: every sum would count those
     * days twice. One check per pair of sheets, naming both; a PASS only when granularities are mixed.
     */
    private void periodsCountedOnce(List<PeriodOverlaps.Overlap> overlaps, Set<String> precisions,
                                    Map<String, String> sheetNames, CheckRecorder recorder) {
        for (PeriodOverlaps.Overlap o : overlaps.subList(0, Math.min(overlaps.size(), MAX_LISTED))) {
            String fine = granularity(o.finePrecision());
            String coarse = granularity(o.coarsePrecision());
            String fineSheet = sheetNames.get(o.fineFile() + "/" + o.fineSheet());
            String coarseSheet = sheetNames.get(o.coarseFile() + "/" + o.coarseSheet());
            String country = countries.byCode(o.firstCountry()).map(Country::nameEn).orElse(o.firstCountry());
            long more = o.countries() - 1;
            String where = more == 0 ? country : country + " and " + more + (more == 1 ? " more country" : " more countries");
            String from = o.from().toString();
            String to = o.to().toString();
            recorder.record(new CheckResult("Period counted once", o.platform() + " " + o.metric() + ", " + where + ", "
                    + from + (from.equals(to) ? "" : " to " + to), "one granularity",
                    fine + " and " + coarse, CheckStatus.FAIL,
                    "counted twice: " + fine + " rows in " + fineSheet + " and " + coarse + " rows in "
                            + coarseSheet + " cover the same days of " + where + " (" + o.platform() + " "
                            + o.metric() + "): keep one of the two exports, or remove the overlapping rows",
                    fineSheet + "!" + rows(o.fineFirst(), o.fineLast()) + "; " + coarseSheet + "!"
                            + rows(o.coarseFirst(), o.coarseLast())));
        }
        if (overlaps.isEmpty()) {
            recorder.record(new CheckResult("Period counted once", "platform metrics", "one granularity",
                    "one granularity", CheckStatus.PASS, "Figures of " + precisions.stream().sorted()
                    .map(p -> granularity(p)).collect(Collectors.joining(", ")) + " granularity cover different days",
                    ""));
        }
    }

    /** "daily" for DAY, and so on: how figures of a precision are named in a check's detail. */
    static String granularity(String precision) {
        return switch (precision) {
            case "DAY" -> "daily";
            case "MONTH" -> "monthly";
            case "QUARTER" -> "quarterly";
            default -> "yearly";
        };
    }

    private static String rows(int first, int last) {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }

    /**
     * A stated total's row: the app, metric, area and period; the stated figure against the sum of its
     * countries in the sheet; the total's cell.
     */
    static CheckResult statedTotal(FigureScan.TotalResult t) {
        String detail;
        if (!t.passes()) {
            detail = "'" + t.area() + "' states " + plain(t.stated()) + " " + t.metric() + " but its " + t.countries()
                    + " countries in the sheet sum to " + plain(t.actual()) + ": correct the total or the country rows";
        } else if (t.stated().compareTo(t.actual()) == 0) {
            detail = "'" + t.area() + "' equals the sum of its " + t.countries() + " countries in the sheet";
        } else {
            detail = "'" + t.area() + "' matches the sum of its " + t.countries()
                    + " countries in the sheet within the rounding shown";
        }
        return new CheckResult("Stated platform total", t.platform() + " " + t.metric() + ", " + t.area() + ", "
                + t.period(), CheckValue.number(t.stated(), null), CheckValue.number(t.actual(), null),
                t.passes() ? CheckStatus.PASS : CheckStatus.FAIL, detail,
                t.file() + "!" + t.sheet() + "!" + t.row() + (t.column() == null ? "" : " " + t.column()));
    }

    /** The failing stated totals one by one (the first MAX_LISTED), then how many more; the passing ones are in. */
    private static void statedTotals(FigureScan.Result scan, CheckRecorder recorder) {
        for (FigureScan.TotalResult t : scan.failingTotals()) {
            recorder.record(statedTotal(t));
        }
        if (scan.failures() > MAX_LISTED) {
            recorder.record(new CheckResult("Stated platform total", "all sheets", CheckValue.count(0, "failing"),
                    CheckValue.count(scan.failures(), "failing"), CheckStatus.FAIL,
                    (scan.failures() - MAX_LISTED) + " more failing totals are not listed one by one", ""));
        }
    }

    /** Keys found more than once (the first MAX_LISTED), with every place; or one PASS naming the figures. */
    private static void countedOnce(FigureScan.Result scan, Map<String, String> sheetNames, CheckRecorder recorder) {
        int listed = 0;
        for (FigureScan.Repeat r : scan.repeats()) {
            if (++listed > MAX_LISTED) {
                break;
            }
            List<int[]> places = new ArrayList<>(r.places());
            places.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]).thenComparingInt(a -> a[2]));
            long times = r.count();
            String where = places.stream().map(a -> sheetNames.get(a[0] + "/" + a[1]) + "!" + a[2])
                    .collect(Collectors.joining("; "))
                    + (times > places.size() ? "; and " + (times - places.size()) + " more rows" : "");
            recorder.record(new CheckResult("Country counted once", r.platform() + " " + r.metric() + ", "
                    + r.country() + ", " + r.period(), CheckValue.count(1, "row"), CheckValue.count(times, "rows"),
                    CheckStatus.FAIL,
                    r.country() + " has " + times + " " + r.metric() + " figures for " + r.platform() + " on "
                            + r.period() + ": remove the duplicate row or file", where));
        }
        if (scan.repeats().isEmpty()) {
            recorder.record(new CheckResult("Country counted once", "platform metrics",
                    CheckValue.count(scan.figures(), "figures"), CheckValue.count(scan.figures(), "figures"),
                    CheckStatus.PASS,
                    "No country has two figures for the same app, metric and date", ""));
        }
    }

    void runEvents(JdbcClient jdbc, long id, CheckRecorder recorder) {
        record Event(String place, String event, String text, String error, BigDecimal low, BigDecimal high, String unit) { }
        List<Event> events = jdbc.sql("""
                        SELECT f.file_name || '!' || s.sheet_name || '!' || e.row_no, e.event, e.value_text,
                               e.parse_error, e.value_low, e.value_high, e.unit
                        FROM platform_event e
                        JOIN source_file f ON f.instance_id = e.instance_id AND f.file_no = e.file_no
                        JOIN source_sheet s ON s.instance_id = e.instance_id AND s.file_no = e.file_no
                                           AND s.sheet_no = e.sheet_no
                        WHERE e.instance_id = :id AND (e.parse_error IS NOT NULL OR e.unit = 'percent')
                        ORDER BY e.file_no, e.sheet_no, e.row_no""")
                .param("id", id)
                .query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7)))
                .list();
        int shares = 0;
        for (Event e : events) {
            if (e.error() != null) {
                recorder.record(new CheckResult("Event value read as a figure", e.event(), "a figure", "text",
                        CheckStatus.WARN, "Kept as text: " + e.error(), e.place()));
            } else if (!isShare(e.event())) {
                continue;
            } else if (e.low().signum() < 0 || e.high().compareTo(BigDecimal.ONE) > 0) {
                recorder.record(new CheckResult("Share between 0 and 100 %", e.event(), "0 % to 100 %", e.text(),
                        CheckStatus.FAIL, "'" + e.event() + "' is a share, so its value lies between 0 and 100 %, not '"
                                + e.text() + "': correct the value, or if it is a change in the share, say so in the"
                                + " event's name (e.g. 'market share change', '份额变化')", e.place()));
            } else {
                shares++;
            }
        }
        if (shares > 0) {
            recorder.record(new CheckResult("Share between 0 and 100 %", "platform events",
                    CheckValue.count(shares, "shares"), CheckValue.count(shares, "within"), CheckStatus.PASS,
                    "Every share in the events lies between 0 and 100 %", ""));
        }
    }

    /** Whether an event's name says its percentage is a share (see {@link #SHARE}) and not a change in one. */
    static boolean isShare(String event) {
        String name = TextNormaliser.clean(event).toLowerCase(Locale.ROOT);
        return SHARE.matcher(name).find() && !CHANGE.matcher(name).find();
    }

    static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }

    static BigDecimal plainNumber(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
