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
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final FigureStore figures;
    private final CountryDirectory countries;
    private final PlatformDirectory platforms;

    PlatformMetrics(PlatformReference reference, JdbcTemplate template) {
        this.figures = new FigureStore(template);
        this.countries = reference.countries();
        this.platforms = reference.platforms();
    }

    private record Named(Platform platform, String metric, boolean share) { }

    /** "temu downloads", "temu share of downloads", "temu app downloads", "temu revenue", "拼多多 下载量". */
    private Optional<Named> named(String metric) {
        String[] words = metric.split(" ");
        for (int i = words.length - 1; i >= 1; i--) {
            Optional<Platform> p = platforms.platform(String.join(" ", Arrays.copyOfRange(words, 0, i)));
            if (p.isPresent()) {
                String rest = String.join(" ", Arrays.copyOfRange(words, i, words.length));
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

    /**
     * What one query sums: a platform's metric over the figures whose whole period lies in [from, to]. A
     * figure whose period only partly lies in it (the monthly figure for February, asked "as of 2023-02-15"
     * or for one week of it) cannot be split: it is not counted, and it fails the control (see {@link Acc}).
     */
    private record Sum(Named named, Predicate<String> inPlace, String placeName, LocalDate from, LocalDate to,
                       String whenText) {
        boolean ofMetric(Figure f) {
            return f.platform().equals(named.platform().name()) && f.metric().equals(named.metric());
        }

        boolean inside(Figure f) {
            return !f.period().isBefore(from) && !f.when().end().isAfter(to);
        }

        boolean straddles(Figure f) {
            return !inside(f) && !f.period().isAfter(to) && !f.when().end().isBefore(from);
        }
    }

    /**
     * One query's sums, the place's and the world's, and the first figure of each that runs past the
     * period's bounds: its days inside are unknown, so neither counting it nor leaving it out would be the
     * answer.
     */
    private static final class Acc {
        BigDecimal part = BigDecimal.ZERO;
        BigDecimal world = BigDecimal.ZERO;
        Figure partStraddles;
        Figure worldStraddles;
    }

    /** The place's and the world's sums of the queries prepared for one instance, by query text. */
    private record Prepared(long instanceId, Map<String, Acc> sums) { }

    private volatile Prepared prepared;

    /**
     * Sums every platform query of the run's controls in one pass over the staged figures: a pass per
     * query would read a million figures per control.
     */
    @Override
    public void prepare(List<MetricQuery> queries, JdbcClient jdbc, long instanceId) {
        Map<String, Sum> mine = new LinkedHashMap<>();
        for (MetricQuery query : queries) {
            try {
                resolve(query).ifPresent(sum -> mine.put(query.text(), sum));
            } catch (MetricQueryException e) {
                // evaluate() reports it, with the control's place
            }
        }
        Map<String, Acc> sums = new HashMap<>();
        mine.keySet().forEach(text -> sums.put(text, new Acc()));
        if (!mine.isEmpty()) {
            figures.forEach(instanceId, f -> mine.forEach((text, sum) -> add(sum, f, sums.get(text))));
        }
        prepared = new Prepared(instanceId, sums);
    }

    @Override
    public Optional<MetricValue> evaluate(MetricQuery query, JdbcClient jdbc, long instanceId) {
        Optional<Sum> resolved = resolve(query);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        Sum sum = resolved.get();
        Prepared ready = prepared;
        Acc sums = ready != null && ready.instanceId() == instanceId ? ready.sums().get(query.text()) : null;
        if (sums == null) {
            Acc one = new Acc();
            figures.forEach(instanceId, f -> add(sum, f, one));
            sums = one;
        }
        Named n = sum.named();
        BigDecimal part = sums.part;
        BigDecimal world = sums.world;
        // A share needs the world's sum too; a count only the place's.
        Figure straddles = n.share() && sums.worldStraddles != null ? sums.worldStraddles : sums.partStraddles;
        if (straddles != null) {
            boolean early = straddles.period().isBefore(sum.from());
            throw new MetricQueryException("the data cannot answer '" + query.text() + "': the "
                    + PlatformChecks.granularity(straddles.precision()) + " " + n.platform().name() + " " + n.metric() + " figure for "
                    + straddles.when() + " (" + countries.country(straddles.country()).map(Country::nameEn)
                    .orElse(straddles.country()) + ", " + straddles.period() + " to "
                    + straddles.when().end() + ") " + (early ? "starts before " + sum.from() : "runs past " + sum.to())
                    + " and cannot be split: declare the control over whole periods of the figures (e.g. "
                    + (sum.from().equals(LocalDate.MIN) ? "as of " + straddles.when().end() : straddles.when())
                    + "), or add daily figures");
        }
        if (world.signum() == 0) {
            throw new MetricQueryException("no " + n.platform().name() + " " + n.metric() + sum.whenText()
                    + " among the inputs: add the app-analytics export");
        }
        String unit = n.metric().equals(MetricLayout.REVENUE) ? Quantity.USD : Quantity.COUNT;
        if (n.share()) {
            return Optional.of(new MetricValue(part.divide(world, MathContext.DECIMAL64), Quantity.PERCENT,
                    sum.placeName() + "'s share of " + n.platform().name() + " " + n.metric() + sum.whenText() + " ("
                            + PlatformChecks.plain(part) + " of " + PlatformChecks.plain(world) + ")"));
        }
        return Optional.of(new MetricValue(PlatformChecks.plainNumber(part), unit, n.platform().name() + " "
                + n.metric() + " in " + sum.placeName() + sum.whenText() + ", summed over the country rows"));
    }

    /** A figure that counts adds to the world's sum, and to the place's when it is in the place. */
    private static void add(Sum sum, Figure f, Acc sums) {
        if (!sum.ofMetric(f)) {
            return;
        }
        boolean inPlace = sum.inPlace().test(f.country());
        if (sum.inside(f)) {
            sums.world = sums.world.add(f.value());
            if (inPlace) {
                sums.part = sums.part.add(f.value());
            }
        } else if (sum.straddles(f)) {
            sums.worldStraddles = sums.worldStraddles == null ? f : sums.worldStraddles;
            if (inPlace && sums.partStraddles == null) {
                sums.partStraddles = f;
            }
        }
    }

    /** The sum a query asks for; empty when it is not a platform metric; throws when it cannot be read. */
    private Optional<Sum> resolve(MetricQuery query) {
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
        Predicate<String> inPlace;
        String placeName;
        Optional<Country> country = countries.country(placeText);
        if (country.isPresent()) {
            String code = country.get().code();
            inPlace = code::equals;
            placeName = country.get().nameEn();
        } else {
            CountryDirectory.Area area = countries.area(placeText).orElseThrow(() -> new MetricQueryException(
                    "unknown place '" + placeText + "' in '" + query.text()
                            + "': name a country, a UN M49 region (e.g. North America) or Worldwide"));
            Set<String> codes = Set.copyOf(area.codes());
            inPlace = area.world() ? c -> true : codes::contains;
            placeName = area.name();
        }
        String whenText = "";
        LocalDate from = LocalDate.MIN;
        LocalDate to = LocalDate.MAX;
        Optional<String> asOf = query.qualifier(MetricQuery.AS_OF);
        Optional<String> period = query.qualifier(MetricQuery.PERIOD);
        if (asOf.isPresent()) {
            Parsed<PartialDate> d = DateParser.parse(asOf.get());
            if (!d.ok()) {
                throw new MetricQueryException("cannot read the date '" + asOf.get() + "' in '" + query.text() + "'");
            }
            to = d.value().end();
            whenText = " up to " + d.value().end();
        } else if (period.isPresent()) {
            Parsed<PartialDate> d = DateParser.parse(period.get());
            if (!d.ok()) {
                throw new MetricQueryException("cannot read the period '" + period.get() + "' in '" + query.text()
                        + "': write a day, a month or a year, e.g. 2023-01");
            }
            from = d.value().start();
            to = d.value().end();
            whenText = " in " + d.value();
        }
        return Optional.of(new Sum(n, inPlace, placeName, from, to, whenText));
    }

    @Override
    public List<String> examples() {
        return List.of("Temu downloads, Worldwide, as of 2023-01-31", "Temu share of downloads, North America, as of 2023-01-31",
                "Temu downloads, United States, 2023-01");
    }
}
