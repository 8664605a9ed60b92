package io.cbec.etl.kind.indicator;

import io.cbec.etl.kind.control.MetricQuery;
import io.cbec.etl.kind.control.MetricQueryException;
import io.cbec.etl.kind.control.MetricSource;
import io.cbec.etl.kind.control.MetricValue;
import io.cbec.etl.normalise.Division;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.Period;
import io.cbec.etl.normalise.PeriodParser;
import io.cbec.etl.normalise.Province;
import io.cbec.etl.normalise.ZoneMatch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Indicator metrics for control totals: "&lt;indicator&gt;, &lt;zone or province&gt;, &lt;period&gt;", e.g.
 * "CBEC trade value, Zhejiang, 2024", "出口额, 杭州, 2024年1-6月", "Overseas warehouses, 2024". The sum of
 * the pilot zones' figures inside that period, of whatever granularity, each day once (see {@link Total}
 * for which figures when they overlap). A sum over two currencies is refused.
 */
@Component
class IndicatorMetrics implements MetricSource {

    private static final Set<String> WHOLE_COUNTRY = Set.of("nationwide", "china", "all", "all zones", "全国", "中国");

    private final DivisionDirectory directory = DivisionDirectory.bundled();

    @Override
    public Optional<MetricValue> evaluate(MetricQuery query, JdbcClient jdbc, long instanceId) {
        Optional<Indicator> indicator = Indicator.fromName(query.metric());
        if (indicator.isEmpty()) {
            return Optional.empty();
        }
        List<String> unsupported = query.qualifiersBesides(MetricQuery.PLACE, MetricQuery.PERIOD);
        if (!unsupported.isEmpty()) {
            throw new MetricQueryException("'" + query.metric() + "' takes a zone or province and a period, not "
                    + String.join(", ", unsupported) + ": write e.g. " + indicator.get().label() + ", Zhejiang, 2024");
        }
        Period period = query.qualifier(MetricQuery.PERIOD).map(p -> PeriodParser.parse(p).value())
                .orElseThrow(() -> new MetricQueryException("'" + query.text() + "' names no period: write e.g. "
                        + indicator.get().label() + ", Zhejiang, 2024"));
        String placeFilter = "";
        String provinceCode = null;
        String zoneKey = null;
        String where = "all pilot zones";
        Optional<String> place = query.qualifier(MetricQuery.PLACE)
                .filter(p -> !WHOLE_COUNTRY.contains(p.toLowerCase(Locale.ROOT)));
        if (place.isPresent()) {
            Optional<Province> province = directory.province(place.get());
            if (province.isPresent()) {
                provinceCode = province.get().code();
                placeFilter = " AND province_code = :place";
                where = province.get().nameEn();
            } else if (directory.resolveZone(place.get(), null) instanceof ZoneMatch.Found found) {
                Division d = found.division();
                zoneKey = d.code() != null ? d.code() : "NEW:" + d.nameZh();
                placeFilter = " AND zone_key = :place";
                where = d.nameEn();
            } else {
                throw new MetricQueryException("unknown zone or province '" + place.get() + "' in '" + query.text()
                        + "': name a province (Zhejiang, 浙江) or a pilot zone (Hangzhou, 杭州)");
            }
        }
        String placeValue = provinceCode != null ? provinceCode : zoneKey;
        // Every figure of the place that shares a day with the period, a zone's figures together, each
        // zone's longest first on a start day; a repeated figure (two sheets) is one.
        var statement = jdbc.sql("""
                        SELECT zone_key, MIN(COALESCE(zone_en, zone_zh, zone_key)), period_start, period_end, unit,
                               MIN(amount)
                        FROM indicator_value
                        WHERE instance_id = :id AND row_kind = 'DETAIL' AND pilot AND indicator = :indicator%s
                          AND period_start <= :end AND period_end >= :start
                        GROUP BY zone_key, period_start, period_end, unit
                        ORDER BY zone_key, period_start, period_end DESC, unit""".formatted(placeFilter))
                .param("id", instanceId).param("indicator", indicator.get().name())
                .param("start", Date.valueOf(period.start())).param("end", Date.valueOf(period.end()));
        if (placeValue != null) {
            statement = statement.param("place", placeValue);
        }
        Total total = new Total(period);
        List<ZoneFigure> zone = new ArrayList<>();
        statement.query((ResultSet rs) -> {
            ZoneFigure f = new ZoneFigure(rs.getString(1), rs.getString(2), new Period(rs.getDate(3).toLocalDate(),
                    rs.getDate(4).toLocalDate()), rs.getString(5), rs.getBigDecimal(6));
            if (!zone.isEmpty() && !zone.get(0).zoneKey().equals(f.zoneKey())) {
                total.addZone(zone, query);
                zone.clear();
            }
            zone.add(f);
        });
        if (!zone.isEmpty()) {
            total.addZone(zone, query);
        }
        if (total.units.size() > 1) {
            throw new MetricQueryException("'" + query.text() + "' would add figures in "
                    + String.join(" and ", total.units) + ": a sum over two currencies is not made; declare one "
                    + "control per currency");
        }
        if (total.units.isEmpty()) {
            // No figure at all is not a sum of 0 (nor a currency to compare): the control fails saying so.
            throw new MetricQueryException("no data: the inputs hold no " + indicator.get().label() + " figure of "
                    + where + " for " + period.label() + " (for that period, or for months or quarters inside it): "
                    + "add the zone indicator sheet with these figures, or check the control's metric, place and "
                    + "period");
        }
        return Optional.of(new MetricValue(total.amount, total.units.first(), indicator.get().label() + " of " + where
                + " for " + period.label() + total.described()));
    }

    /** One zone's figure for a period: amount in the base unit. */
    private record ZoneFigure(String zoneKey, String zoneName, Period period, String unit, BigDecimal amount) { }

    /**
     * The sum over the zones, zone by zone. Which of a zone's figures are summed (the rule, made explicit):
     * <ul>
     *   <li>figures of any granularity covering different days are added: 2024Q1 and 2024-04 make Jan-Apr;</li>
     *   <li>no day is counted twice: where figures overlap (a quarter and its months, a year and its
     *       quarters), the figures summed are a set that covers every day the zone's figures cover exactly
     *       once, the one with the fewest figures (the coarsest: a stated quarter over its months, as the
     *       figure for the whole period is taken over its parts); the others are named in the detail as not
     *       added;</li>
     *   <li>when no such set exists (2024Q1 and 2024-02/2024-04, with no April alone) the data overlap and
     *       the control fails naming the figures: there is no sum that counts each day once;</li>
     *   <li>a figure running past the period (2024年1-6月 for a 2024Q1 control) is not split: when the
     *       figures inside the period leave some of its days uncovered, the control fails naming it.</li>
     * </ul>
     * Only a zone's figures are held (a few dozen periods), never the place's.
     */
    private static final class Total {
        final Period period;
        /** Granularities coarse first, then by name. */
        private static final Comparator<String> COARSE_FIRST = Comparator.comparingInt(Total::rank)
                .thenComparing(Comparator.naturalOrder());

        final SortedSet<String> units = new TreeSet<>();
        final Map<String, Integer> summed = new TreeMap<>(COARSE_FIRST);
        final Map<String, Integer> setAside = new TreeMap<>(COARSE_FIRST);
        BigDecimal amount = BigDecimal.ZERO;
        long figures;
        long runningPast;

        Total(Period period) {
            this.period = period;
        }

        void addZone(List<ZoneFigure> all, MetricQuery query) {
            List<ZoneFigure> inside = new ArrayList<>();
            List<ZoneFigure> across = new ArrayList<>();
            for (ZoneFigure f : all) {
                if (period.contains(f.period())) {
                    inside.add(f);
                    units.add(f.unit());
                } else {
                    across.add(f);
                }
            }
            if (units.size() > 1) {
                return; // refused as a whole, naming the currencies
            }
            List<ZoneFigure> cover = new ArrayList<>();
            // Inside figures sorted by start: each run of figures whose days touch is covered on its own.
            int from = 0;
            while (from < inside.size()) {
                LocalDate runEnd = inside.get(from).period().end();
                int to = from + 1;
                while (to < inside.size() && !inside.get(to).period().start().isAfter(runEnd)) {
                    runEnd = max(runEnd, inside.get(to).period().end());
                    to++;
                }
                List<ZoneFigure> run = inside.subList(from, to);
                List<ZoneFigure> chosen = fewestCovering(run, runEnd);
                if (chosen == null) {
                    throw new MetricQueryException("the data overlap: " + run.get(0).zoneName() + "'s"
                            + " figures for " + labels(run) + " count some days twice, and no set of them counts each "
                            + "day once, so '" + query.text() + "' has no sum: remove the repeated figures, or "
                            + "declare the control for a period they do not share");
                }
                cover.addAll(chosen);
                from = to;
            }
            for (ZoneFigure f : across) {
                LocalDate a = max(f.period().start(), period.start());
                LocalDate b = min(f.period().end(), period.end());
                if (!covered(cover, a, b)) {
                    throw new MetricQueryException("the data cannot answer '" + query.text() + "': "
                            + f.zoneName() + "'s figure for " + f.period().label() + " runs past " + period.label()
                            + " and cannot be split: declare the control for " + f.period().label()
                            + ", or add the figures of the months inside " + period.label());
                }
                runningPast++;
            }
            for (ZoneFigure f : inside) {
                String g = granularity(f.period());
                if (cover.contains(f)) {
                    amount = amount.add(f.amount());
                    figures++;
                    summed.merge(g, 1, Integer::sum);
                } else {
                    setAside.merge(g, 1, Integer::sum);
                }
            }
        }

        /**
         * The fewest figures that cover [first start, end] with each day once, or null: a shortest path over
         * the figures (sorted by start, so each one's start is settled before it is used).
         */
        private static List<ZoneFigure> fewestCovering(List<ZoneFigure> run, LocalDate end) {
            Map<LocalDate, List<ZoneFigure>> best = new HashMap<>();
            best.put(run.get(0).period().start(), List.of());
            for (ZoneFigure f : run) {
                List<ZoneFigure> before = best.get(f.period().start());
                if (before != null) {
                    LocalDate next = f.period().end().plusDays(1);
                    List<ZoneFigure> path = best.get(next);
                    if (path == null || path.size() > before.size() + 1) {
                        List<ZoneFigure> longer = new ArrayList<>(before);
                        longer.add(f);
                        best.put(next, longer);
                    }
                }
            }
            return best.get(end.plusDays(1));
        }

        /** Whether {@code cover} (in start order, as built) covers every day of [from, to]. */
        private static boolean covered(List<ZoneFigure> cover, LocalDate from, LocalDate to) {
            LocalDate next = from;
            for (ZoneFigure f : cover) {
                if (!f.period().start().isAfter(next) && !f.period().end().isBefore(next)) {
                    next = f.period().end().plusDays(1);
                }
            }
            return next.isAfter(to);
        }

        String described() {
            String parts = summed.size() == 1 && summed.containsKey(EXACT) ? ""
                    : " (sum of " + String.join(" and ", summed.keySet()) + " figures)";
            String unused = setAside.isEmpty() ? "" : "; not added, as the figures summed cover their days: "
                    + String.join(", ", setAside.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()
                    + " figure(s)").toList());
            String past = runningPast == 0 ? "" : "; not split: " + runningPast + " figure(s) running past "
                    + period.label() + ", whose days inside it the figures summed cover";
            return parts + ", " + figures + " figure(s)" + unused + past;
        }

        private String granularity(Period p) {
            if (p.equals(period)) {
                return EXACT;
            }
            int months = p.monthCount();
            String label = p.label();
            return months == 1 ? "monthly" : label.contains("Q") ? "quarterly"
                    : label.length() == 4 ? "yearly" : months + "-month";
        }

        /** Coarse first: the figure for the period, yearly, n-month, quarterly, monthly. */
        private static int rank(String granularity) {
            return switch (granularity) {
                case EXACT -> 0;
                case "yearly" -> 1;
                case "quarterly" -> 3;
                case "monthly" -> 4;
                default -> 2;
            };
        }

        private static String labels(List<ZoneFigure> run) {
            return String.join(", ", run.stream().map(f -> f.period().label()).distinct().toList());
        }

        private static LocalDate max(LocalDate a, LocalDate b) {
            return a.isAfter(b) ? a : b;
        }

        private static LocalDate min(LocalDate a, LocalDate b) {
            return a.isBefore(b) ? a : b;
        }
    }

    private static final String EXACT = "the period's";

    @Override
    public List<String> examples() {
        return List.of("CBEC trade value, Zhejiang, 2024", "Exports, Hangzhou, 2024年1-6月");
    }
}
