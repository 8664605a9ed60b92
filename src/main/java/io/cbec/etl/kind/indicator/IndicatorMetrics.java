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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Indicator metrics for control totals: "&lt;indicator&gt;, &lt;zone or province&gt;, &lt;period&gt;", e.g.
 * "CBEC trade value, Zhejiang, 2024", "出口额, 杭州, 2024年1-6月", "Overseas warehouses, 2024". The sum of
 * the pilot zones' figures for exactly that period; when no figure has exactly that period, the sum of
 * the monthly figures inside it (then the quarterly ones). A sum over two currencies is refused.
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
        String figures = """
                SELECT zone_key, period_start, period_end, unit, MIN(amount) AS amount FROM indicator_value
                WHERE instance_id = :id AND row_kind = 'DETAIL' AND pilot AND indicator = :indicator%s
                  AND period_start >= :start AND period_end <= :end%s
                GROUP BY zone_key, period_start, period_end, unit""";
        String[] granularity = {" AND period_start = :start AND period_end = :end",
                " AND DATEDIFF('MONTH', period_start, period_end) = 0",
                " AND DATEDIFF('MONTH', period_start, period_end) = 2"};
        String[] described = {"", " (sum of monthly figures)", " (sum of quarterly figures)"};
        for (int g = 0; g < granularity.length; g++) {
            var statement = jdbc.sql("SELECT unit, COUNT(*), SUM(amount) FROM (" + String.format(figures, placeFilter,
                            granularity[g]) + ") GROUP BY unit ORDER BY unit")
                    .param("id", instanceId).param("indicator", indicator.get().name())
                    .param("start", Date.valueOf(period.start())).param("end", Date.valueOf(period.end()));
            if (placeValue != null) {
                statement = statement.param("place", placeValue);
            }
            record Sum(String unit, long figures, BigDecimal amount) { }
            List<Sum> sums = statement.query((rs, n) -> new Sum(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3))).list();
            if (sums.size() > 1) {
                throw new MetricQueryException("'" + query.text() + "' would add figures in "
                        + String.join(" and ", sums.stream().map(Sum::unit).toList())
                        + ": a sum over two currencies is not made; declare one control per currency");
            }
            if (sums.size() == 1) {
                Sum s = sums.get(0);
                return Optional.of(new MetricValue(s.amount(), s.unit(), indicator.get().label() + " of " + where + " for "
                        + period.label() + described[g] + ", " + s.figures() + " figure(s)"));
            }
        }
        // No figure at all is not a sum of 0 (nor a currency to compare): the control fails saying so.
        throw new MetricQueryException("no data: the inputs hold no " + indicator.get().label() + " figure of "
                + where + " for " + period.label() + " (for that period, or monthly or quarterly inside it): add the "
                + "zone indicator sheet with these figures, or check the control's metric, place and period");
    }

    @Override
    public List<String> examples() {
        return List.of("CBEC trade value, Zhejiang, 2024", "Exports, Hangzhou, 2024年1-6月");
    }
}
