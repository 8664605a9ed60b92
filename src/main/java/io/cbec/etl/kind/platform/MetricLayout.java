package io.cbec.etl.kind.platform;

import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.quantity.HeaderCurrency;
import io.cbec.etl.normalise.quantity.UnitHint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How an app-analytics sheet lays out its figures, worked out once per sheet from its header texts:
 * countries as rows (a country column and metric columns such as "Downloads" or "iPhone Downloads",
 * "Android Downloads", summed) or countries as columns (one column per country, the metric named by
 * the title or the sheet name).
 */
record MetricLayout(List<MetricColumn> metricColumns, List<AreaColumn> areaColumns, String columnsMetric) {

    static final String DOWNLOADS = "downloads";
    static final String REVENUE = "revenue";

    private static final Pattern DOWNLOAD_WORDS = Pattern.compile("download|install|下载|安装");
    private static final Pattern REVENUE_WORDS = Pattern.compile("revenue|收入|流水|营收");
    private static final Pattern DEVICE_WORDS = Pattern.compile("ios|iphone|ipad|app store|android|google play|苹果|安卓");

    /**
     * A metric column; {@code device} when it holds one store's share (iPhone, Android) to be summed;
     * {@code foreignCurrency} when its header names a currency other than USD and CNY ("EUR", "欧元 (EUR)").
     */
    record MetricColumn(int column, String metric, boolean device, UnitHint hint, String foreignCurrency) {
    }

    /** A column of one country, or of the world or an area (a stated total). */
    record AreaColumn(int column, Country country, CountryDirectory.Area area) {
    }

    boolean countriesAsColumns() {
        return !areaColumns.isEmpty();
    }

    static MetricLayout of(SheetPlan plan, CountryDirectory countries) {
        List<Integer> used = List.copyOf(plan.columns().values());
        List<MetricColumn> metrics = new ArrayList<>();
        List<AreaColumn> areas = new ArrayList<>();
        for (Map.Entry<Integer, String> header : plan.headers().entrySet()) {
            int column = header.getKey();
            String text = header.getValue();
            if (text == null || text.isBlank()
                    || (used.contains(column) && !column(plan, PlatformMetricsKind.METRIC, column)
                        && !column(plan, PlatformMetricsKind.COUNTRY_COLUMNS, column))) {
                continue;
            }
            String lower = text.toLowerCase(Locale.ROOT);
            String metric = DOWNLOAD_WORDS.matcher(lower).find() ? DOWNLOADS
                    : REVENUE_WORDS.matcher(lower).find() ? REVENUE : null;
            if (metric != null) {
                metrics.add(new MetricColumn(column, metric, DEVICE_WORDS.matcher(lower).find(),
                        UnitHint.fromHeader(text).orElse(null), HeaderCurrency.foreign(text).orElse(null)));
                continue;
            }
            if (!plan.has(PlatformMetricsKind.COUNTRY)) {
                Optional<Country> country = countries.country(text);
                Optional<CountryDirectory.Area> area = countries.area(text);
                if (country.isPresent() || area.isPresent()) {
                    areas.add(new AreaColumn(column, country.orElse(null), area.orElse(null)));
                }
            }
        }
        // A column without a device ("Downloads") is the figure itself; device columns are summed only
        // when there is no such column, so a "Total Downloads" beside "iPhone"/"Android" is not added twice.
        Map<String, List<MetricColumn>> byMetric = new LinkedHashMap<>();
        metrics.forEach(m -> byMetric.computeIfAbsent(m.metric(), k -> new ArrayList<>()).add(m));
        List<MetricColumn> chosen = new ArrayList<>();
        byMetric.forEach((metric, list) -> {
            Optional<MetricColumn> whole = list.stream().filter(m -> !m.device()).findFirst();
            if (whole.isPresent()) {
                chosen.add(whole.get());
            } else {
                chosen.addAll(list);
            }
        });
        String context = ((plan.context().title() == null ? "" : plan.context().title()) + " " + plan.sheetName())
                .toLowerCase(Locale.ROOT);
        String columnsMetric = REVENUE_WORDS.matcher(context).find() ? REVENUE : DOWNLOADS;
        return new MetricLayout(chosen, areas.isEmpty() ? List.of() : areas, columnsMetric);
    }

    private static boolean column(SheetPlan plan, String field, int column) {
        Integer c = plan.column(field);
        return c != null && c == column;
    }
}
