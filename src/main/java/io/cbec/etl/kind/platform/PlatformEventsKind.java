package io.cbec.etl.kind.platform;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.kind.Field;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.DateParser;
import io.cbec.etl.normalise.Parsed;
import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.quantity.FigureLimit;
import io.cbec.etl.normalise.quantity.Quantity;
import io.cbec.etl.normalise.quantity.QuantityParser;
import io.cbec.etl.report.CellTextSanitiser;
import io.cbec.etl.report.ReportWorkbook;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;
import java.sql.Date;
import java.util.List;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Facts about platforms as analysts paste them from the press: date, platform, market, event and a
 * value in words. The value becomes a typed figure where it can be read ("nearly 20 million", "10 to 15
 * days"); otherwise it is kept as text and flagged with a warning, never dropped.
 */
@Component
@Order(31)
public class PlatformEventsKind implements RecordKind {

    public static final String ID = "platform-events";
    static final String DATE = "date";
    static final String PLATFORM = "platform";
    static final String MARKET = "market";
    static final String EVENT = "event";
    static final String VALUE = "value";
    static final String PARENT = "parent";
    static final String REFERENCE = "reference";

    private static final List<Field> FIELDS = List.of(
            Field.required(DATE, "日期", "Date", "As of", "as_of", "时间", "截至", "Period"),
            Field.required(PLATFORM, "平台", "Platform", "App", "公司", "Company"),
            Field.optional(MARKET, "市场", "Market", "Country", "国家/地区", "国家", "地区", "Country / Region"),
            Field.required(EVENT, "事件", "Event", "Fact", "事项", "指标", "What"),
            Field.required(VALUE, "数值", "内容", "Value", "Details", "value_text", "Value text", "Figure", "详情"),
            Field.optional(PARENT, "母公司", "Parent company", "parent_company", "Parent", "Owner"),
            Field.optional(REFERENCE, "来源", "出处", "Source", "Reference"));

    private final CountryDirectory countries;
    private final PlatformDirectory platforms;
    private final NamedParameterJdbcTemplate template;
    private final PlatformReportSheets reportSheets;

    PlatformEventsKind(NamedParameterJdbcTemplate template, PlatformReference reference) {
        this.template = template;
        this.countries = reference.countries();
        this.platforms = reference.platforms();
        this.reportSheets = new PlatformReportSheets(countries);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Platform events";
    }

    @Override
    public List<Field> fields() {
        return FIELDS;
    }

    /** One event row, ready to stage. */
    record PlatformEvent(PartialDate date, Platform platform, String market, String marketCode, String event,
                         Quantity value, String text, String parseError, String reference) {
    }

    @Override
    public RowOutcome normalise(SheetPlan plan, SourceRow row) {
        Optional<RowOutcome.Rejected> unusable = plan.unusableCell(row);
        if (unusable.isPresent()) {
            return unusable.get();
        }
        int eventColumn = plan.column(EVENT);
        String event = SheetPlan.cellText(row, eventColumn);
        String valueText = SheetPlan.cellText(row, plan.column(VALUE));
        if (event == null && valueText == null) {
            return new RowOutcome.Ignored("no event and no value");
        }
        if (event == null) {
            return plan.reject(eventColumn, null, "event is empty: say what the value is about");
        }
        int dateColumn = plan.column(DATE);
        CellValue dateCell = row.cell(dateColumn);
        if (dateCell == null) {
            return plan.reject(dateColumn, null, "date is empty");
        }
        Parsed<PartialDate> date = dateCell instanceof CellValue.DateTime d ? Parsed.ok(DateParser.fromDateTime(d.value()))
                : DateParser.parse(dateCell.raw()); // a numeric 2023 is the year 2023
        if (!date.ok()) {
            return plan.reject(dateColumn, dateCell, date.error());
        }
        int platformColumn = plan.column(PLATFORM);
        String platformText = SheetPlan.cellText(row, platformColumn);
        Platform platform = null;
        if (platformText != null) {
            Optional<Platform> p = platforms.platform(platformText);
            if (p.isEmpty()) {
                return plan.reject(platformColumn, row.cell(platformColumn), "unknown platform '"
                        + platformText + "': add it with its parent company to platforms.csv in the reference folder"
                        + " (cbec.reference-dir)");
            }
            platform = p.get();
        }
        String market = null;
        String marketCode = null;
        if (plan.has(MARKET)) {
            String marketText = SheetPlan.cellText(row, plan.column(MARKET));
            if (marketText != null) {
                Optional<Country> country = countries.country(marketText);
                Optional<CountryDirectory.Area> area = country.isPresent() ? Optional.empty() : countries.area(marketText);
                if (country.isEmpty() && area.isEmpty()) {
                    return plan.reject(plan.column(MARKET), row.cell(plan.column(MARKET)),
                            "unknown market '" + marketText + "': use a country (e.g. United States, 美国), a UN M49"
                                    + " region (e.g. North America) or Worldwide");
                }
                market = country.map(Country::nameEn).orElseGet(() -> area.get().name());
                marketCode = country.map(Country::code).orElse(null);
            }
        }
        Quantity value = null;
        String parseError = null;
        CellValue valueCell = row.cell(plan.column(VALUE));
        if (valueCell == null) {
            parseError = "no value given";
        } else {
            Parsed<Quantity> q = valueCell instanceof CellValue.Numeric n ? QuantityParser.parse(n.value(), null)
                    : QuantityParser.parse(valueCell.raw(), null);
            if (!q.ok()) {
                parseError = q.error();
            } else if (!FigureLimit.fits(q.value().low()) || !FigureLimit.fits(q.value().high())) {
                // It would not fit the staged value (and fail the run): kept as text, like a value not read.
                parseError = "a figure of " + FigureLimit.digits(q.value().low().abs().max(q.value().high().abs()))
                        + " digits is beyond any platform's figures: check the cell (at most " + FigureLimit.MAX_DIGITS
                        + " digits)";
            } else {
                value = q.value();
            }
        }
        String reference = plan.has(REFERENCE) ? SheetPlan.cellText(row, plan.column(REFERENCE)) : null;
        // The Text column is the value as written (bad-inputs.md #24: verbatim, a leading tab or '=' included);
        // the writer removes only what XML forbids and quote-prefixes what could read as a formula.
        String asWritten = valueText != null && valueCell instanceof CellValue.Text t ? t.text() : valueText;
        return new RowOutcome.Accepted(new PlatformEvent(date.value(), platform, market, marketCode, event, value,
                asWritten, parseError, reference));
    }

    @Override
    public void stage(JdbcClient jdbc, long instanceId, List<StagedRecord> records) {
        MapSqlParameterSource[] rows = records.stream().map(r -> {
            PlatformEvent e = (PlatformEvent) r.record();
            return new MapSqlParameterSource().addValue("id", instanceId).addValue("file", r.plan().fileNo())
                    .addValue("sheet", r.plan().sheetNo()).addValue("row", r.row())
                    .addValue("date", Date.valueOf(e.date().start())).addValue("prec", e.date().precision().name())
                    .addValue("platform", e.platform() == null ? null : e.platform().name())
                    .addValue("parent", e.platform() == null ? null : e.platform().parentCompany())
                    .addValue("market", e.market()).addValue("code", e.marketCode())
                    .addValue("event", CellTextSanitiser.truncate(e.event(), 1000))
                    .addValue("low", e.value() == null ? null : e.value().low())
                    .addValue("high", e.value() == null ? null : e.value().high())
                    .addValue("unit", e.value() == null ? null : e.value().unit())
                    .addValue("qualifier", e.value() == null ? null : e.value().qualifier().name())
                    .addValue("text", CellTextSanitiser.truncate(e.text(), CellTextSanitiser.MAX_CELL_CHARS))
                    .addValue("error", CellTextSanitiser.truncate(e.parseError(), 1000))
                    .addValue("reference", CellTextSanitiser.truncate(e.reference(), 1000));
        }).toArray(MapSqlParameterSource[]::new);
        template.batchUpdate("""
                INSERT INTO platform_event (instance_id, file_no, sheet_no, row_no, event_date, date_prec, platform,
                    parent, market, market_code, event, value_low, value_high, unit, qualifier, value_text, parse_error,
                    reference)
                VALUES (:id, :file, :sheet, :row, :date, :prec, :platform, :parent, :market, :code, :event, :low, :high,
                    :unit, :qualifier, :text, :error, :reference)""", rows);
    }

    @Override
    public long stagedRows(JdbcClient jdbc, long instanceId, int fileNo, int sheetNo) {
        return jdbc.sql("SELECT COUNT(*) FROM platform_event WHERE instance_id = :id AND file_no = :file AND sheet_no = :sheet")
                .param("id", instanceId).param("file", fileNo).param("sheet", sheetNo).query(Long.class).single();
    }

    @Override
    public void validate(JdbcClient jdbc, long instanceId, CheckRecorder checks) {
        new PlatformChecks(countries).runEvents(jdbc, instanceId, checks);
    }

    /** The Summary items for platforms come from {@link PlatformMetricsKind}, which reads both tables. */
    @Override
    public List<SummaryItem> summaryItems(JdbcClient jdbc, long instanceId) {
        return List.of();
    }

    @Override
    public void writeReportSheets(JdbcClient jdbc, long instanceId, ReportWorkbook workbook) {
        reportSheets.writeEvents(jdbc, instanceId, workbook);
    }

    /**
     * State databases made when value_text held 2,000 characters get the cell's limit, so that a run they left
     * unfinished stages its remaining events whole. Widening a VARCHAR keeps every value.
     */
    @Override
    public void upgradeState() {
        Integer width = template.getJdbcTemplate().queryForObject("""
                SELECT CHARACTER_MAXIMUM_LENGTH FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'PLATFORM_EVENT' AND COLUMN_NAME = 'VALUE_TEXT'""",
                Integer.class);
        if (width != null && width < CellTextSanitiser.MAX_CELL_CHARS) {
            template.getJdbcTemplate().execute("ALTER TABLE platform_event ALTER COLUMN value_text SET DATA TYPE VARCHAR("
                    + CellTextSanitiser.MAX_CELL_CHARS + ")");
        }
    }

    @Override
    public void purge(JdbcClient jdbc, long instanceId) {
        jdbc.sql("DELETE FROM platform_event WHERE instance_id = :id").param("id", instanceId).update();
    }
}
