package io.cbec.etl.kind.platform;

import io.cbec.etl.kind.control.MetricQuery;
import io.cbec.etl.kind.control.MetricQueryException;
import io.cbec.etl.kind.control.MetricSource;
import io.cbec.etl.kind.control.MetricValue;
import io.cbec.etl.normalise.DateParser;
import io.cbec.etl.normalise.Parsed;
import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.quantity.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Date;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Platform metrics for control totals, from the staged country figures (never from the stated totals,
 * which are what is being checked): "Temu downloads, Worldwide, as of 2023-01-31" (cumulative up to the
 * date), "Temu share of downloads, North America, as of 2023-01-31" (the area's part of the world's, a
 * fraction), "Temu revenue, United States, 2023-01" (one period). The place is a country, an M49 area or
 * Worldwide (the default).
 */
@Component
class PlatformMetrics implements MetricSource {

    private final CountryDirectory countries;
    private final PlatformDirectory platforms;

    PlatformMetrics(PlatformReference reference) {
        this.countries = reference.countries();
        this.platforms = reference.platforms();
    }

    private record Named(Platform platform, String metric, boolean share) { }

    /** "temu downloads", "temu share of downloads", "temu app downloads", "temu revenue", "拼多多 下载量". */
    private Optional<Named> named(String metric) {
        String[] words = metric.split(" ");
        for (int i = words.length - 1; i >= 1; i--) {
            Optional<Platform> p = platforms.platform(String.join(" ", java.util.Arrays.copyOfRange(words, 0, i)));
            if (p.isPresent()) {
                String rest = String.join(" ", java.util.Arrays.copyOfRange(words, i, words.length));
                return measure(rest).map(m -> new Named(p.get(), m.metric(), m.share()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Named> measure(String rest) {
        return switch (rest) {
            case "downloads", "app downloads", "cumulative downloads", "total downloads", "下载量", "下载" ->
                    Optional.of(new Named(null, MetricLayout.DOWNLOADS, false));
            case "share of downloads", "share of app downloads", "download share", "downloads share", "下载占比" ->
                    Optional.of(new Named(null, MetricLayout.DOWNLOADS, true));
            case "revenue", "收入" -> Optional.of(new Named(null, MetricLayout.REVENUE, false));
            case "share of revenue", "revenue share" -> Optional.of(new Named(null, MetricLayout.REVENUE, true));
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<MetricValue> evaluate(MetricQuery query, JdbcClient jdbc, long instanceId) {
        Optional<Named> found = named(query.metric());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Named n = found.get();
        List<String> unsupported = query.qualifiersBesides(MetricQuery.PLACE, MetricQuery.AS_OF, MetricQuery.PERIOD);
        if (!unsupported.isEmpty()) {
            throw new MetricQueryException("'" + query.metric() + "' takes a place and a date, not "
                    + String.join(", ", unsupported) + ": write e.g. Temu downloads, Worldwide, as of 2023-01-31");
        }
        String placeText = query.qualifier(MetricQuery.PLACE).orElse("Worldwide");
        String inPlace;
        String placeName;
        Optional<Country> country = countries.country(placeText);
        if (country.isPresent()) {
            inPlace = " AND country_code = '" + country.get().code() + "'";
            placeName = country.get().nameEn();
        } else {
            CountryDirectory.Area area = countries.area(placeText).orElseThrow(() -> new MetricQueryException(
                    "unknown place '" + placeText + "' in '" + query.text()
                            + "': name a country, a UN M49 region (e.g. North America) or Worldwide"));
            inPlace = area.world() ? "" : " AND country_code IN (" + area.codes().stream().sorted()
                    .map(c -> "'" + c + "'").collect(Collectors.joining(",")) + ")";
            placeName = area.name();
        }
        String when = "";
        String whenText = "";
        Date from = null;
        Date to = null;
        Optional<String> asOf = query.qualifier(MetricQuery.AS_OF);
        Optional<String> period = query.qualifier(MetricQuery.PERIOD);
        if (asOf.isPresent()) {
            Parsed<PartialDate> d = DateParser.parse(asOf.get());
            if (!d.ok()) {
                throw new MetricQueryException("cannot read the date '" + asOf.get() + "' in '" + query.text() + "'");
            }
            to = Date.valueOf(d.value().end());
            when = " AND period_start <= :to";
            whenText = " up to " + d.value().end();
        } else if (period.isPresent()) {
            Parsed<PartialDate> d = DateParser.parse(period.get());
            if (!d.ok()) {
                throw new MetricQueryException("cannot read the period '" + period.get() + "' in '" + query.text()
                        + "': write a day, a month or a year, e.g. 2023-01");
            }
            from = Date.valueOf(d.value().start());
            to = Date.valueOf(d.value().end());
            when = " AND period_start >= :from AND period_start <= :to";
            whenText = " in " + d.value();
        }
        String base = "SELECT COALESCE(SUM(metric_value), 0) FROM platform_metric WHERE instance_id = :id"
                + " AND platform = :p AND metric = :m" + when;
        BigDecimal part = sum(jdbc, base + inPlace, instanceId, n.platform().name(), n.metric(), from, to);
        BigDecimal world = sum(jdbc, base, instanceId, n.platform().name(), n.metric(), from, to);
        if (world.signum() == 0) {
            throw new MetricQueryException("no " + n.platform().name() + " " + n.metric() + whenText
                    + " among the inputs: add the app-analytics export");
        }
        String unit = n.metric().equals(MetricLayout.REVENUE) ? Quantity.USD : Quantity.COUNT;
        if (n.share()) {
            return Optional.of(new MetricValue(part.divide(world, MathContext.DECIMAL64), Quantity.PERCENT,
                    placeName + "'s share of " + n.platform().name() + " " + n.metric() + whenText + " ("
                            + PlatformChecks.plain(part) + " of " + PlatformChecks.plain(world) + ")"));
        }
        return Optional.of(new MetricValue(PlatformChecks.plainNumber(part), unit, n.platform().name() + " "
                + n.metric() + " in " + placeName + whenText + ", summed over the country rows"));
    }

    private static BigDecimal sum(JdbcClient jdbc, String sql, long id, String platform, String metric, Date from, Date to) {
        var spec = jdbc.sql(sql).param("id", id).param("p", platform).param("m", metric);
        if (sql.contains(":from")) {
            spec = spec.param("from", from);
        }
        if (sql.contains(":to")) {
            spec = spec.param("to", to);
        }
        return spec.query(BigDecimal.class).single();
    }

    @Override
    public List<String> examples() {
        return List.of("Temu downloads, Worldwide, as of 2023-01-31", "Temu share of downloads, North America, as of 2023-01-31",
                "Temu downloads, United States, 2023-01");
    }
}
