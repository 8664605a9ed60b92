package io.cbec.etl.kind.platform;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.check.CheckResult;
import io.cbec.etl.check.CheckStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Platform checks, in SQL over the staged rows: every stated worldwide or regional total equals the sum
 * of its countries (within the rounding shown); no country is counted twice for one app, metric and
 * date; shares lie between 0 and 100 %. Passing totals are reported once per sheet and area, failing
 * ones one by one with their place.
 */
final class PlatformChecks {

    private static final int MAX_LISTED = 50;

    private final CountryDirectory countries;

    PlatformChecks(CountryDirectory countries) {
        this.countries = countries;
    }

    void runMetrics(JdbcClient jdbc, long id, CheckRecorder recorder) {
        long rows = jdbc.sql("SELECT COUNT(*) FROM platform_metric WHERE instance_id = :id").param("id", id)
                .query(Long.class).single();
        if (rows == 0) {
            return;
        }
        statedTotals(jdbc, id, recorder);
        countedOnce(jdbc, id, recorder);
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

    private void statedTotals(JdbcClient jdbc, long id, CheckRecorder recorder) {
        record Total(String file, String sheet, int row, String platform, String period, String metric, String area,
                     BigDecimal stated, BigDecimal tolerance, String column, BigDecimal actual, long countries) { }
        List<String> areas = jdbc.sql("SELECT DISTINCT area FROM platform_total WHERE instance_id = :id ORDER BY area")
                .param("id", id).query(String.class).list();
        Map<String, int[]> passes = new LinkedHashMap<>();
        int failures = 0;
        for (String areaName : areas) {
            CountryDirectory.Area area = countries.area(areaName).orElseThrow();
            String inArea = area.world() ? "" : " AND m.country_code IN ("
                    + area.codes().stream().sorted().map(c -> "'" + c + "'").collect(Collectors.joining(",")) + ")";
            List<Total> totals = jdbc.sql("""
                            SELECT f.file_name, s.sheet_name, t.row_no, t.platform, CAST(t.period_start AS VARCHAR),
                                   t.metric, t.area, t.stated_value, t.tolerance, t.column_name,
                                   (SELECT COALESCE(SUM(m.metric_value), 0) FROM platform_metric m
                                     WHERE m.instance_id = t.instance_id AND m.file_no = t.file_no AND m.sheet_no = t.sheet_no
                                       AND m.platform = t.platform AND m.metric = t.metric
                                       AND m.period_start = t.period_start AND m.period_prec = t.period_prec""" + inArea + """
                                   ),
                                   (SELECT COUNT(DISTINCT m.country_code) FROM platform_metric m
                                     WHERE m.instance_id = t.instance_id AND m.file_no = t.file_no AND m.sheet_no = t.sheet_no
                                       AND m.platform = t.platform AND m.metric = t.metric
                                       AND m.period_start = t.period_start AND m.period_prec = t.period_prec""" + inArea + """
                                   )
                            FROM platform_total t
                            JOIN source_file f ON f.instance_id = t.instance_id AND f.file_no = t.file_no
                            JOIN source_sheet s ON s.instance_id = t.instance_id AND s.file_no = t.file_no
                                               AND s.sheet_no = t.sheet_no
                            WHERE t.instance_id = :id AND t.area = :area
                            ORDER BY t.file_no, t.sheet_no, t.row_no""")
                    .param("id", id).param("area", areaName)
                    .query((rs, n) -> new Total(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                            rs.getString(10), rs.getBigDecimal(11), rs.getLong(12)))
                    .list();
            for (Total t : totals) {
                boolean pass = t.stated().subtract(t.actual()).abs().compareTo(t.tolerance()) <= 0;
                if (pass) {
                    passes.computeIfAbsent(t.file() + "!" + t.sheet() + "|" + t.area(), k -> new int[1])[0]++;
                    continue;
                }
                failures++;
                if (failures > MAX_LISTED) {
                    continue;
                }
                String expected = plain(t.stated());
                recorder.record(new CheckResult("Stated platform total", t.platform() + " " + t.metric() + ", "
                        + t.area() + ", " + t.period(), expected, plain(t.actual()), CheckStatus.FAIL,
                        "'" + t.area() + "' states " + expected + " " + t.metric() + " but its " + t.countries()
                                + " countries in the sheet sum to " + plain(t.actual())
                                + ": correct the total or the country rows",
                        t.file() + "!" + t.sheet() + "!" + t.row() + (t.column() == null ? "" : " " + t.column())));
            }
        }
        if (failures > MAX_LISTED) {
            recorder.record(new CheckResult("Stated platform total", "all sheets", "0 failing", failures + " failing",
                    CheckStatus.FAIL, (failures - MAX_LISTED) + " more failing totals are not listed one by one", ""));
        }
        passes.forEach((key, count) -> {
            String[] parts = key.split("\\|", 2);
            recorder.record(new CheckResult("Stated platform total", parts[0] + " (" + parts[1] + ")",
                    count[0] + " totals", count[0] + " equal", CheckStatus.PASS,
                    count[0] + " stated '" + parts[1] + "' totals equal the sum of their countries", parts[0]));
        });
    }

    /**
     * Reads the figures in the order of their key (the platform_metric_key index, so H2 neither sorts nor
     * groups: a GROUP BY over a million figures kept every group in the heap) and compares each with the one
     * before it. Only the first MAX_LISTED + 1 repeated keys are kept, with their places.
     */
    private void countedOnce(JdbcClient jdbc, long id, CheckRecorder recorder) {
        record Key(String platform, String metric, String period, String precision, String country) { }
        Map<Key, List<int[]>> repeats = new LinkedHashMap<>();
        long[] figures = {0};
        Key[] previous = {null};
        int[][] previousPlace = {null};
        jdbc.sql("""
                        SELECT platform, metric, CAST(period_start AS VARCHAR), period_prec, country_code,
                               file_no, sheet_no, row_no
                        FROM platform_metric WHERE instance_id = :id
                        ORDER BY instance_id, platform, metric, period_start, period_prec, country_code""")
                .param("id", id)
                .query(rs -> {
                    figures[0]++;
                    String platform = rs.getString(1);
                    String metric = rs.getString(2);
                    String period = rs.getString(3);
                    String precision = rs.getString(4);
                    String country = rs.getString(5);
                    int[] place = {rs.getInt(6), rs.getInt(7), rs.getInt(8)};
                    Key p = previous[0];
                    boolean same = p != null && p.country().equals(country) && p.period().equals(period)
                            && p.precision().equals(precision) && p.platform().equals(platform) && p.metric().equals(metric);
                    if (!same) {
                        previous[0] = new Key(platform, metric, period, precision, country);
                        previousPlace[0] = place;
                        return;
                    }
                    if (repeats.size() > MAX_LISTED && !repeats.containsKey(p)) {
                        return;
                    }
                    List<int[]> places = repeats.computeIfAbsent(p, k -> new ArrayList<>(List.of(previousPlace[0])));
                    places.add(place);
                });
        Map<String, String> sheetNames = new HashMap<>();
        if (!repeats.isEmpty()) {
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
        for (Map.Entry<Key, List<int[]>> e : repeats.entrySet()) {
            if (++listed > MAX_LISTED) {
                break;
            }
            Key r = e.getKey();
            List<int[]> places = new ArrayList<>(e.getValue());
            places.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]).thenComparingInt(a -> a[2]));
            String where = places.stream().map(a -> sheetNames.get(a[0] + "/" + a[1]) + "!" + a[2])
                    .collect(Collectors.joining("; "));
            int times = places.size();
            recorder.record(new CheckResult("Country counted once", r.platform() + " " + r.metric() + ", "
                    + r.country() + ", " + r.period(), "1 row", times + " rows", CheckStatus.FAIL,
                    r.country() + " has " + times + " " + r.metric() + " figures for " + r.platform() + " on "
                            + r.period() + ": remove the duplicate row or file", where));
        }
        if (repeats.isEmpty()) {
            recorder.record(new CheckResult("Country counted once", "platform metrics", figures[0] + " figures",
                    figures[0] + " figures", CheckStatus.PASS,
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
