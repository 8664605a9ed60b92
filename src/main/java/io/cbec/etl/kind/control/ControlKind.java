package io.cbec.etl.kind.control;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.check.CheckResult;
import io.cbec.etl.check.CheckStatus;
import io.cbec.etl.check.CheckValue;
import io.cbec.etl.kind.Field;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.Parsed;
import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.normalise.quantity.FigureLimit;
import io.cbec.etl.normalise.quantity.Qualifier;
import io.cbec.etl.normalise.quantity.Quantity;
import io.cbec.etl.normalise.quantity.QuantityParser;
import io.cbec.etl.normalise.quantity.UnitHint;
import io.cbec.etl.report.ReportWorkbook;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Control totals: rows of declared figures ("Active pilot zones: 165", "Zones in Guangdong: 21",
 * "CBEC trade value, Zhejiang, 2024: 5,000 亿元") that the run must reproduce. Each metric name is parsed
 * into a {@link MetricQuery} and evaluated by the first {@link MetricSource} that knows it; the result
 * lands in Checks. Ordered last, so its checks follow every other kind's.
 */
@Component
@Order(90)
public class ControlKind implements RecordKind {

    public static final String ID = "controls";
    static final String CHECK = "check";
    static final String EXPECTED = "expected";
    static final String SOURCE = "source";
    static final String NOTE = "note";

    private static final List<Field> FIELDS = List.of(
            Field.required(CHECK, "检查项", "检查", "核对项", "控制项", "指标名称", "Check", "Metric", "Control",
                    "Control total"),
            Field.required(EXPECTED, "预期值", "预期", "期望值", "申报值", "声明值", "公布值", "Expected", "Expected value",
                    "Declared value", "Declared", "Stated value"),
            Field.optional(SOURCE, "来源", "数据来源", "出处", "Source", "Reference"),
            Field.optional(NOTE, "备注", "说明", "Note", "Notes", "Comment"));

    private final NamedParameterJdbcTemplate template;
    private final List<MetricSource> sources;

    ControlKind(NamedParameterJdbcTemplate template, List<MetricSource> sources) {
        this.template = template;
        this.sources = sources;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Control totals";
    }

    @Override
    public List<Field> fields() {
        return FIELDS;
    }

    @Override
    public RowOutcome normalise(SheetPlan plan, SourceRow row) {
        int checkColumn = plan.column(CHECK);
        int expectedColumn = plan.column(EXPECTED);
        String check = SheetPlan.cellText(row, checkColumn);
        CellValue expectedCell = row.cell(expectedColumn);
        if (check == null && expectedCell == null) {
            return new RowOutcome.Ignored("empty control row");
        }
        if (check == null) {
            return plan.reject(checkColumn, null, "metric missing: name what the figure counts, e.g. Active pilot zones");
        }
        if (expectedCell == null || expectedCell.raw().isBlank()) {
            return plan.reject(expectedColumn, expectedCell, "declared value missing for '" + check + "'");
        }
        if (expectedCell instanceof CellValue.Error || expectedCell instanceof CellValue.Uncalculated) {
            return plan.reject(expectedColumn, expectedCell, "formula error or formula without a value: fix the cell");
        }
        UnitHint hint = UnitHint.fromHeader(plan.headers().get(expectedColumn)).orElse(null);
        Parsed<Quantity> expected = expectedCell instanceof CellValue.Numeric n
                ? QuantityParser.parse(n.value(), hint) : QuantityParser.parse(expectedCell.raw(), hint);
        if (!expected.ok()) {
            return plan.reject(expectedColumn, expectedCell, expected.error());
        }
        if (!FigureLimit.fits(expected.value().low()) || !FigureLimit.fits(expected.value().high())) {
            BigDecimal larger = expected.value().low().abs().max(expected.value().high().abs());
            return plan.reject(expectedColumn, expectedCell, "a declared figure of " + FigureLimit.digits(larger)
                    + " digits is beyond anything the data could reproduce: check the cell and its unit (at most "
                    + FigureLimit.MAX_DIGITS + " digits)");
        }
        String source = plan.has(SOURCE) ? SheetPlan.cellText(row, plan.column(SOURCE)) : null;
        String note = plan.has(NOTE) ? SheetPlan.cellText(row, plan.column(NOTE)) : null;
        return new RowOutcome.Accepted(new ControlEntry(check, expected.value(), source, note));
    }

    @Override
    public void stage(JdbcClient jdbc, long instanceId, List<StagedRecord> records) {
        MapSqlParameterSource[] rows = records.stream().map(r -> {
            ControlEntry c = (ControlEntry) r.record();
            return new MapSqlParameterSource()
                    .addValue("id", instanceId).addValue("file", r.plan().fileNo()).addValue("sheet", r.plan().sheetNo())
                    .addValue("row", r.row()).addValue("check", c.check()).addValue("low", c.expected().low())
                    .addValue("high", c.expected().high()).addValue("unit", c.expected().unit())
                    .addValue("qualifier", c.expected().qualifier().name())
                    .addValue("original", c.expected().original()).addValue("source", c.source())
                    .addValue("note", c.note());
        }).toArray(MapSqlParameterSource[]::new);
        template.batchUpdate("""
                INSERT INTO control_entry (instance_id, file_no, sheet_no, row_no, check_text, expected_low,
                    expected_high, expected_unit, qualifier, expected_text, source_text, note)
                VALUES (:id, :file, :sheet, :row, :check, :low, :high, :unit, :qualifier, :original, :source, :note)""",
                rows);
    }

    @Override
    public long stagedRows(JdbcClient jdbc, long instanceId, int fileNo, int sheetNo) {
        return jdbc.sql("SELECT COUNT(*) FROM control_entry WHERE instance_id = :id AND file_no = :file AND sheet_no = :sheet")
                .param("id", instanceId).param("file", fileNo).param("sheet", sheetNo).query(Long.class).single();
    }

    @Override
    public void validate(JdbcClient jdbc, long instanceId, CheckRecorder recorder) {
        record Staged(ControlEntry entry, String place) { }
        List<Staged> controls = jdbc.sql("""
                        SELECT c.check_text, c.expected_low, c.expected_high, c.expected_unit, c.qualifier,
                               c.expected_text, c.source_text, c.note,
                               f.file_name || '!' || s.sheet_name || '!' || c.row_no
                        FROM control_entry c
                        JOIN source_file f ON f.instance_id = c.instance_id AND f.file_no = c.file_no
                        JOIN source_sheet s ON s.instance_id = c.instance_id AND s.file_no = c.file_no
                                           AND s.sheet_no = c.sheet_no
                        WHERE c.instance_id = :id ORDER BY c.file_no, c.sheet_no, c.row_no""")
                .param("id", instanceId)
                .query((rs, n) -> new Staged(new ControlEntry(rs.getString(1), new Quantity(rs.getBigDecimal(2),
                        rs.getBigDecimal(3), rs.getString(4), Qualifier.valueOf(rs.getString(5)), rs.getString(6)),
                        rs.getString(7), rs.getString(8)), rs.getString(9)))
                .list();
        List<MetricQuery> queries = controls.stream().map(c -> MetricQuery.parse(c.entry().check())).toList();
        sources.forEach(source -> source.prepare(queries, jdbc, instanceId));
        for (Staged c : controls) {
            recorder.record(evaluate(c.entry(), c.place(), jdbc, instanceId));
        }
    }

    private CheckResult evaluate(ControlEntry control, String place, JdbcClient jdbc, long instanceId) {
        MetricQuery query = MetricQuery.parse(control.check());
        CheckValue expected = declared(control.expected());
        String cited = control.source() == null ? "" : " (declared by " + control.source() + ")";
        Optional<MetricValue> value = Optional.empty();
        try {
            for (MetricSource source : sources) {
                value = source.evaluate(query, jdbc, instanceId);
                if (value.isPresent()) {
                    break;
                }
            }
        } catch (MetricQueryException e) {
            return new CheckResult("Control total", control.check(), expected, CheckValue.EMPTY, CheckStatus.FAIL,
                    e.getMessage() + cited, place);
        }
        if (value.isEmpty()) {
            String known = sources.stream().flatMap(s -> s.examples().stream()).collect(Collectors.joining("; "));
            return new CheckResult("Control total", control.check(), expected, CheckValue.EMPTY, CheckStatus.FAIL,
                    "unknown metric '" + query.metric() + "': name one of the known metrics, e.g. " + known
                            + " (see README, Control totals)", place);
        }
        MetricValue actual = value.get();
        ControlComparison.Verdict verdict = ControlComparison.compare(control.expected(), actual);
        // The Expected cell shows the declared figure in the data's base unit; the words as written are kept here.
        return new CheckResult("Control total", control.check(), expected, figure(actual.value(), actual.unit()),
                verdict.pass() ? CheckStatus.PASS : CheckStatus.FAIL,
                (verdict.pass() ? "as declared" : "not as declared") + " ('" + control.expected().original() + "'): "
                        + (verdict.pass() ? "" : "expected ") + verdict.rule() + "; actual: " + actual.description()
                        + cited, place);
    }

    /**
     * The declared figure as the Checks sheet shows it: a number whose cell format keeps its qualifier and
     * unit ("nearly 20,000,000", "more than 90.0%", "about 500,000,000,000 CNY"); a range is text.
     */
    static CheckValue declared(Quantity expected) {
        String qualifier = ControlComparison.word(expected);
        if (expected.isRange()) {
            // "10 to 15 days": the unit once, after the high end (a share keeps its % on both).
            String from = figure(expected.low(), Quantity.PERCENT.equals(expected.unit()) ? expected.unit() : null).text();
            return CheckValue.text((qualifier == null ? "" : qualifier + " ") + from + " to "
                    + figure(expected.high(), expected.unit()).text());
        }
        CheckValue.Figure figure = figure(expected.low(), expected.unit());
        return qualifier == null ? figure : figure.qualified(qualifier);
    }

    /** A value in its base unit: a share as a percentage, money and days with their unit, a count bare. */
    static CheckValue.Figure figure(BigDecimal value, String unit) {
        if (Quantity.PERCENT.equals(unit)) {
            return CheckValue.share(value);
        }
        return CheckValue.number(value, unit == null || Quantity.COUNT.equals(unit) ? null : unit);
    }

    @Override
    public List<SummaryItem> summaryItems(JdbcClient jdbc, long instanceId) {
        return List.of();
    }

    @Override
    public void writeReportSheets(JdbcClient jdbc, long instanceId, ReportWorkbook workbook) {
        // Control totals are checks: they appear in the Checks sheet, not a sheet of their own.
    }

    @Override
    public void purge(JdbcClient jdbc, long instanceId) {
        jdbc.sql("DELETE FROM control_entry WHERE instance_id = :id").param("id", instanceId).update();
    }
}
