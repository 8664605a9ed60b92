package io.cbec.etl.kind.platform;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.check.CheckResult;
import io.cbec.etl.check.CheckStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Platform checks, in SQL over the staged rows: every stated worldwide or regional total equals the sum
 * of its countries (within the rounding shown); no country is counted twice for one app, metric and
 * date; shares lie between 0 and 100 %. Passing totals are reported once per sheet and area, failing
 * ones one by one with their place.
 */
final class PlatformChecks {

    private static final int MAX_LISTED = FigureScan.MAX_LISTED;

    private final CountryDirectory countries;

    PlatformChecks(CountryDirectory countries) {
        this.countries = countries;
    }

    /**
     * One {@link FigureScan} over the figures (which also writes platform_month for the report), then the
     * checks from what it found, then the granularity check.
     */
    void runMetrics(JdbcClient jdbc, JdbcTemplate template, long id, CheckRecorder recorder) {
        FigureScan.Result scan = template.execute((ConnectionCallback<FigureScan.Result>) con ->
                new FigureScan(countries).run(con, id));
        if (scan.figures() == 0) {
            return;
        }
        statedTotals(scan, recorder);
        countedOnce(jdbc, id, scan, recorder);
        periodsCountedOnce(jdbc, id, recorder);
    }

    /**
     * Daily and monthly (or quarterly, yearly) figures of the same platform, metric and country covering
     * the same days, e.g. two exports of one app at different granularity: every sum would count those
     * days twice. One check per pair of sheets, naming both; a PASS only when granularities are mixed.
     */
    private void periodsCountedOnce(JdbcClient jdbc, long id, CheckRecorder recorder) {
        List<String> precisions = jdbc.sql("SELECT DISTINCT period_prec FROM platform_metric WHERE instance_id = :id")
                .param("id", id).query(String.class).list();
        if (precisions.size() < 2) {
            return;
        }
        record Overlap(String platform, String metric, String finePrec, String coarsePrec, String fineSheet,
                       String coarseSheet, long countries, String firstCountry, String from, String to,
                       int fineFirst, int fineLast, int coarseFirst, int coarseLast) { }
        // The coarse rows are few (months, not days), so they drive the join over the index on
        // (instance, platform, metric, period_start, country).
        List<Overlap> overlaps = jdbc.sql("""
                        WITH coarse AS (
                            SELECT file_no, sheet_no, row_no, platform, metric, country_code, period_prec, period_start,
                                   CASE period_prec WHEN 'MONTH' THEN 2 WHEN 'QUARTER' THEN 3 ELSE 4 END rank_no,
                                   DATEADD(MONTH, CASE period_prec WHEN 'MONTH' THEN 1 WHEN 'QUARTER' THEN 3 ELSE 12 END,
                                           period_start) period_after
                            FROM platform_metric WHERE instance_id = :id AND period_prec <> 'DAY')
                        SELECT c.platform, c.metric, m.period_prec, c.period_prec,
                               fm.file_name || '!' || sm.sheet_name, fc.file_name || '!' || sc.sheet_name,
                               COUNT(DISTINCT c.country_code), MIN(c.country_code),
                               CAST(MIN(m.period_start) AS VARCHAR), CAST(MAX(m.period_start) AS VARCHAR),
                               MIN(m.row_no), MAX(m.row_no), MIN(c.row_no), MAX(c.row_no)
                        FROM coarse c
                        JOIN platform_metric m ON m.instance_id = :id AND m.platform = c.platform AND m.metric = c.metric
                             AND m.period_start >= c.period_start AND m.period_start < c.period_after
                             AND m.country_code = c.country_code
                             AND CASE m.period_prec WHEN 'DAY' THEN 1 WHEN 'MONTH' THEN 2 WHEN 'QUARTER' THEN 3 ELSE 4 END
                                 < c.rank_no
                        JOIN source_file fm ON fm.instance_id = :id AND fm.file_no = m.file_no
                        JOIN source_sheet sm ON sm.instance_id = :id AND sm.file_no = m.file_no AND sm.sheet_no = m.sheet_no
                        JOIN source_file fc ON fc.instance_id = :id AND fc.file_no = c.file_no
                        JOIN source_sheet sc ON sc.instance_id = :id AND sc.file_no = c.file_no AND sc.sheet_no = c.sheet_no
                        GROUP BY c.platform, c.metric, m.period_prec, c.period_prec, m.file_no, m.sheet_no, c.file_no,
                                 c.sheet_no, fm.file_name, sm.sheet_name, fc.file_name, sc.sheet_name
                        ORDER BY c.platform, c.metric, m.file_no, m.sheet_no, c.file_no, c.sheet_no
                        LIMIT 51""")
                .param("id", id)
                .query((rs, n) -> new Overlap(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14)))
                .list();
        for (Overlap o : overlaps.subList(0, Math.min(overlaps.size(), MAX_LISTED))) {
            String fine = granularity(o.finePrec());
            String coarse = granularity(o.coarsePrec());
            String country = countries.byCode(o.firstCountry()).map(Country::nameEn).orElse(o.firstCountry());
            long more = o.countries() - 1;
            String where = more == 0 ? country : country + " and " + more + (more == 1 ? " more country" : " more countries");
            recorder.record(new CheckResult("Period counted once", o.platform() + " " + o.metric() + ", " + where + ", "
                    + o.from() + (o.from().equals(o.to()) ? "" : " to " + o.to()), "one granularity",
                    fine + " and " + coarse, CheckStatus.FAIL,
                    "counted twice: " + fine + " rows in " + o.fineSheet() + " and " + coarse + " rows in "
                            + o.coarseSheet() + " cover the same days of " + where + " (" + o.platform() + " "
                            + o.metric() + "): keep one of the two exports, or remove the overlapping rows",
                    o.fineSheet() + "!" + rows(o.fineFirst(), o.fineLast()) + "; " + o.coarseSheet() + "!"
                            + rows(o.coarseFirst(), o.coarseLast())));
        }
        if (overlaps.isEmpty()) {
            recorder.record(new CheckResult("Period counted once", "platform metrics", "one granularity",
                    "one granularity", CheckStatus.PASS, "Figures of " + precisions.stream().sorted()
                    .map(p -> granularity(p)).collect(Collectors.joining(", ")) + " granularity cover different days",
                    ""));
        }
    }

    private static String granularity(String precision) {
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

    /** The stated totals' results: failing ones one by one (the first MAX_LISTED), passing ones per sheet and area. */
    private static void statedTotals(FigureScan.Result scan, CheckRecorder recorder) {
        for (FigureScan.TotalResult t : scan.failingTotals()) {
            String expected = plain(t.stated());
            recorder.record(new CheckResult("Stated platform total", t.platform() + " " + t.metric() + ", "
                    + t.area() + ", " + t.period(), expected, plain(t.actual()), CheckStatus.FAIL,
                    "'" + t.area() + "' states " + expected + " " + t.metric() + " but its " + t.countries()
                            + " countries in the sheet sum to " + plain(t.actual())
                            + ": correct the total or the country rows",
                    t.file() + "!" + t.sheet() + "!" + t.row() + (t.column() == null ? "" : " " + t.column())));
        }
        if (scan.failures() > MAX_LISTED) {
            recorder.record(new CheckResult("Stated platform total", "all sheets", "0 failing", scan.failures() + " failing",
                    CheckStatus.FAIL, (scan.failures() - MAX_LISTED) + " more failing totals are not listed one by one", ""));
        }
        for (FigureScan.Passes p : scan.passes()) {
            recorder.record(new CheckResult("Stated platform total", p.place() + " (" + p.area() + ")",
                    p.count() + " totals", p.count() + " equal", CheckStatus.PASS,
                    p.count() + " stated '" + p.area() + "' totals equal the sum of their countries", p.place()));
        }
    }

    /** Keys found more than once (the first MAX_LISTED), with every place; or one PASS naming the figures. */
    private static void countedOnce(JdbcClient jdbc, long id, FigureScan.Result scan, CheckRecorder recorder) {
        Map<String, String> sheetNames = new HashMap<>();
        if (!scan.repeats().isEmpty()) {
            jdbc.sql("""
                            SELECT s.file_no, s.sheet_no, f.file_name || '!' || s.sheet_name FROM source_sheet s
                            JOIN source_file f ON f.instance_id = s.instance_id AND f.file_no = s.file_no
                            WHERE s.instance_id = :id""")
                    .param("id", id)
                    .query(rs -> {
                        sheetNames.put(rs.getInt(1) + "/" + rs.getInt(2), rs.getString(3));
                    });
        }
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
                    + r.country() + ", " + r.period(), "1 row", times + " rows", CheckStatus.FAIL,
                    r.country() + " has " + times + " " + r.metric() + " figures for " + r.platform() + " on "
                            + r.period() + ": remove the duplicate row or file", where));
        }
        if (scan.repeats().isEmpty()) {
            recorder.record(new CheckResult("Country counted once", "platform metrics", scan.figures() + " figures",
                    scan.figures() + " figures", CheckStatus.PASS,
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
            } else if (e.low().signum() < 0 || e.high().compareTo(BigDecimal.ONE) > 0) {
                recorder.record(new CheckResult("Share between 0 and 100 %", e.event(), "0 % to 100 %", e.text(),
                        CheckStatus.FAIL, "A share of '" + e.text() + "' is outside 0 to 100 %: correct the value",
                        e.place()));
            } else {
                shares++;
            }
        }
        if (shares > 0) {
            recorder.record(new CheckResult("Share between 0 and 100 %", "platform events", shares + " shares",
                    shares + " within", CheckStatus.PASS, "Every share in the events lies between 0 and 100 %", ""));
        }
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
