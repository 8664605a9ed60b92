package io.cbec.etl.kind.indicator;

import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.kind.TotalRowDetector;
import io.cbec.etl.normalise.Division;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.NotReported;
import io.cbec.etl.normalise.Parsed;
import io.cbec.etl.normalise.Period;
import io.cbec.etl.normalise.PeriodParser;
import io.cbec.etl.normalise.Province;
import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.normalise.ZoneMatch;
import io.cbec.etl.normalise.quantity.HeaderCurrency;
import io.cbec.etl.normalise.quantity.FigureLimit;
import io.cbec.etl.normalise.quantity.Qualifier;
import io.cbec.etl.normalise.quantity.Quantity;
import io.cbec.etl.normalise.quantity.QuantityParser;
import io.cbec.etl.normalise.quantity.UnitHint;
import io.cbec.etl.source.CellRange;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a row of an indicator sheet into an {@link IndicatorRow}: the zone resolved to its division, each
 * figure read as an exact decimal in its base unit (CNY, USD or count) with the unit it was shown in and
 * the rounding its display allows. Total and subtotal rows keep their figures for the totals check.
 * Whether the zone is a pilot zone is settled after ingest, against the registry of the same run.
 */
final class IndicatorRowNormaliser {

    private static final Pattern SHOWN_NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.(\\d+))?");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private final DivisionDirectory directory;
    private final Predicate<Division> pilotZone;
    private final Map<SheetPlan, SheetLayout> layouts = new ConcurrentHashMap<>();

    /** @param pilotZone whether a division is a pilot zone, to settle a romanised name several places share */
    IndicatorRowNormaliser(DivisionDirectory directory, Predicate<Division> pilotZone) {
        this.directory = directory;
        this.pilotZone = pilotZone;
    }

    RowOutcome normalise(SheetPlan plan, SourceRow row) {
        SheetLayout layout = layouts.computeIfAbsent(plan, SheetLayout::of);
        if (layout.problem() != null) {
            return layout.problemColumn() == null ? new RowOutcome.Rejected("", "", layout.problem())
                    : plan.reject(layout.problemColumn(), row.cell(layout.problemColumn()), layout.problem());
        }
        Optional<RowOutcome.Rejected> unusable = plan.unusableCell(row);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        int zoneColumn = layout.zoneColumn();
        String zoneText = SheetPlan.cellText(row, zoneColumn);
        Optional<TotalRowDetector.Marker> marker = TotalRowDetector.marker(zoneText == null ? "" : zoneText)
                .or(() -> firstText(row).flatMap(TotalRowDetector::marker));
        String rowKind = IndicatorRow.DETAIL;
        IndicatorRow.ZoneRef zone = null;
        if (marker.isPresent()) {
            rowKind = marker.get().subtotal() ? IndicatorRow.SUBTOTAL : IndicatorRow.TOTAL;
        } else {
            if (zoneText == null) {
                return plan.reject(zoneColumn, null, "zone name is empty");
            }
            Parsed<IndicatorRow.ZoneRef> resolved = zone(plan, layout, row, zoneText);
            if (!resolved.ok()) {
                return plan.reject(zoneColumn, row.cell(zoneColumn), resolved.error());
            }
            zone = resolved.value();
        }

        Period rowPeriod = layout.sheetPeriod();
        // A total row with its period cell blank ("合计,,112.5", as totals of long sheets are written) is for the
        // period of the rows it covers, which the totals check finds: staged without a period.
        boolean periodOfCoveredRows = false;
        if (layout.periodColumn() != null && row.cell(layout.periodColumn()) != null) {
            Parsed<Period> period = period(row.cell(layout.periodColumn()));
            if (!period.ok()) {
                return plan.reject(layout.periodColumn(), row.cell(layout.periodColumn()), period.error());
            }
            rowPeriod = period.value();
        } else if (layout.periodColumn() != null && marker.isPresent()) {
            rowPeriod = null;
            periodOfCoveredRows = true;
        }
        Indicator rowIndicator = layout.sheetIndicator();
        if (layout.indicatorColumn() != null && SheetPlan.cellText(row, layout.indicatorColumn()) != null) {
            String name = SheetPlan.cellText(row, layout.indicatorColumn());
            rowIndicator = Indicator.fromName(name).orElse(null);
            if (rowIndicator == null) {
                return plan.reject(layout.indicatorColumn(), row.cell(layout.indicatorColumn()), "unknown indicator '"
                        + name + "': use one of " + Arrays.stream(Indicator.values())
                        .map(i -> i.labelZh() + " (" + i.label() + ")").collect(Collectors.joining(", ")));
            }
        }
        UnitHint rowUnit = null;
        String rowUnitText = null;
        if (layout.unitColumn() != null && SheetPlan.cellText(row, layout.unitColumn()) != null) {
            rowUnitText = SheetPlan.cellText(row, layout.unitColumn());
            rowUnit = UnitHint.fromHeader("(" + rowUnitText + ")").orElse(null);
            Optional<String> foreign = rowUnit == null ? HeaderCurrency.foreign(rowUnitText) : Optional.empty();
            if (foreign.isPresent()) {
                return plan.reject(layout.unitColumn(), row.cell(layout.unitColumn()), "the unit '" + rowUnitText
                        + "' is " + foreign.get() + ", a currency not supported: only CNY and USD are read; convert the"
                        + " figure and write e.g. 亿元 or 万美元");
            }
            if (rowUnit == null) {
                return plan.reject(layout.unitColumn(), row.cell(layout.unitColumn()), "unknown unit '" + rowUnitText
                        + "': write e.g. 亿元, 万元, 万美元, USD million, 个");
            }
        }

        List<IndicatorRow.Value> values = new ArrayList<>();
        for (SheetLayout.ValueColumn vc : layout.valueColumns()) {
            CellValue cell = row.cell(vc.column());
            if (cell == null || NotReported.is(cell.raw())) {
                continue;
            }
            Indicator indicator = vc.indicator() != null ? vc.indicator() : rowIndicator;
            if (indicator == null) {
                return plan.reject(vc.column(), cell, "which indicator is this figure? add an indicator column (指标) "
                        + "or name it in the title or sheet name, e.g. 出口额");
            }
            Period period = vc.period() != null ? vc.period() : rowPeriod;
            if (period == null && !periodOfCoveredRows) {
                return plan.reject(vc.column(), cell, "period missing: add a period column (期间), or name the period in "
                        + "the title or the sheet name, e.g. 2024年1-6月");
            }
            if (rowUnit == null && vc.foreignCurrency() != null) {
                return plan.reject(vc.column(), cell, "the header '" + plan.headers().get(vc.column()) + "' gives the"
                        + " figures in " + vc.foreignCurrency() + ", a currency not supported: only CNY and USD are read;"
                        + " convert the column and name its unit, e.g. " + indicator.labelZh() + "（亿元） or "
                        + indicator.label() + " (USD million)");
            }
            UnitHint hint = rowUnit != null ? rowUnit : vc.unit();
            String shownUnit = rowUnitText != null ? rowUnitText : vc.shownUnit();
            Parsed<IndicatorRow.Value> value = value(indicator, period, cell, hint, shownUnit, vc,
                    row.mergedDown(vc.column()));
            if (!value.ok()) {
                return plan.reject(vc.column(), cell, value.error());
            }
            values.add(value.value());
        }
        if (values.isEmpty() && zone != null) {
            return plan.reject(zoneColumn, row.cell(zoneColumn), "no figure in the row for " + zone.nameZh()
                    + ": fill the indicator columns or delete the row");
        }
        // A total row with no figure is still a stated total: staged without figures, it is counted in Total rows
        // and fails its check (as a registry total with no count does), rather than being read and then lost.
        return new RowOutcome.Accepted(new IndicatorRow(rowKind, marker.map(TotalRowDetector.Marker::label).orElse(null),
                zone, values));
    }

    private Parsed<IndicatorRow.ZoneRef> zone(SheetPlan plan, SheetLayout layout, SourceRow row, String zoneText) {
        Province province = null;
        if (layout.provinceColumn() != null) {
            String provinceText = SheetPlan.cellText(row, layout.provinceColumn());
            if (provinceText != null) {
                province = directory.province(provinceText).orElse(null);
                if (province == null) {
                    return Parsed.failed("unknown province '" + provinceText + "' in " + plan.describeColumn(
                            layout.provinceColumn()) + ": use a province name such as 浙江 or Zhejiang");
                }
            }
        }
        ZoneMatch match = directory.resolveZone(zoneText, province);
        if (match instanceof ZoneMatch.Ambiguous ambiguous && !HAN.matcher(zoneText).find()) {
            // Romanisation drops what tells such places apart (Yiwu: 义乌市 and 伊吾县), and a zone sheet is about
            // pilot zones: the one pilot zone among them is meant. Several (Taizhou: 台州市, 泰州市) stay ambiguous.
            List<Division> pilots = ambiguous.candidates().stream().filter(pilotZone).toList();
            match = pilots.size() == 1 ? new ZoneMatch.Found(pilots.get(0))
                    : pilots.size() > 1 ? new ZoneMatch.Ambiguous(pilots) : ambiguous;
        }
        if (match instanceof ZoneMatch.Ambiguous ambiguous) {
            return Parsed.failed("ambiguous zone name '" + zoneText + "': could be " + ambiguous.candidates().stream()
                    .map(d -> d.nameZh() + " (" + d.province().nameEn() + ", " + d.code() + ")")
                    .collect(Collectors.joining(", ")) + "; add or correct the province column");
        }
        if (!(match instanceof ZoneMatch.Found found)) {
            return Parsed.failed("unknown zone '" + zoneText + "': not a city, prefecture or county in GB/T 2260 nor a "
                    + "known new area" + (province == null ? "" : " in " + province.nameEn()) + "; check the spelling");
        }
        Division d = found.division();
        if (province != null && !province.code().equals(d.province().code())) {
            return Parsed.failed(zoneText + " is in " + d.province().nameEn() + ", not " + province.nameEn()
                    + ": correct the zone or the province");
        }
        String key = d.code() != null ? d.code() : "NEW:" + d.nameZh();
        return Parsed.ok(new IndicatorRow.ZoneRef(key, d.code(), d.nameZh(), d.nameEn(), d.province().code(), zoneText));
    }

    private static Parsed<Period> period(CellValue cell) {
        if (cell instanceof CellValue.DateTime dt) {
            // A date cell in a period column is a month typed as its first day (Excel shows it as yyyy-mm).
            return dt.value().getDayOfMonth() == 1
                    ? Parsed.ok(Period.months(dt.value().getYear(), dt.value().getMonthValue(), dt.value().getMonthValue()))
                    : Parsed.failed("a day is not a reporting period: " + cell.raw() + " (write the month, e.g. "
                    + cell.raw().substring(0, 7) + ")");
        }
        return PeriodParser.parse(cell.raw());
    }

    private static Parsed<IndicatorRow.Value> value(Indicator indicator, Period period, CellValue cell, UnitHint hint,
                                                    String shownUnit, SheetLayout.ValueColumn vc,
                                                    CellRange merged) {
        Parsed<Quantity> parsed = cell instanceof CellValue.Numeric n ? QuantityParser.parse(n.value(), hint)
                : cell instanceof CellValue.Text t ? QuantityParser.parse(t.text(), hint)
                : Parsed.failed("not a number: " + cell.raw());
        if (!parsed.ok()) {
            // "约30亿" under a 亿元 header fails on its second scale first; with the 亿 gone, "约30" would be
            // rejected again as approximate. The reason that stays is named first, with the other, so that one
            // correction suffices.
            if (hint != null && cell instanceof CellValue.Text t) {
                Parsed<Quantity> alone = QuantityParser.parse(t.text(), null);
                Optional<String> inexact = alone.ok() ? inexact(alone.value(), cell) : Optional.empty();
                if (inexact.isPresent()) {
                    return Parsed.failed(inexact.get() + "; also, " + parsed.error());
                }
            }
            return Parsed.failed(parsed.error());
        }
        Quantity q = parsed.value();
        Optional<String> inexact = inexact(q, cell);
        if (inexact.isPresent()) {
            return Parsed.failed(inexact.get());
        }
        if (indicator.money() && !q.isMoney()) {
            return Parsed.failed("no currency for " + indicator.labelZh() + " (" + indicator.label() + "): write the unit "
                    + "in the header, e.g. " + indicator.labelZh() + "（亿元） or (USD million), or in the cell, e.g. 12.3亿元");
        }
        if (!indicator.money() && q.unit() != null && !Quantity.COUNT.equals(q.unit())) {
            return Parsed.failed(indicator.label() + " is a count, but the figure is in " + q.unit());
        }
        if (!indicator.money() && q.low().stripTrailingZeros().scale() > 0) {
            // Warehouses, enterprises and parcels come whole; shown as #,##0, 12.5 would read as 13. A scaled
            // figure that is whole (1.2万 = 12,000) is fine.
            return Parsed.failed(indicator.labelZh() + " (" + indicator.label() + ") is a count of whole things, but '"
                    + cell.raw() + "' is " + q.low().toPlainString() + ": correct the figure or its unit");
        }
        String unit = indicator.money() ? q.unit() : Quantity.COUNT;
        // A bare number is in the header's (or unit column's) unit; "12.3亿元" carries its own.
        boolean bare = cell instanceof CellValue.Numeric || PLAIN_NUMBER.matcher(TextNormaliser.clean(cell.raw())).matches();
        if (!FigureLimit.fits(q.low())) {
            // The cell is named beside the reason (Rejected Rows' Value): repeated here only when short.
            String in = indicator.money() ? " in " + unit : "";
            String written = cell.raw().length() > 40 ? "" : " (" + cell.raw() + (bare && shownUnit != null
                    ? " " + shownUnit : "") + ")";
            return Parsed.failed("a figure of " + FigureLimit.digits(q.low()) + " digits" + in + written
                    + " is beyond any zone's " + indicator.labelZh() + " (" + indicator.label() + "): check the cell"
                    + " and its unit (at most " + FigureLimit.MAX_DIGITS + " digits" + in + ")");
        }
        // The rounding the figure shows: half a unit in its last decimal, in base units.
        BigDecimal factor = hint == null ? BigDecimal.ONE : hint.multiplier();
        int decimals;
        if (cell instanceof CellValue.Numeric n) {
            decimals = formatDecimals(n.format())
                    .orElse(Math.max(0, BigDecimal.valueOf(n.value()).stripTrailingZeros().scale()));
        } else {
            Matcher m = SHOWN_NUMBER.matcher(TextNormaliser.clean(cell.raw()));
            if (m.find()) {
                decimals = m.group(1) == null ? 0 : m.group(1).length();
                BigDecimal shown = new BigDecimal(m.group().replace(",", ""));
                if (shown.signum() != 0) {
                    factor = q.low().divide(shown, MathContext.DECIMAL64).stripTrailingZeros();
                }
            } else {
                decimals = 0;
            }
        }
        // A whole figure shown whole and without a scale (290 warehouses, 1,234 元) has nothing rounded away: it
        // is exact, as platform totals are. Decimals shown or a scale (亿元 in the header, 1.2万) hide a rest.
        boolean exact = decimals == 0 && factor.abs().compareTo(BigDecimal.ONE) == 0
                && q.low().stripTrailingZeros().scale() <= 0;
        BigDecimal tolerance = exact ? BigDecimal.ZERO : HALF.scaleByPowerOfTen(-decimals).multiply(factor).abs();
        String shown = bare ? shownUnit : "in cell";
        return Parsed.ok(new IndicatorRow.Value(indicator, period, q.low(), unit, factor, tolerance,
                cell.raw(), shown, vc.column(), vc.name(), merged));
    }

    /** Why a figure that is not one exact number cannot be summed, if it is not. */
    private static Optional<String> inexact(Quantity q, CellValue cell) {
        if (q.isRange()) {
            return Optional.of("a range is not a figure: " + cell.raw() + " (write one number)");
        }
        if (q.qualifier() != Qualifier.EXACT) {
            // Summed into province totals and checked against stated totals as if exact, "约3亿" would pass for
            // 300,000,000 without a trace of the 约: refused like a range.
            return Optional.of("an approximate figure is not summed: " + cell.raw() + " (write the figure as "
                    + "reported; an approximate total belongs in the control totals)");
        }
        return Optional.empty();
    }

    /** Decimals a number format shows ("#,##0.0" -> 1); empty for General or no format. */
    static Optional<Integer> formatDecimals(String format) {
        if (format == null || format.isBlank() || format.equalsIgnoreCase("general")) {
            return Optional.empty();
        }
        String section = format.split(";", 2)[0];
        int dot = section.indexOf('.');
        if (dot < 0) {
            return Optional.of(0);
        }
        int n = 0;
        for (int i = dot + 1; i < section.length() && (section.charAt(i) == '0' || section.charAt(i) == '#'); i++) {
            n++;
        }
        return Optional.of(n);
    }

    private static Optional<String> firstText(SourceRow row) {
        for (CellValue c : row.cells()) {
            if (c instanceof CellValue.Text t && !t.text().isBlank()) {
                return Optional.of(t.text());
            }
        }
        return Optional.empty();
    }
}
