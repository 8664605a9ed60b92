package io.cbec.etl.kind.indicator;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.kind.Field;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetContext;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.Parsed;
import io.cbec.etl.normalise.Period;
import io.cbec.etl.normalise.PeriodParser;
import io.cbec.etl.report.CellTextSanitiser;
import io.cbec.etl.report.ReportWorkbook;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Figures reported per pilot zone: CBEC trade value, exports, imports, overseas warehouses, enterprises,
 * parcels, by month, quarter, year or run of months; with the province subtotals and grand totals the
 * sheets state, each checked against its rows.
 */
@Component
@Order(20)
public class IndicatorKind implements RecordKind {

    public static final String ID = "zone-indicators";
    static final String ZONE = "zone";
    static final String PROVINCE = "province";
    static final String PERIOD = "period";
    static final String INDICATOR = "indicator";
    static final String VALUE = "value";
    static final String UNIT = "unit";

    private static final List<Field> FIELDS;

    static {
        List<Field> fields = new ArrayList<>(List.of(
                Field.required(ZONE, "城市", "城市名称", "地区", "城市/地区", "综试区", "综试区名称", "试验区", "试验区名称",
                        "综合试验区", "跨境电商综试区", "所在城市", "Zone", "Zone name", "Pilot zone", "City", "City name",
                        "City/Region"),
                Field.optional(PROVINCE, "省份", "省", "所属省份", "省区市", "Province", "Province/Region"),
                Field.optional(PERIOD, "期间", "统计期", "统计期间", "报告期", "年月", "月份", "季度", "年份", "年度", "时间",
                        "Period", "Month", "Quarter", "Year", "Reporting period"),
                Field.optional(INDICATOR, "指标", "指标名称", "统计指标", "Indicator", "Indicator name", "Measure"),
                Field.optional(VALUE, "数值", "值", "指标值", "Value", "Amount", "Figure"),
                Field.optional(UNIT, "单位", "计量单位", "Unit", "Units")));
        for (Indicator i : Indicator.values()) {
            fields.add(new Field(i.field(), false, i.aliases()));
        }
        FIELDS = List.copyOf(fields);
    }

    private final NamedParameterJdbcTemplate template;
    private final IndicatorRowNormaliser normaliser;
    private final PilotZones pilotZones;

    IndicatorKind(NamedParameterJdbcTemplate template) {
        DivisionDirectory directory = DivisionDirectory.bundled();
        this.template = template;
        this.pilotZones = new PilotZones(directory);
        this.normaliser = new IndicatorRowNormaliser(directory, pilotZones::bundledPilot);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Zone indicators";
    }

    @Override
    public List<Field> fields() {
        return FIELDS;
    }

    /** A zone and figures: indicator columns, a value column, or columns headed by periods or months. */
    @Override
    public boolean accepts(Set<String> matched, SheetContext context) {
        if (!matched.contains(ZONE)) {
            return false;
        }
        boolean indicatorColumns = matched.stream().anyMatch(f -> Indicator.fromField(f).isPresent()
                || f.contains(SheetLayout.GROUPED));
        boolean periodColumns = matched.stream().anyMatch(SheetLayout::isPeriodField);
        return indicatorColumns || periodColumns || matched.contains(VALUE);
    }

    /** An indicator over periods (出口额（亿元） over 1月 | 2月), or a period over indicators: one column each. */
    @Override
    public Optional<String> groupedField(String groupField, String ownField) {
        if (Indicator.fromField(groupField).isPresent() && SheetLayout.isPeriodField(ownField)) {
            return Optional.of(groupField + SheetLayout.GROUPED + ownField);
        }
        if (SheetLayout.isPeriodField(groupField) && Indicator.fromField(ownField).isPresent()) {
            return Optional.of(ownField + SheetLayout.GROUPED + groupField);
        }
        return Optional.empty();
    }

    /**
     * A header with a zone but no figure column, e.g. 城市 | 期间 | 销售额（亿元）: says which figure columns the kind
     * reads, as the unknown one is what the user has to rename.
     */
    @Override
    public String lacks(Set<String> matched, SheetContext context) {
        if (!matched.contains(ZONE)) {
            return "the required column(s) zone";
        }
        return "a column of figures: an indicator column (" + Arrays.stream(Indicator.values())
                .map(i -> i.labelZh() + " or " + i.label()).collect(Collectors.joining(", "))
                + ", with its unit, e.g. 出口额（亿元）), a value column (数值, Value) "
                + "or one column per period (2024-01, 1月)";
    }

    /** A row has one zone, one period and one figure of each indicator: a second such column is a second table. */
    @Override
    public boolean oneColumnOnly(String field) {
        return field.equals(ZONE) || field.equals(PERIOD) || field.equals(INDICATOR) || field.equals(VALUE)
                || Indicator.fromField(field).isPresent() || field.startsWith(SheetLayout.PERIOD_FIELD_PREFIX)
                || field.startsWith(SheetLayout.MONTH_FIELD_PREFIX);
    }

    @Override
    public Optional<String> fieldForHeader(CellValue header) {
        Parsed<Period> period;
        if (header instanceof CellValue.DateTime dt && dt.value().getDayOfMonth() == 1) {
            period = Parsed.ok(Period.months(dt.value().getYear(), dt.value().getMonthValue(), dt.value().getMonthValue()));
        } else if (header instanceof CellValue.Text t && t.text().length() <= 20) {
            period = PeriodParser.parse(t.text());
        } else {
            return Optional.empty();
        }
        if (period.ok()) {
            return Optional.of(SheetLayout.PERIOD_FIELD_PREFIX + period.value().label());
        }
        // "1月", "Jan": a month whose year the title or sheet name gives (settled per sheet in SheetLayout).
        OptionalInt month = MonthHeader.month(header.raw());
        return month.isPresent() ? Optional.of(SheetLayout.MONTH_FIELD_PREFIX + month.getAsInt()) : Optional.empty();
    }

    @Override
    public RowOutcome normalise(SheetPlan plan, SourceRow row) {
        return normaliser.normalise(plan, row);
    }

    @Override
    public void stage(JdbcClient jdbc, long instanceId, List<StagedRecord> records) {
        List<MapSqlParameterSource> values = new ArrayList<>();
        List<MapSqlParameterSource> totals = new ArrayList<>();
        for (StagedRecord r : records) {
            IndicatorRow row = (IndicatorRow) r.record();
            IndicatorRow.ZoneRef z = row.zone();
            for (IndicatorRow.Value v : row.values()) {
                values.add(new MapSqlParameterSource()
                        .addValue("id", instanceId).addValue("file", r.plan().fileNo()).addValue("sheet", r.plan().sheetNo())
                        .addValue("row", r.row()).addValue("kind", row.rowKind()).addValue("label", row.label())
                        .addValue("key", z == null ? null : z.key()).addValue("code", z == null ? null : z.code())
                        .addValue("zh", z == null ? null : z.nameZh()).addValue("en", z == null ? null : z.nameEn())
                        .addValue("province", z == null ? null : z.provinceCode())
                        .addValue("raw", z == null ? null : z.raw()).addValue("indicator", v.indicator().name())
                        .addValue("start", v.period() == null ? null : Date.valueOf(v.period().start()), Types.DATE)
                        .addValue("end", v.period() == null ? null : Date.valueOf(v.period().end()), Types.DATE)
                        .addValue("label2", v.period() == null ? null : v.period().label(), Types.VARCHAR)
                        .addValue("amount", v.value()).addValue("unit", v.unit())
                        .addValue("factor", v.factor()).addValue("tolerance", v.tolerance())
                        .addValue("rawValue", CellTextSanitiser.truncate(v.raw(), 200)).addValue("shown", CellTextSanitiser.truncate(v.shownUnit(), 100))
                        .addValue("letters", SourceRow.columnLetters(v.column()))
                        .addValue("column", CellTextSanitiser.truncate(v.columnName(), 1000))
                        .addValue("zoneColumn", CellTextSanitiser.truncate(r.plan().describeColumn(r.plan().column(ZONE)), 200))
                        .addValue("merged", v.merged() == null ? null : v.merged().toA1(), Types.VARCHAR)
                        .addValue("copy", v.merged() != null && v.merged().firstRow() < r.row()));
            }
            if (!IndicatorRow.DETAIL.equals(row.rowKind())) {
                // One stated_total row per total row, so the Files sheet counts it; its figures are above.
                totals.add(new MapSqlParameterSource()
                        .addValue("id", instanceId).addValue("kind", ID).addValue("file", r.plan().fileNo())
                        .addValue("sheet", r.plan().sheetNo()).addValue("row", r.row())
                        .addValue("label", CellTextSanitiser.truncate(row.label(), 1000))
                        .addValue("subtotal", IndicatorRow.SUBTOTAL.equals(row.rowKind()))
                        .addValue("column", CellTextSanitiser.truncate(row.values().isEmpty()
                                ? r.plan().describeColumn(r.plan().column(ZONE)) : row.values().get(0).columnName(),
                                1000)));
            }
        }
        if (!values.isEmpty()) {
            template.batchUpdate("""
                INSERT INTO indicator_value (instance_id, file_no, sheet_no, row_no, row_kind, row_label, zone_key,
                    zone_code, zone_zh, zone_en, province_code, raw_zone, indicator, period_start, period_end,
                    period_label, amount, unit, shown_factor, tolerance, raw_value, shown_unit, col_letters, column_name,
                    zone_column, merged_range, merged_copy)
                VALUES (:id, :file, :sheet, :row, :kind, :label, :key, :code, :zh, :en, :province, :raw, :indicator,
                    :start, :end, :label2, :amount, :unit, :factor, :tolerance, :rawValue, :shown, :letters, :column,
                    :zoneColumn, :merged, :copy)""",
                    values.toArray(MapSqlParameterSource[]::new));
        }
        if (!totals.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO stated_total (instance_id, kind, file_no, sheet_no, row_no, label, subtotal, measure,
                                              stated_value, column_name, raw_value)
                    VALUES (:id, :kind, :file, :sheet, :row, :label, :subtotal, 'indicators', NULL, :column, NULL)""",
                    totals.toArray(MapSqlParameterSource[]::new));
        }
    }

    @Override
    public long stagedRows(JdbcClient jdbc, long instanceId, int fileNo, int sheetNo) {
        return jdbc.sql("""
                        SELECT COUNT(DISTINCT row_no) FROM indicator_value
                        WHERE instance_id = :id AND file_no = :file AND sheet_no = :sheet AND row_kind = 'DETAIL'
                          AND pilot IS NOT FALSE""")
                .param("id", instanceId).param("file", fileNo).param("sheet", sheetNo).query(Long.class).single();
    }

    @Override
    public void settle(JdbcClient jdbc, long instanceId) {
        pilotZones.settle(jdbc, template, instanceId);
        MergedFigures.settle(jdbc, instanceId);
    }

    @Override
    public void validate(JdbcClient jdbc, long instanceId, CheckRecorder recorder) {
        new IndicatorChecks(DivisionDirectory.bundled()).run(jdbc, instanceId, recorder);
    }

    @Override
    public List<SummaryItem> summaryItems(JdbcClient jdbc, long instanceId) {
        return IndicatorReportSheets.summaryItems(jdbc, instanceId);
    }

    @Override
    public void writeReportSheets(JdbcClient jdbc, long instanceId, ReportWorkbook workbook) {
        new IndicatorReportSheets(DivisionDirectory.bundled()).write(jdbc, instanceId, workbook);
    }

    @Override
    public void purge(JdbcClient jdbc, long instanceId) {
        jdbc.sql("DELETE FROM indicator_value WHERE instance_id = :id").param("id", instanceId).update();
    }

}
