package io.cbec.etl.kind.indicator;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.check.CheckResult;
import io.cbec.etl.check.CheckStatus;
import io.cbec.etl.check.CheckValue;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.Precision;
import io.cbec.etl.normalise.Province;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The indicators' checks: every stated subtotal and total equals the sum of the rows it covers (per
 * indicator and period, within the rounding the figures show, never across currencies); no figure is
 * reported twice with different values; a subtotal that names a province covers only that province's
 * zones; a figure for a period before the zone's approval is a warning.
 */
final class IndicatorChecks {

    /** What is left of "浙江省小计", "小计（浙江）", "Zhejiang subtotal", "Subtotal: Zhejiang" once the marker goes. */
    private static final Pattern SUBTOTAL_WORDS = Pattern.compile("小计|sub[- ]?total|[\\s:：()（）\\[\\]【】,，.-]+",
            Pattern.CASE_INSENSITIVE);
    private static final int STRAY_ROWS_LISTED = 20;

    private final DivisionDirectory directory;

    IndicatorChecks(DivisionDirectory directory) {
        this.directory = directory;
    }

    void run(JdbcClient jdbc, long id, CheckRecorder recorder) {
        statedTotals(jdbc, id, recorder);
        totalsWithoutFigures(jdbc, id, recorder);
        subtotalProvinces(jdbc, id, recorder);
        reportedOnce(jdbc, id, recorder);
        beforeApproval(jdbc, id, recorder);
    }

    /** The province a subtotal's label names ("浙江省小计" -> Zhejiang), if it names one. */
    Optional<Province> subtotalProvince(String label) {
        String rest = SUBTOTAL_WORDS.matcher(label == null ? "" : label).replaceAll("");
        return rest.isEmpty() ? Optional.empty() : directory.province(rest);
    }

    /**
     * A subtotal that names a province ("浙江省小计") covers only rows of that province: a zone of another
     * province among them (a row sorted into the wrong group) fails, naming the subtotal and the stray rows.
     */
    private void subtotalProvinces(JdbcClient jdbc, long id, CheckRecorder recorder) {
        record Subtotal(int fileNo, int sheetNo, String file, String sheet, int row, String label, String zoneColumn,
                        int fromRow) { }
        List<Subtotal> subtotals = jdbc.sql("""
                        SELECT DISTINCT v.file_no, v.sheet_no, f.file_name, s.sheet_name, v.row_no, v.row_label,
                               v.zone_column,
                               COALESCE((SELECT MAX(p.row_no) FROM stated_total p
                                   WHERE p.instance_id = v.instance_id AND p.kind = :kind AND p.file_no = v.file_no
                                     AND p.sheet_no = v.sheet_no AND p.row_no < v.row_no), 0)
                        FROM indicator_value v
                        JOIN source_file f ON f.instance_id = v.instance_id AND f.file_no = v.file_no
                        JOIN source_sheet s ON s.instance_id = v.instance_id AND s.file_no = v.file_no
                                           AND s.sheet_no = v.sheet_no
                        WHERE v.instance_id = :id AND v.row_kind = 'SUBTOTAL'
                        ORDER BY v.file_no, v.sheet_no, v.row_no""")
                .param("id", id).param("kind", IndicatorKind.ID)
                .query((rs, n) -> new Subtotal(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                        rs.getString(6), rs.getString(7), rs.getInt(8)))
                .list(); // one per subtotal row: few
        for (Subtotal t : subtotals) {
            Optional<Province> named = subtotalProvince(t.label());
            if (named.isEmpty()) {
                continue;
            }
            Province province = named.get();
            record Covered(int row, String zone, String provinceCode) { }
            List<Covered> rows = jdbc.sql("""
                            SELECT row_no, MIN(zone_zh), MIN(province_code) FROM indicator_value
                            WHERE instance_id = :id AND file_no = :file AND sheet_no = :sheet AND row_kind = 'DETAIL'
                              AND row_no > :from AND row_no < :to
                            GROUP BY row_no ORDER BY row_no""")
                    .param("id", id).param("file", t.fileNo()).param("sheet", t.sheetNo())
                    .param("from", t.fromRow()).param("to", t.row())
                    .query((rs, n) -> new Covered(rs.getInt(1), rs.getString(2), rs.getString(3))).list();
            if (rows.isEmpty()) {
                continue; // the totals check already says that the subtotal covers no row
            }
            List<Covered> strays = rows.stream().filter(r -> !province.code().equals(r.provinceCode())).toList();
            String letters = t.zoneColumn() == null ? "" : t.zoneColumn().split(" ", 2)[0];
            String place = t.file() + "!" + t.sheet() + "!" + letters + t.row()
                    + (t.zoneColumn() == null ? "" : " " + t.zoneColumn());
            String scope = t.file() + "!" + t.sheet() + ", '" + t.label() + "' rows " + rows.get(0).row() + "-"
                    + rows.get(rows.size() - 1).row();
            String expected = "rows in " + province.nameEn();
            if (strays.isEmpty()) {
                recorder.record(new CheckResult("Subtotal province", scope, expected, "all " + rows.size() + " rows in "
                        + province.nameEn(), CheckStatus.PASS, "'" + t.label() + "' covers " + rows.size()
                        + " rows, all zones of " + province.nameEn(), place));
                continue;
            }
            String listed = strays.stream().limit(STRAY_ROWS_LISTED)
                    .map(r -> "row " + r.row() + " " + r.zone() + " (" + directory.provinceByCode(r.provinceCode())
                            .map(Province::nameEn).orElse(r.provinceCode()) + ")")
                    .collect(Collectors.joining(", "))
                    + (strays.size() > STRAY_ROWS_LISTED ? " and " + (strays.size() - STRAY_ROWS_LISTED) + " more" : "");
            recorder.record(new CheckResult("Subtotal province", scope, expected, strays.size() + " of " + rows.size()
                    + " rows elsewhere", CheckStatus.FAIL, "'" + t.label() + "' at " + t.file() + "!" + t.sheet() + "!"
                    + letters + t.row() + " names " + province.nameEn() + " but covers " + listed
                    + ": move each row into its province's group, or correct the subtotal", place));
        }
    }

    /**
     * A subtotal covers the rows since the previous subtotal or total of its sheet; a total covers every
     * row since the previous total. Tolerance: half a unit in the last decimal shown, of the total and of
     * each row summed (each printed figure may be off by that much); none for whole figures shown whole.
     */
    private void statedTotals(JdbcClient jdbc, long id, CheckRecorder recorder) {
        jdbc.sql("""
                        WITH t AS (
                            SELECT v.*, COALESCE((SELECT MAX(p.row_no) FROM stated_total p
                                       WHERE p.instance_id = v.instance_id AND p.kind = :kind AND p.file_no = v.file_no
                                         AND p.sheet_no = v.sheet_no AND p.row_no < v.row_no
                                         AND (v.row_kind = 'SUBTOTAL' OR NOT p.subtotal)), 0) AS from_row
                            FROM indicator_value v WHERE v.instance_id = :id AND v.row_kind <> 'DETAIL')
                        SELECT f.file_name, s.sheet_name, t.row_no, t.row_label, t.row_kind, t.indicator, t.period_label,
                               t.amount, t.unit, t.shown_factor, t.tolerance, t.raw_value, t.shown_unit, t.col_letters,
                               t.column_name, t.from_row,
                               COUNT(d.row_no), COALESCE(SUM(d.amount), 0), COALESCE(SUM(d.tolerance), 0),
                               COUNT(DISTINCT d.unit), LISTAGG(DISTINCT d.unit, ', ') WITHIN GROUP (ORDER BY d.unit),
                               MIN(d.row_no), MAX(d.row_no), COUNT(DISTINCT d.period_label),
                               LISTAGG(DISTINCT d.period_label, ', ') WITHIN GROUP (ORDER BY d.period_label)
                        FROM t
                        JOIN source_file f ON f.instance_id = t.instance_id AND f.file_no = t.file_no
                        JOIN source_sheet s ON s.instance_id = t.instance_id AND s.file_no = t.file_no
                                           AND s.sheet_no = t.sheet_no
                        LEFT JOIN indicator_value d ON d.instance_id = t.instance_id AND d.file_no = t.file_no
                             AND d.sheet_no = t.sheet_no AND d.row_kind = 'DETAIL' AND d.indicator = t.indicator
                             AND NOT d.merged_copy -- a figure merged over several rows is in the sheet once
                             AND (t.period_start IS NULL
                                  OR d.period_start = t.period_start AND d.period_end = t.period_end)
                             AND d.row_no > t.from_row AND d.row_no < t.row_no
                        GROUP BY f.file_name, s.sheet_name, t.file_no, t.sheet_no, t.row_no, t.row_label, t.row_kind,
                                 t.indicator, t.period_label, t.period_start, t.amount, t.unit, t.shown_factor,
                                 t.tolerance, t.raw_value, t.shown_unit, t.col_letters, t.column_name, t.from_row
                        ORDER BY t.file_no, t.sheet_no, t.row_no, t.col_letters""")
                .param("id", id).param("kind", IndicatorKind.ID)
                .query(rs -> {
                    String file = rs.getString(1);
                    String sheet = rs.getString(2);
                    int row = rs.getInt(3);
                    String label = rs.getString(4);
                    boolean subtotal = "SUBTOTAL".equals(rs.getString(5));
                    Indicator indicator = Indicator.valueOf(rs.getString(6));
                    String period = rs.getString(7);
                    BigDecimal stated = rs.getBigDecimal(8);
                    String unit = rs.getString(9);
                    String shownUnit = rs.getString(13);
                    // Shown as the sheet shows it (in 亿元...) when the unit was in the header; else in base units.
                    BigDecimal factor = shownUnit == null || "in cell".equals(shownUnit) ? BigDecimal.ONE
                            : rs.getBigDecimal(10);
                    BigDecimal tolerance = rs.getBigDecimal(11).add(rs.getBigDecimal(19));
                    long rows = rs.getLong(17);
                    BigDecimal sum = rs.getBigDecimal(18);
                    int units = rs.getInt(20);
                    String unitList = rs.getString(21);
                    String check = subtotal ? "Stated subtotal" : "Stated total";
                    // A total whose period cell is blank is for its rows' period; over several, for all of them.
                    String blankPeriod = "";
                    if (period == null) {
                        int periods = rs.getInt(24);
                        List<String> labels = periods == 0 ? List.of() : List.of(rs.getString(25).split(", "));
                        period = periods <= 3 ? String.join(", ", labels)
                                : labels.get(0) + " to " + labels.get(labels.size() - 1) + " (" + periods + " periods)";
                        blankPeriod = periods == 0 ? "" : periods == 1 ? " (its period cell is blank: the period of "
                                + "its rows, " + period + ")" : " (its period cell is blank: the sum over all its rows'"
                                + " periods, " + period + ")";
                    }
                    String scope = file + "!" + sheet + ", " + indicator.label() + (period.isEmpty() ? "" : " " + period)
                            + (rows > 0 ? ", rows " + rs.getInt(22) + "-" + rs.getInt(23) : "");
                    String place = file + "!" + sheet + "!" + rs.getString(14) + row + " " + rs.getString(15);
                    String expected = shown(stated, factor, unit, shownUnit);
                    if (units > 1 || (units == 1 && !unit.equals(unitList))) {
                        recorder.record(new CheckResult(check, scope, shownFigure(stated, factor, unit, shownUnit),
                                CheckValue.text("rows in " + unitList), CheckStatus.FAIL,
                                "'" + label + "' sums figures in two currencies (" + (units > 1 ? unitList : unitList
                                        + " rows, " + unit + " total") + "): a sum over two currencies is not made; "
                                        + "put each currency in its own column or sheet", place));
                        return;
                    }
                    BigDecimal difference = stated.subtract(sum);
                    boolean pass = rows > 0 && difference.abs().compareTo(tolerance) <= 0;
                    String actual = shown(sum, factor, unit, shownUnit);
                    String detail;
                    if (rows == 0) {
                        detail = "'" + label + "' states " + expected + " but no row above it has a figure for "
                                + indicator.label() + (period.isEmpty() ? "" : " " + period);
                    } else if (pass) {
                        detail = difference.signum() == 0 ? "'" + label + "'" + blankPeriod + " equals the sum of its " + rows + " rows"
                                : "'" + label + "'" + blankPeriod + " matches the sum of its " + rows + " rows within the rounding shown"
                                + " (difference " + number(difference, factor) + ", tolerance "
                                + number(tolerance, factor) + ")";
                    } else {
                        // Whole figures shown whole are exact: there is no rounding to be more than.
                        detail = "'" + label + "'" + blankPeriod + " states " + expected + " but its " + rows
                                + " rows sum to " + actual
                                + ": difference " + number(difference, factor) + (tolerance.signum() == 0 ? ""
                                : ", more than the rounding shown (" + number(tolerance, factor) + ")")
                                + "; correct the total or the rows";
                    }
                    recorder.record(new CheckResult(check, scope, shownFigure(stated, factor, unit, shownUnit),
                            shownFigure(sum, factor, unit, shownUnit), pass ? CheckStatus.PASS : CheckStatus.FAIL,
                            detail, place));
                });
    }

    /**
     * A total or subtotal row with no figure (合计 and its cells empty) states nothing to check: it fails, as a
     * registry total with no count does, rather than passing unseen. It still bounds the rows the next total covers.
     */
    private void totalsWithoutFigures(JdbcClient jdbc, long id, CheckRecorder recorder) {
        jdbc.sql("""
                        SELECT f.file_name, s.sheet_name, t.row_no, t.label, t.subtotal, t.column_name,
                               COALESCE((SELECT MAX(p.row_no) FROM stated_total p
                                   WHERE p.instance_id = t.instance_id AND p.kind = t.kind AND p.file_no = t.file_no
                                     AND p.sheet_no = t.sheet_no AND p.row_no < t.row_no
                                     AND (t.subtotal OR NOT p.subtotal)), 0) AS from_row
                        FROM stated_total t
                        JOIN source_file f ON f.instance_id = t.instance_id AND f.file_no = t.file_no
                        JOIN source_sheet s ON s.instance_id = t.instance_id AND s.file_no = t.file_no
                                           AND s.sheet_no = t.sheet_no
                        WHERE t.instance_id = :id AND t.kind = :kind
                          AND NOT EXISTS (SELECT 1 FROM indicator_value v WHERE v.instance_id = t.instance_id
                                  AND v.file_no = t.file_no AND v.sheet_no = t.sheet_no AND v.row_no = t.row_no)
                        ORDER BY t.file_no, t.sheet_no, t.row_no""")
                .param("id", id).param("kind", IndicatorKind.ID)
                .query(rs -> {
                    String file = rs.getString(1);
                    String sheet = rs.getString(2);
                    int row = rs.getInt(3);
                    String label = rs.getString(4);
                    String column = rs.getString(6);
                    int from = rs.getInt(7);
                    String letters = column == null ? "" : column.split(" ", 2)[0];
                    recorder.record(new CheckResult(rs.getBoolean(5) ? "Stated subtotal" : "Stated total",
                            file + "!" + sheet + (from > 0 ? ", rows " + (from + 1) + "-" + (row - 1) : ""),
                            CheckValue.text("no figure"),
                            CheckValue.EMPTY, CheckStatus.FAIL, "'" + label + "' at " + file + "!" + sheet + "!"
                            + letters + row + " is a total row but states no figure: write its figures (the sums of"
                            + " the rows it covers) in the row, or delete the row",
                            file + "!" + sheet + "!" + letters + row + (column == null ? "" : " " + column)));
                });
    }

    private void reportedOnce(JdbcClient jdbc, long id, CheckRecorder recorder) {
        long conflicts = jdbc.sql("""
                        SELECT zone_zh, indicator, period_label, COUNT(DISTINCT amount) AS n_values,
                               LISTAGG(f.file_name || '!' || s.sheet_name || '!' || v.col_letters || v.row_no || ' = '
                                   || v.raw_value, '; ') WITHIN GROUP (ORDER BY v.file_no, v.sheet_no, v.row_no)
                        FROM indicator_value v
                        JOIN source_file f ON f.instance_id = v.instance_id AND f.file_no = v.file_no
                        JOIN source_sheet s ON s.instance_id = v.instance_id AND s.file_no = v.file_no
                                           AND s.sheet_no = v.sheet_no
                        WHERE v.instance_id = :id AND v.row_kind = 'DETAIL' AND v.pilot
                        GROUP BY zone_key, zone_zh, indicator, period_start, period_end, period_label, unit
                        HAVING COUNT(DISTINCT amount) > 1
                        ORDER BY zone_key, indicator, period_start""")
                .param("id", id)
                .query((rs, n) -> {
                    recorder.record(new CheckResult("Indicator reported once", rs.getString(1) + ", "
                            + Indicator.valueOf(rs.getString(2)).label() + " " + rs.getString(3),
                            CheckValue.count(1, "value"), CheckValue.count(rs.getInt(4), "values"), CheckStatus.FAIL,
                            "The same figure is given with different values: keep the right one", rs.getString(5)));
                    return 1;
                }).list().size();
        long figures = jdbc.sql("SELECT COUNT(*) FROM indicator_value WHERE instance_id = :id AND row_kind = 'DETAIL' AND pilot")
                .param("id", id).query(Long.class).single();
        if (conflicts == 0 && figures > 0) {
            recorder.record(new CheckResult("Indicator reported once", "all zone indicators",
                    CheckValue.count(figures, "figures"), CheckValue.count(figures, "figures"), CheckStatus.PASS,
                    "No zone, indicator and period has two different values; "
                    + "a figure given twice with the same value is counted once", ""));
        }
    }

    private void beforeApproval(JdbcClient jdbc, long id, CheckRecorder recorder) {
        int early = jdbc.sql("""
                        SELECT v.zone_zh, v.approved_on, LISTAGG(DISTINCT v.period_label, ', ') WITHIN GROUP (ORDER BY v.period_label),
                               MIN(f.file_name || '!' || s.sheet_name || '!' || v.row_no), v.approved_prec
                        FROM indicator_value v
                        JOIN source_file f ON f.instance_id = v.instance_id AND f.file_no = v.file_no
                        JOIN source_sheet s ON s.instance_id = v.instance_id AND s.file_no = v.file_no
                                           AND s.sheet_no = v.sheet_no
                        WHERE v.instance_id = :id AND v.row_kind = 'DETAIL' AND v.pilot AND v.period_end < v.approved_on
                        GROUP BY v.zone_key, v.zone_zh, v.approved_on, v.approved_prec ORDER BY v.zone_key""")
                .param("id", id)
                .query((rs, n) -> {
                    // At the precision the registry gives: batch 6 was approved in 2022-01, not on 2022-01-01.
                    PartialDate approved = new PartialDate(rs.getDate(2).toLocalDate(),
                            rs.getString(5) == null ? Precision.DAY : Precision.valueOf(rs.getString(5)));
                    recorder.record(new CheckResult("Figure after approval", rs.getString(1), "periods from "
                            + approved, rs.getString(3), CheckStatus.WARN, rs.getString(1)
                            + " was approved as a pilot zone " + (approved.precision() == Precision.DAY ? "on " : "in ")
                            + approved + "; figures for earlier periods ("
                            + rs.getString(3) + ") predate the zone: check the period or the zone", rs.getString(4)));
                    return 1;
                }).list().size();
        long zones = jdbc.sql("""
                        SELECT COUNT(DISTINCT zone_key) FROM indicator_value
                        WHERE instance_id = :id AND row_kind = 'DETAIL' AND pilot AND approved_on IS NOT NULL""")
                .param("id", id).query(Long.class).single();
        if (early == 0 && zones > 0) {
            // Every check that ran has a row (report-contract.md), also when it found nothing to warn about.
            recorder.record(new CheckResult("Figure after approval", "all zone indicators",
                    CheckValue.text("periods from approval"), CheckValue.count(zones, "zones"), CheckStatus.PASS,
                    "No figure is for a period before its zone was approved", ""));
        }
    }

    /** {@link #shown} as a figure of the Checks sheet: a number in the unit the sheet shows. */
    static CheckValue.Figure shownFigure(BigDecimal amount, BigDecimal factor, String unit, String shownUnit) {
        BigDecimal n = new BigDecimal(number(amount, factor));
        if ("count".equals(unit)) {
            return CheckValue.number(n, null);
        }
        return CheckValue.number(n, shownUnit != null && !"in cell".equals(shownUnit) ? shownUnit : unit);
    }

    /** A base-unit amount shown as the sheet shows it: 123.4 亿元, or 12,345 for counts. */
    static String shown(BigDecimal amount, BigDecimal factor, String unit, String shownUnit) {
        String n = number(amount, factor);
        if ("count".equals(unit)) {
            return n;
        }
        return shownUnit != null && !"in cell".equals(shownUnit) ? n + " " + shownUnit : n + " " + unit;
    }

    static String number(BigDecimal amount, BigDecimal factor) {
        BigDecimal v = factor == null || factor.signum() == 0 ? amount : amount.divide(factor, MathContext.DECIMAL64);
        return v.setScale(Math.min(Math.max(v.stripTrailingZeros().scale(), 0), 6), java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
