package io.cbec.etl.kind.zone;

import io.cbec.etl.check.CheckRecorder;
import io.cbec.etl.kind.Field;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetContext;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.report.ReportWorkbook;
import io.cbec.etl.source.SourceRow;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.util.List;
import java.util.Set;

/**
 * The State Council's list of cross-border e-commerce comprehensive pilot zones: which zone was approved
 * in which batch, when, by which document, and which were revoked since.
 */
@Component
@Order(10)
public class ZoneRegistryKind implements RecordKind {

    public static final String ID = "zone-registry";
    static final String ZONE = "zone";
    static final String PROVINCE = "province";
    static final String BATCH = "batch";
    static final String APPROVED = "approved";
    static final String DOCUMENT = "document";
    static final String STATUS = "status";
    static final String REVOKED_DATE = "revoked";

    private static final List<Field> FIELDS = List.of(
            Field.required(ZONE, "城市", "城市名称", "地区", "城市/地区", "城市（地区）", "综试区", "综试区名称", "试验区",
                    "试验区名称", "综合试验区", "综合试验区名称", "跨境电商综试区", "设立城市", "所在城市",
                    "Zone", "Zone name", "Pilot zone", "Pilot zone name", "Pilot zones", "City", "City name",
                    "City/Region", "City or region", "Comprehensive pilot zone"),
            Field.optional(PROVINCE, "省份", "省", "所属省份", "所在省份", "省区市", "省（区、市）", "省/自治区/直辖市", "省市",
                    "Province", "Province/Region", "Province name"),
            Field.required(BATCH, "批次", "批", "第几批", "Batch", "Round", "Batch no", "Batch number"),
            Field.optional(APPROVED, "批复日期", "批复时间", "获批时间", "获批日期", "设立时间", "设立日期", "批准时间",
                    "批准日期", "Approval date", "Approved", "Date approved", "Approved on", "Date of approval"),
            Field.optional(DOCUMENT, "文号", "批复文号", "文件", "批复文件", "Document", "Approval document", "Document no",
                    "Document number", "Reply"),
            Field.optional(STATUS, "状态", "Status"),
            Field.optional(REVOKED_DATE, "撤销日期", "撤销时间", "撤销", "Revoked", "Revocation date", "Revoked on",
                    "Date revoked"));

    private final ZoneRowNormaliser normaliser;
    private final ZoneChecks checks;
    private final ZoneReportSheets reportSheets;
    private final NamedParameterJdbcTemplate template;

    public ZoneRegistryKind(NamedParameterJdbcTemplate template) {
        DivisionDirectory directory = DivisionDirectory.bundled();
        this.template = template;
        this.normaliser = new ZoneRowNormaliser(directory);
        this.checks = new ZoneChecks();
        this.reportSheets = new ZoneReportSheets(directory);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Zone registry";
    }

    @Override
    public List<Field> fields() {
        return FIELDS;
    }

    /** The batch may come from the sheet name or a title row; a revocation list needs none. */
    @Override
    public boolean accepts(Set<String> matched, SheetContext context) {
        return matched.contains(ZONE) && (matched.contains(BATCH) || context.batch() != null
                || context.revocation() || matched.contains(REVOKED_DATE));
    }

    @Override
    public String lacks(Set<String> matched, SheetContext context) {
        return matched.contains(ZONE)
                ? "the required column(s) batch, or a batch in the sheet name or title (e.g. 第七批, Batch 7)"
                : "the required column(s) zone";
    }

    @Override
    public RowOutcome normalise(SheetPlan plan, SourceRow row) {
        return normaliser.normalise(plan, row);
    }

    @Override
    public void stage(JdbcClient jdbc, long instanceId, List<StagedRecord> records) {
        MapSqlParameterSource[] rows = records.stream().map(r -> {
            ZoneEntry e = (ZoneEntry) r.record();
            return new MapSqlParameterSource()
                    .addValue("id", instanceId).addValue("file", r.plan().fileNo()).addValue("sheet", r.plan().sheetNo())
                    .addValue("row", r.row()).addValue("key", e.zoneKey()).addValue("code", e.code())
                    .addValue("zh", e.nameZh()).addValue("en", e.nameEn()).addValue("province", e.provinceCode())
                    .addValue("raw", e.raw()).addValue("batch", e.batch())
                    .addValue("approved", date(e.approved())).addValue("approvedPrec", precision(e.approved()))
                    .addValue("document", e.document()).addValue("revoked", e.revoked())
                    .addValue("revokedOn", date(e.revokedOn())).addValue("revokedPrec", precision(e.revokedOn()));
        }).toArray(MapSqlParameterSource[]::new);
        template.batchUpdate("""
                INSERT INTO zone_entry (instance_id, file_no, sheet_no, row_no, zone_key, zone_code, zone_zh, zone_en,
                    province_code, raw_zone, batch, approved_on, approved_prec, document, revoked, revoked_on,
                    revoked_prec)
                VALUES (:id, :file, :sheet, :row, :key, :code, :zh, :en, :province, :raw, :batch, :approved,
                    :approvedPrec, :document, :revoked, :revokedOn, :revokedPrec)""", rows);
    }

    @Override
    public long stagedRows(JdbcClient jdbc, long instanceId, int fileNo, int sheetNo) {
        return jdbc.sql("SELECT COUNT(*) FROM zone_entry WHERE instance_id = :id AND file_no = :file AND sheet_no = :sheet")
                .param("id", instanceId).param("file", fileNo).param("sheet", sheetNo).query(Long.class).single();
    }

    @Override
    public void validate(JdbcClient jdbc, long instanceId, CheckRecorder recorder) {
        checks.run(jdbc, instanceId, recorder);
    }

    @Override
    public List<SummaryItem> summaryItems(JdbcClient jdbc, long instanceId) {
        return reportSheets.summaryItems(ZoneRegister.load(jdbc, instanceId));
    }

    @Override
    public void writeReportSheets(JdbcClient jdbc, long instanceId, ReportWorkbook workbook) {
        reportSheets.write(ZoneRegister.load(jdbc, instanceId), workbook);
    }

    @Override
    public void purge(JdbcClient jdbc, long instanceId) {
        jdbc.sql("DELETE FROM zone_entry WHERE instance_id = :id").param("id", instanceId).update();
    }

    private static Date date(PartialDate d) {
        return d == null ? null : Date.valueOf(d.start());
    }

    private static String precision(PartialDate d) {
        return d == null ? null : d.precision().name();
    }
}
