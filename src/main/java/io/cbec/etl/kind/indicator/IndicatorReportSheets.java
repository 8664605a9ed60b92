package io.cbec.etl.kind.indicator;

import io.cbec.etl.kind.RecordKind.SummaryItem;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.Province;
import io.cbec.etl.report.Column;
import io.cbec.etl.report.ColumnFormat;
import io.cbec.etl.report.Formatted;
import io.cbec.etl.report.ListSheet;
import io.cbec.etl.report.ReportWorkbook;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The sheets Zone Indicators (one row per figure of a pilot zone) and Indicators by Province (sums per
 * period, indicator, unit and province, provinces by code, then one Total row per period, indicator and
 * unit), indicators in their fixed order (see {@link Indicator}), aggregated in
 * SQL and streamed. A figure given twice with the same value counts once; currencies are never added.
 *
 * <p>{@code Period} is the period's label as text (2024-01, 2024Q1, 2024年1-6月: a quarter or a run of months is
 * no date cell, and one column keeps one type for Power Query); {@code Period start} and {@code Period end}, real
 * date cells at the right end, are what to sort and filter by. Rows come by period start, then the shorter
 * period first (2024-01, 2024Q1, 2024-02).
 */
final class IndicatorReportSheets {

    /** Each zone, indicator and period once (figures given twice with the same value are one). */
    private static final String FIGURES = """
            SELECT zone_key, MIN(zone_zh) AS zone_zh, MIN(zone_en) AS zone_en, MIN(province_code) AS province_code,
                   indicator, period_start, period_end, MIN(period_label) AS period_label, unit, MIN(amount) AS amount,
                   MIN(shown_unit) AS shown_unit, MIN(raw_value) AS raw_value,
                   LISTAGG(f.file_name || '!' || s.sheet_name || '!' || v.row_no, '; ')
                       WITHIN GROUP (ORDER BY v.file_no, v.sheet_no, v.row_no) AS places
            FROM indicator_value v
            JOIN source_file f ON f.instance_id = v.instance_id AND f.file_no = v.file_no
            JOIN source_sheet s ON s.instance_id = v.instance_id AND s.file_no = v.file_no AND s.sheet_no = v.sheet_no
            WHERE v.instance_id = :id AND v.row_kind = 'DETAIL' AND v.pilot
            GROUP BY zone_key, indicator, period_start, period_end, unit""";

    /**
     * Indicators in the order readers expect (trade value, exports, imports, overseas warehouses,
     * enterprises, parcels: the enum's order), not alphabetically by their internal names.
     */
    static final String INDICATOR_ORDER = indicatorOrder();

    private final DivisionDirectory directory;

    IndicatorReportSheets(DivisionDirectory directory) {
        this.directory = directory;
    }

    static List<SummaryItem> summaryItems(JdbcClient jdbc, long id) {
        long figures = jdbc.sql("SELECT COUNT(*) FROM (" + FIGURES + ")").param("id", id).query(Long.class).single();
        if (figures == 0) {
            return List.of();
        }
        long zones = jdbc.sql("SELECT COUNT(DISTINCT zone_key) FROM indicator_value WHERE instance_id = :id AND pilot")
                .param("id", id).query(Long.class).single();
        return List.of(new SummaryItem("Indicator figures", figures), new SummaryItem("Zones with indicators", zones));
    }

    void write(JdbcClient jdbc, long id, ReportWorkbook workbook) {
        long figures = jdbc.sql("SELECT COUNT(*) FROM indicator_value WHERE instance_id = :id AND pilot")
                .param("id", id).query(Long.class).single();
        if (figures == 0) {
            return;
        }
        writeZoneIndicators(jdbc, id, workbook);
        writeByProvince(jdbc, id, workbook);
    }

    private void writeZoneIndicators(JdbcClient jdbc, long id, ReportWorkbook workbook) {
        ListSheet sheet = workbook.listSheet("Zone Indicators", List.of(Column.text("Period"), Column.text("Zone"),
                Column.text("Zone (zh)"), Column.text("Province"), Column.text("Indicator"), Column.decimal("Value"),
                Column.text("Unit"), Column.text("Source"), Column.text("As written"), Column.date("Period start"),
                Column.date("Period end")));
        jdbc.sql("SELECT * FROM (" + FIGURES + ") ORDER BY period_start, period_end, " + INDICATOR_ORDER
                        + ", province_code, zone_key, unit")
                .param("id", id)
                .query(rs -> {
                    Province p = directory.provinceByCode(rs.getString("province_code")).orElseThrow();
                    String unit = rs.getString("unit");
                    String shownUnit = rs.getString("shown_unit");
                    sheet.row(rs.getString("period_label"), rs.getString("zone_en"), rs.getString("zone_zh"), p.nameEn(),
                            Indicator.valueOf(rs.getString("indicator")).label(), amount(rs.getBigDecimal("amount"), unit),
                            unit, rs.getString("places"), rs.getString("raw_value")
                                    + (shownUnit == null || "in cell".equals(shownUnit) ? "" : " " + shownUnit),
                            date(rs.getDate("period_start")), date(rs.getDate("period_end")));
                });
        sheet.finishAsTable("ZoneIndicators");
    }

    private void writeByProvince(JdbcClient jdbc, long id, ReportWorkbook workbook) {
        ListSheet sheet = workbook.listSheet("Indicators by Province", List.of(Column.text("Period"),
                Column.text("Province"), Column.text("Indicator"), Column.decimal("Value"), Column.text("Unit"),
                Column.date("Period start"), Column.date("Period end")));
        String grouped = """
                SELECT period_start, period_end, MIN(period_label), indicator, unit, %s, SUM(amount)
                FROM (%s) GROUP BY period_start, period_end, indicator, unit%s
                ORDER BY period_start, period_end, %s, unit%s""";
        jdbc.sql(String.format(grouped, "province_code", FIGURES, ", province_code", INDICATOR_ORDER, ", province_code"))
                .param("id", id)
                .query(rs -> {
                    Province p = directory.provinceByCode(rs.getString(6)).orElseThrow();
                    sheet.row(rs.getString(3), p.nameEn(), Indicator.valueOf(rs.getString(4)).label(),
                            amount(rs.getBigDecimal(7), rs.getString(5)), rs.getString(5), date(rs.getDate(1)),
                            date(rs.getDate(2)));
                });
        List<Object[]> totals = new ArrayList<>();
        jdbc.sql(String.format(grouped, "NULL", FIGURES, "", INDICATOR_ORDER, ""))
                .param("id", id)
                .query(rs -> {
                    totals.add(new Object[] {rs.getString(3), "Total", Indicator.valueOf(rs.getString(4)).label(),
                            amount(rs.getBigDecimal(7), rs.getString(5)), rs.getString(5), date(rs.getDate(1)),
                            date(rs.getDate(2))});
                });
        for (Object[] total : totals) { // one per period, indicator and unit: few
            sheet.boldRow(total);
        }
        sheet.finish();
    }

    private static String indicatorOrder() {
        StringBuilder sql = new StringBuilder("CASE indicator");
        for (Indicator i : Indicator.values()) {
            sql.append(" WHEN '").append(i.name()).append("' THEN ").append(i.ordinal());
        }
        return sql.append(" END").toString();
    }

    private static LocalDate date(java.sql.Date date) {
        return date == null ? null : date.toLocalDate();
    }

    /** Counts as whole numbers with thousands separators, money with two decimals. */
    private static Formatted amount(BigDecimal amount, String unit) {
        return "count".equals(unit) ? new Formatted(amount.stripTrailingZeros(), ColumnFormat.INTEGER)
                : new Formatted(amount, ColumnFormat.DECIMAL);
    }
}
