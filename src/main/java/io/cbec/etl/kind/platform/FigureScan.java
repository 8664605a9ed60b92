package io.cbec.etl.kind.platform;

import io.cbec.etl.job.OverlappedBatch;
import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.Precision;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * One pass over every staged figure of an instance in key order (platform, metric, period start, precision,
 * country; {@link FigureSort}), that does what used to take a query each:
 * <ul>
 * <li>finds figures counted twice (the same key on consecutive rows);</li>
 * <li>sums each (platform, metric, period) group per sheet and per stated area, and merge-joins the sums with
 *     the stated totals read in the same order, so every total is compared once, without a correlated
 *     sub-query per total;</li>
 * <li>writes the sums per platform, metric, country and month (or quarter, year) to platform_month, which the
 *     report's Platforms and Platform Downloads sheets and the Summary read instead of the million figures;</li>
 * <li>when asked, finds periods counted twice at two granularities ({@link PeriodOverlaps}).</li>
 * </ul>
 * Memory holds one group (a period's countries per sheet) and one month (quarter, year) per country at a time,
 * never the figures: it is flat in the number of rows.
 */
final class FigureScan {

    static final int MAX_LISTED = 50;
    private static final int INSERT_BATCH = 1000;

    /** A stated total compared with the sum of its countries in its sheet. */
    record TotalResult(int fileNo, int sheetNo, int row, String file, String sheet, String platform, PartialDate period,
                       String metric, String area, BigDecimal stated, BigDecimal tolerance, String column,
                       BigDecimal actual, long countries) {
        boolean passes() {
            return stated.subtract(actual).abs().compareTo(tolerance) <= 0;
        }
    }

    /**
     * Where each passing total goes as it is compared (tens of thousands in a daily export: written out, not
     * kept).
     */
    @FunctionalInterface
    interface PassingTotals {
        void accept(TotalResult total) throws SQLException;
    }

    /**
     * A figure key found more than once: how many times, and the first MAX_PLACES places (file, sheet, row)
     * it was found at (a file repeating one row a million times must not fill the heap or one cell).
     */
    record Repeat(String platform, String metric, String period, String country, List<int[]> places, long[] times) {
        long count() {
            return times[0];
        }
    }

    static final int MAX_PLACES = 20;

    /** What the pass found; failing totals and repeats hold at most MAX_LISTED + 1 entries each. */
    record Result(long figures, List<Repeat> repeats, List<TotalResult> failingTotals, int failures,
                  List<PeriodOverlaps.Overlap> overlaps) { }

    private static final Comparator<TotalResult> LISTING_ORDER = Comparator.comparing(TotalResult::area)
            .thenComparingInt(TotalResult::fileNo).thenComparingInt(TotalResult::sheetNo)
            .thenComparingInt(TotalResult::row);

    private final CountryDirectory countries;

    FigureScan(CountryDirectory countries) {
        this.countries = countries;
    }

    /**
     * The pass. {@code overlaps} also looks for periods counted twice (only worth it when the figures mix
     * granularities). The monthly sums go through {@code monthsCon}, a connection in auto-commit that commits
     * every {@value #INSERT_BATCH} rows: in the step's transaction H2 would hold every uncommitted month in
     * the heap until the end (the live-heap peak of a 1M-row run). They need no atomicity: validate reruns
     * as a whole on restart, and the pass deletes the instance's months first.
     */
    Result run(Connection con, Connection monthsCon, long id, FigureSort figures, boolean overlaps,
               PassingTotals passes) throws SQLException {
        // Lazily: H2 otherwise runs the stated totals' query first, copying them to a temporary result.
        try (java.sql.Statement lazy = con.createStatement()) {
            lazy.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
        try {
            return scan(con, monthsCon, id, figures, overlaps, passes);
        } finally {
            try (java.sql.Statement eager = con.createStatement()) {
                eager.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
    }

    private Result scan(Connection con, Connection monthsCon, long id, FigureSort figures, boolean overlaps,
                        PassingTotals passes) throws SQLException {
        try (java.sql.Statement clear = monthsCon.createStatement()) {
            clear.execute("DELETE FROM platform_month WHERE instance_id = " + id);
        }
        List<CountryDirectory.Area> areas = statedAreas(con, id);
        Pass pass = new Pass(con, monthsCon, id, areas, overlaps ? new PeriodOverlaps(MAX_LISTED + 1) : null, passes);
        try {
            figures.run(id, pass::figure);
            return pass.finish();
        } catch (SQLException | RuntimeException e) {
            pass.months.abandon(e); // its batches run on a thread of their own: none may write after this
            throw e;
        }
    }

    private List<CountryDirectory.Area> statedAreas(Connection con, long id) throws SQLException {
        List<CountryDirectory.Area> areas = new ArrayList<>();
        try (PreparedStatement ps = con.prepareStatement(
                "SELECT DISTINCT area FROM platform_total WHERE instance_id = ? ORDER BY area")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    areas.add(countries.area(rs.getString(1)).orElseThrow());
                }
            }
        }
        return areas;
    }

    /** A sheet as one number: its file's and its own place among the inputs. */
    private static long sheetKey(int fileNo, int sheetNo) {
        return ((long) fileNo << 32) | sheetNo;
    }

    /** The key of a group: the figures one stated total is compared with come from one group. */
    private record GroupKey(String platform, String metric, LocalDate period, String precision)
            implements Comparable<GroupKey> {
        private static final Comparator<GroupKey> ORDER = Comparator.comparing(GroupKey::platform)
                .thenComparing(GroupKey::metric).thenComparing(GroupKey::period).thenComparing(GroupKey::precision);

        @Override
        public int compareTo(GroupKey other) {
            return ORDER.compare(this, other);
        }

        /** The period at its precision, which checks show: 2024-02-01 for a day, 2024-02 for a month. */
        PartialDate partialPeriod() {
            return new PartialDate(period, Precision.valueOf(precision));
        }
    }

    /**
     * The merge join needs H2's ORDER BY (of the stated totals) and {@link Figure#KEY_ORDER} to agree (H2
     * compares text as Java does, by UTF-16 code units). Were they ever to differ, totals would be compared
     * with the wrong sums: stop with an internal error rather than publish that.
     */
    private static void requireAscending(GroupKey previous, GroupKey next, String what) {
        if (previous != null && next.compareTo(previous) < 0) {
            throw new IllegalStateException("the " + what + " did not come in key order (" + previous + " before "
                    + next + "): H2's text order differs from Java's; the stated-total check cannot run");
        }
    }

    /** A group's figures of one sheet: per stated area, the sum and the distinct countries. */
    private static final class SheetSums {
        final BigDecimal[] sums;
        final int[] countries;
        final String[] lastCountry;

        SheetSums(int areas) {
            sums = new BigDecimal[areas];
            countries = new int[areas];
            lastCountry = new String[areas];
            Arrays.fill(sums, BigDecimal.ZERO);
        }
    }

    /** The state of one pass. */
    private final class Pass {
        private final List<CountryDirectory.Area> areas;
        private final StatedTotals totals;
        private final MonthlySums months;

        private long figures;
        private final Map<String, Repeat> repeats = new LinkedHashMap<>();
        private String lastKey;
        private int[] lastPlace;
        private GroupKey group;
        private final Map<Long, SheetSums> groupSums = new HashMap<>();

        private final PeriodOverlaps overlaps;

        Pass(Connection con, Connection monthsCon, long id, List<CountryDirectory.Area> areas, PeriodOverlaps overlaps,
             PassingTotals passes) throws SQLException {
            this.areas = areas;
            this.overlaps = overlaps;
            this.totals = new StatedTotals(con, id, passes);
            this.months = new MonthlySums(monthsCon, id, countries);
        }

        void figure(Figure f) throws SQLException {
            String platform = f.platform();
            String metric = f.metric();
            LocalDate period = f.period();
            String precision = f.precision();
            String country = f.country();
            int fileNo = f.fileNo();
            int sheetNo = f.sheetNo();
            BigDecimal value = f.value();
            figures++;
            if (overlaps != null) {
                overlaps.add(f);
            }
            int[] place = {fileNo, sheetNo, f.row()};
            GroupKey key = group != null && group.platform().equals(platform) && group.metric().equals(metric)
                    && group.period().equals(period) && group.precision().equals(precision) ? group
                    : new GroupKey(platform, metric, period, precision);
            if (key != group) {
                requireAscending(group, key, "figures");
                endGroup();
                group = key;
                lastKey = null;
            }
            if (country.equals(lastKey)) {
                repeated(key, country, place);
            } else {
                lastKey = country;
                lastPlace = place;
            }
            if (!areas.isEmpty()) {
                SheetSums sums = groupSums.computeIfAbsent(sheetKey(fileNo, sheetNo), k -> new SheetSums(areas.size()));
                for (int a = 0; a < areas.size(); a++) {
                    CountryDirectory.Area area = areas.get(a);
                    if (area.world() || area.codes().contains(country)) {
                        sums.sums[a] = sums.sums[a].add(value);
                        if (!country.equals(sums.lastCountry[a])) {
                            sums.countries[a]++;
                            sums.lastCountry[a] = country;
                        }
                    }
                }
            }
            months.add(platform, f.parent(), metric, period, precision, country, value);
        }

        private void repeated(GroupKey key, String country, int[] place) {
            String k = key.platform() + '\u0000' + key.metric() + '\u0000' + key.period() + '\u0000' + key.precision()
                    + '\u0000' + country;
            Repeat repeat = repeats.get(k);
            if (repeat == null) {
                if (repeats.size() > MAX_LISTED) {
                    return;
                }
                repeat = new Repeat(key.platform(), key.metric(), key.partialPeriod().toString(), country,
                        new ArrayList<>(List.of(lastPlace)), new long[] {1});
                repeats.put(k, repeat);
            }
            repeat.times()[0]++;
            if (repeat.places().size() < MAX_PLACES) {
                repeat.places().add(place);
            }
        }

        private void endGroup() throws SQLException {
            if (group != null) {
                totals.compare(group, groupSums, areas);
            }
            groupSums.clear();
        }

        Result finish() throws SQLException {
            endGroup();
            totals.compare(null, Map.of(), areas); // totals after the last figure have no countries
            totals.close();
            months.close();
            return new Result(figures, List.copyOf(repeats.values()), totals.failing(), totals.failures,
                    overlaps == null ? List.of() : overlaps.finish());
        }
    }

    /**
     * The stated totals, read in the figures' group order (then file, sheet, row) and compared group by group:
     * a merge join, so each total costs one comparison however many figures there are. They stream in the
     * order of platform_total_key (named, and instance_id leading the ORDER BY, or H2 would pick another
     * index and sort: 10,000 totals in the heap, the live-heap peak of a 1M-row run).
     */
    private final class StatedTotals {
        /** File and sheet name by sheet ({@link #sheetKey}): a few entries, read once, not joined per total. */
        private final Map<Long, String[]> places;
        private final PreparedStatement statement;
        private final ResultSet rs;
        private boolean hasRow;
        private GroupKey rowKey;
        private int failures;
        private final PriorityQueue<TotalResult> failing = new PriorityQueue<>(LISTING_ORDER.reversed());
        private final PassingTotals passes;

        StatedTotals(Connection con, long id, PassingTotals passes) throws SQLException {
            this.passes = passes;
            places = sheetPlaces(con, id);
            statement = con.prepareStatement("""
                    SELECT platform, metric, period_start, period_prec, file_no, sheet_no, row_no, area,
                           stated_value, tolerance, column_name
                    FROM platform_total USE INDEX (platform_total_key)
                    WHERE instance_id = ?
                    ORDER BY instance_id, platform, metric, period_start, period_prec, file_no, sheet_no, row_no""");
            statement.setLong(1, id);
            rs = statement.executeQuery();
            advance();
        }

        private static Map<Long, String[]> sheetPlaces(Connection con, long id) throws SQLException {
            Map<Long, String[]> places = new HashMap<>();
            try (PreparedStatement ps = con.prepareStatement("""
                    SELECT s.file_no, s.sheet_no, f.file_name, s.sheet_name FROM source_sheet s
                    JOIN source_file f ON f.instance_id = s.instance_id AND f.file_no = s.file_no
                    WHERE s.instance_id = ?""")) {
                ps.setLong(1, id);
                try (ResultSet sheets = ps.executeQuery()) {
                    while (sheets.next()) {
                        places.put(sheetKey(sheets.getInt(1), sheets.getInt(2)),
                                new String[] {sheets.getString(3), sheets.getString(4)});
                    }
                }
            }
            return places;
        }

        private void advance() throws SQLException {
            GroupKey previous = rowKey;
            hasRow = rs.next();
            rowKey = hasRow ? new GroupKey(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                    rs.getString(4)) : null;
            if (rowKey != null) {
                requireAscending(previous, rowKey, "stated totals");
            }
        }

        /** Compares every total up to and including {@code group} (all that remain when it is null). */
        void compare(GroupKey group, Map<Long, SheetSums> sums, List<CountryDirectory.Area> areas) throws SQLException {
            while (hasRow && (group == null || rowKey.compareTo(group) <= 0)) {
                boolean same = group != null && rowKey.compareTo(group) == 0;
                int fileNo = rs.getInt(5);
                int sheetNo = rs.getInt(6);
                String areaName = rs.getString(8);
                int a = indexOf(areas, areaName);
                SheetSums s = same ? sums.get(sheetKey(fileNo, sheetNo)) : null;
                BigDecimal actual = s == null ? BigDecimal.ZERO : s.sums[a];
                long countriesSummed = s == null ? 0 : s.countries[a];
                String[] place = places.get(sheetKey(fileNo, sheetNo));
                record(new TotalResult(fileNo, sheetNo, rs.getInt(7), place[0], place[1],
                        rowKey.platform(), rowKey.partialPeriod(), rowKey.metric(), areaName, rs.getBigDecimal(9),
                        rs.getBigDecimal(10), rs.getString(11), actual, countriesSummed));
                advance();
            }
        }

        private int indexOf(List<CountryDirectory.Area> areas, String name) {
            for (int i = 0; i < areas.size(); i++) {
                if (areas.get(i).name().equals(name)) {
                    return i;
                }
            }
            throw new IllegalStateException("area " + name + " is not among the stated areas");
        }

        private void record(TotalResult t) throws SQLException {
            if (t.passes()) {
                passes.accept(t);
                return;
            }
            failures++;
            failing.add(t);
            if (failing.size() > MAX_LISTED) {
                failing.poll(); // keep the first MAX_LISTED in listing order
            }
        }

        List<TotalResult> failing() {
            List<TotalResult> list = new ArrayList<>(failing);
            list.sort(LISTING_ORDER);
            return list;
        }

        void close() throws SQLException {
            rs.close();
            statement.close();
        }
    }

    /**
     * Sums per platform, metric, country and period, written to platform_month as each month ends: daily and
     * monthly figures by month, a quarterly or yearly figure in its own period (a year is not its January).
     * Within a platform and metric the figures come by period start, so only the periods starting in the
     * current month are held: at most a month, a quarter and a year per country.
     */
    private static final class MonthlySums {
        private final OverlappedBatch inserts;
        private final long id;
        private final CountryDirectory countries;
        private String platform;
        private String parent;
        private String metric;
        private LocalDate month;
        /** By granularity (MONTH, QUARTER, YEAR), then country. */
        private final Map<String, Map<String, Month>> byPeriod = new TreeMap<>();

        private static final class Month {
            BigDecimal value = BigDecimal.ZERO;
            LocalDate latest;
            String latestPrecision;
        }

        MonthlySums(Connection con, long id, CountryDirectory countries) throws SQLException {
            this.id = id;
            this.countries = countries;
            inserts = new OverlappedBatch(con, """
                    INSERT INTO platform_month (instance_id, platform, parent, metric, country_code, region,
                        country_name, period_month, period_prec, metric_value, latest_start, latest_prec)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", INSERT_BATCH, "cbec-etl-monthly-sums");
        }

        void add(String platform, String parent, String metric, LocalDate period, String precision, String country,
                 BigDecimal value) throws SQLException {
            LocalDate first = period.withDayOfMonth(1);
            if (!platform.equals(this.platform) || !metric.equals(this.metric) || !first.equals(month)) {
                flush();
                this.platform = platform;
                this.metric = metric;
                this.month = first;
                this.parent = null;
            }
            if (parent != null && (this.parent == null || parent.compareTo(this.parent) > 0)) {
                this.parent = parent;
            }
            // A quarter or a year starts on the first of a month: its start is this month.
            String granularity = "DAY".equals(precision) ? "MONTH" : precision;
            Month m = byPeriod.computeIfAbsent(granularity, g -> new TreeMap<>()).computeIfAbsent(country, c -> new Month());
            m.value = m.value.add(value);
            if (m.latest == null || period.isAfter(m.latest)
                    || (period.equals(m.latest) && Objects.equals(precision, "DAY"))) {
                m.latest = period;
                m.latestPrecision = precision;
            }
        }

        private void flush() throws SQLException {
            for (Map.Entry<String, Map<String, Month>> granularity : byPeriod.entrySet()) {
                for (Map.Entry<String, Month> e : granularity.getValue().entrySet()) {
                    PreparedStatement insert = inserts.statement();
                    insert.setLong(1, id);
                    insert.setString(2, platform);
                    insert.setString(3, parent);
                    insert.setString(4, metric);
                    insert.setString(5, e.getKey());
                    Optional<Country> country = countries.byCode(e.getKey());
                    insert.setString(6, countries.reportRegion(e.getKey()));
                    insert.setString(7, country.map(Country::nameEn).orElse(e.getKey()));
                    insert.setDate(8, Date.valueOf(month));
                    insert.setString(9, granularity.getKey());
                    insert.setBigDecimal(10, e.getValue().value);
                    insert.setDate(11, Date.valueOf(e.getValue().latest));
                    insert.setString(12, e.getValue().latestPrecision);
                    inserts.addBatch();
                }
            }
            byPeriod.clear();
        }

        void close() throws SQLException {
            try {
                flush();
            } finally {
                inserts.close();
            }
        }

        /**
         * After a failure: the month being summed is dropped, the batches already bound are written and waited
         * for, so that nothing writes once the failure is thrown (validate's rerun deletes the months first).
         */
        void abandon(Exception failure) {
            byPeriod.clear();
            try {
                inserts.close();
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
