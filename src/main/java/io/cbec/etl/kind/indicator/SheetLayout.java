package io.cbec.etl.kind.indicator;

import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.Period;
import io.cbec.etl.normalise.PeriodParser;
import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.normalise.quantity.HeaderCurrency;
import io.cbec.etl.normalise.quantity.Quantity;
import io.cbec.etl.normalise.quantity.UnitHint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an indicator sheet is laid out, worked out once per sheet from its plan: which columns hold
 * figures, for which indicator and period each, and what the title and sheet name say.
 * <ul>
 *   <li>wide by indicator: 城市 | 出口额（亿元） | 进口额（亿元） | 海外仓数量 (period from a column, the title or the sheet name);</li>
 *   <li>wide by period: 城市 | 2024-01 | 2024-02 ... (indicator from an indicator column, the title or the sheet name);
 *       months without a year (1月 | 2月, Jan | Feb) take it from the title or the sheet name, or the sheet's rows
 *       are all rejected saying to add it;</li>
 *   <li>long: 城市 | 期间 | 指标 | 数值 | 单位;</li>
 *   <li>both wide ways at once, under a header of two rows: 出口额（亿元） merged over 1月 | 2月 (or a period over
 *       indicators), each column an indicator and a period ({@link #GROUPED}).</li>
 * </ul>
 */
record SheetLayout(Integer zoneColumn, Integer provinceColumn, Integer periodColumn, Integer indicatorColumn,
                   Integer unitColumn, List<ValueColumn> valueColumns, Period sheetPeriod, Indicator sheetIndicator,
                   UnitHint titleUnit, String problem, Integer problemColumn) {

    /**
     * A column of figures. {@code indicator} or {@code period} null means: from the row (or the sheet).
     * {@code foreignCurrency}: the currency other than CNY and USD its header names ("Exports (EUR)"), or null.
     */
    record ValueColumn(int column, Indicator indicator, Period period, UnitHint unit, String shownUnit, String name,
                       String foreignCurrency) { }

    static final String PERIOD_FIELD_PREFIX = "period:";
    /** A header naming a month without its year ("1月", "Jan"): "month:1". */
    static final String MONTH_FIELD_PREFIX = "month:";
    /**
     * Joins an indicator and a period named by the two rows of a header, either way up (出口额 merged over
     * 1月 | 2月, or 2024年1月 over 出口额 | 进口额): "exports@month:1".
     */
    static final String GROUPED = "@";

    // The unit as the header writes it, in the brackets UnitHint reads: （亿元）, 【亿元】, [亿元], （单位：亿元）.
    private static final Pattern HEADER_NOTE = Pattern.compile(
            "[(\\[【〔](?:\\s*(?:单位|unit|units)\\s*:)?([^()\\[\\]【】〔〕]+)[)\\]】〕]\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern UNIT_IN_TITLE = Pattern.compile("(?:单位|unit|units)\\s*[:：]\\s*([^\\s,;，；)）]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOTE_IN_TITLE = Pattern.compile("\\(([^()]+)\\)");

    static SheetLayout of(SheetPlan plan) {
        String title = plan.context().title();
        Period sheetPeriod = PeriodParser.findInTitle(title).or(() -> PeriodParser.findInTitle(plan.sheetName()))
                .orElse(null);
        Indicator sheetIndicator = Indicator.findIn(title).or(() -> Indicator.findIn(plan.sheetName())).orElse(null);
        UnitHint titleUnit = null;
        String titleUnitText = null;
        if (title != null) {
            Matcher m = UNIT_IN_TITLE.matcher(TextNormaliser.clean(title));
            if (m.find()) {
                titleUnitText = m.group(1);
                titleUnit = UnitHint.fromHeader("(" + titleUnitText + ")").orElse(null);
            } else {
                // "2024年跨境电商进出口额（亿元）": the first bracketed note that is a unit.
                Matcher note = NOTE_IN_TITLE.matcher(TextNormaliser.clean(title));
                while (titleUnit == null && note.find()) {
                    titleUnit = UnitHint.fromHeader("(" + note.group(1) + ")").orElse(null);
                    titleUnitText = titleUnit == null ? null : note.group(1).strip();
                }
            }
        }
        // Months without a year take it from the title or the sheet name, if that names one calendar year.
        Integer year = sheetPeriod != null && sheetPeriod.start().getYear() == sheetPeriod.end().getYear()
                ? sheetPeriod.start().getYear() : null;
        Integer yearlessColumn = null;
        List<ValueColumn> columns = new ArrayList<>();
        for (Map.Entry<String, Integer> e : plan.columns().entrySet()) {
            int column = e.getValue();
            String header = plan.headers().get(column);
            int grouped = e.getKey().indexOf(GROUPED);
            String field = grouped < 0 ? e.getKey() : e.getKey().substring(grouped + 1);
            Optional<Indicator> indicator = Indicator.fromField(grouped < 0 ? field : e.getKey().substring(0, grouped));
            Period period = field.startsWith(PERIOD_FIELD_PREFIX)
                    ? PeriodParser.parse(field.substring(PERIOD_FIELD_PREFIX.length())).value() : null;
            if (field.startsWith(MONTH_FIELD_PREFIX)) {
                int month = Integer.parseInt(field.substring(MONTH_FIELD_PREFIX.length()));
                if (year == null) {
                    yearlessColumn = yearlessColumn == null ? column : Math.min(yearlessColumn, column);
                    continue;
                }
                period = Period.months(year, month, month);
            }
            if (indicator.isPresent() || period != null || field.equals(IndicatorKind.VALUE)) {
                // A title's currency is not the unit of a count column (海外仓数量 under "（单位：亿元）").
                boolean titleUnitFits = titleUnit != null && !(indicator.isPresent() && !indicator.get().money()
                        && titleUnit.unit() != null && !Quantity.COUNT.equals(titleUnit.unit()));
                UnitHint hint = unit(header).orElse(titleUnitFits ? titleUnit : null);
                String shown = note(header).orElse(titleUnitFits ? titleUnitText : null);
                columns.add(new ValueColumn(column, indicator.orElse(null), period, hint, shown,
                        plan.describeColumn(column), hint == null ? HeaderCurrency.foreign(header).orElse(null) : null));
            }
        }
        columns.sort(Comparator.comparingInt(ValueColumn::column));
        String problem = null;
        Integer problemColumn = null;
        boolean long_ = plan.has(IndicatorKind.VALUE);
        if (long_ && columns.stream().anyMatch(c -> c.indicator() != null)) {
            problem = "the header has both a value column and indicator columns: use one layout per sheet";
        }
        if (yearlessColumn != null) {
            // Never guess the year: every row of the sheet is rejected with this reason.
            problemColumn = yearlessColumn;
            problem = "the month header '" + plan.header(yearlessColumn) + "' has no year, and "
                    + (sheetPeriod == null ? "neither the title nor the sheet name names one"
                    : "the title or sheet name spans " + sheetPeriod.label())
                    + ": add the year to the title (e.g. 2024年跨境电商进出口额) or the sheet name (e.g. 2024), "
                    + "or write it in each month header (e.g. 2024-01)";
        }
        return new SheetLayout(plan.column(IndicatorKind.ZONE), plan.column(IndicatorKind.PROVINCE),
                plan.column(IndicatorKind.PERIOD), plan.column(IndicatorKind.INDICATOR), plan.column(IndicatorKind.UNIT),
                List.copyOf(columns), sheetPeriod, sheetIndicator, titleUnit, problem, problemColumn);
    }

    /** Whether a field names a period or a month: a column of a wide-by-period sheet. */
    static boolean isPeriodField(String field) {
        return field.startsWith(PERIOD_FIELD_PREFIX) || field.startsWith(MONTH_FIELD_PREFIX);
    }

    /** The unit of a header; of two rows, the lower's, else the upper's (出口额（亿元） over 1月). */
    private static Optional<UnitHint> unit(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] rows = header.split(SheetPlan.HEADER_ROWS);
        for (int i = rows.length - 1; i >= 0; i--) {
            Optional<UnitHint> hint = UnitHint.fromHeader(rows[i]);
            if (hint.isPresent()) {
                return hint;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> note(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String[] rows = header.split(SheetPlan.HEADER_ROWS);
        for (int i = rows.length - 1; i >= 0; i--) {
            Matcher m = HEADER_NOTE.matcher(TextNormaliser.cleanHeader(rows[i]));
            if (m.find()) {
                return Optional.of(m.group(1).strip());
            }
            Optional<String> after = UnitHint.unitAfterName(rows[i]); // 出口额/亿元, 出口额 亿元
            if (after.isPresent()) {
                return after;
            }
        }
        return Optional.empty();
    }
}
