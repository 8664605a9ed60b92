package io.cbec.etl.kind.zone;

import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.kind.TotalRowDetector;
import io.cbec.etl.normalise.BatchParser;
import io.cbec.etl.normalise.DateParser;
import io.cbec.etl.normalise.Division;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.Parsed;
import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.Province;
import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.normalise.ZoneMatch;
import io.cbec.etl.normalise.quantity.FigureLimit;
import io.cbec.etl.source.CellValue;
import io.cbec.etl.source.SourceRow;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a registry row into a {@link ZoneEntry}: the zone resolved to its division code (settled by the
 * province where a name fits several), the batch from the row or else the title, dates at the precision
 * written. Anything it cannot read rejects the row with the column, the raw value and what to do.
 */
final class ZoneRowNormaliser {

    private static final Set<String> REVOKED = Set.of("撤销", "已撤销", "取消", "已取消", "撤回", "revoked", "cancelled",
            "canceled", "withdrawn", "revocation");
    private static final Set<String> ACTIVE = Set.of("有效", "正常", "存续", "在建", "设立", "已设立", "批复", "已批复",
            "active", "approved", "valid", "open");

    private final DivisionDirectory directory;

    ZoneRowNormaliser(DivisionDirectory directory) {
        this.directory = directory;
    }

    RowOutcome normalise(SheetPlan plan, SourceRow row) {
        int batchColumn = plan.has(ZoneRegistryKind.BATCH) ? plan.column(ZoneRegistryKind.BATCH) : -1;
        Optional<TotalRowDetector.TotalRow> total = TotalRowDetector.detect(row, batchColumn);
        if (total.isPresent()) {
            TotalRowDetector.TotalRow t = total.get();
            // Without a count that can be read (a bare "合计") it is still the sheet's total row: staged with no
            // value, so that it is counted and its check fails saying so, not dropped unseen.
            if (t.value() != null && !FigureLimit.fits(t.value())) {
                return plan.reject(t.valueColumn(), row.cell(t.valueColumn()), "a stated count of "
                        + FigureLimit.digits(t.value()) + " digits in '" + t.label() + "' is beyond any number of zones:"
                        + " check the total (at most " + FigureLimit.MAX_DIGITS + " digits)");
            }
            return new RowOutcome.StatedTotal(row.rowNumber(), t.label(), t.subtotal(), "zones", t.value(),
                    plan.describeColumn(t.valueColumn()), t.raw());
        }
        Optional<RowOutcome.Rejected> unusable = plan.unusableCell(row);
        if (unusable.isPresent()) {
            return unusable.get();
        }

        int zoneColumn = plan.column(ZoneRegistryKind.ZONE);
        String zoneText = SheetPlan.cellText(row, zoneColumn);
        if (zoneText == null) {
            return plan.reject(zoneColumn, null, "zone name is empty");
        }

        Province province = null;
        if (plan.has(ZoneRegistryKind.PROVINCE)) {
            String provinceText = SheetPlan.cellText(row, plan.column(ZoneRegistryKind.PROVINCE));
            if (provinceText != null) {
                province = directory.province(provinceText).orElse(null);
                if (province == null) {
                    return plan.reject(plan.column(ZoneRegistryKind.PROVINCE), row.cell(plan.column(ZoneRegistryKind.PROVINCE)),
                            "unknown province '" + provinceText + "': use a province name such as 浙江 or Zhejiang");
                }
            }
        }

        ZoneMatch match = directory.resolveZone(zoneText, province);
        if (match instanceof ZoneMatch.Ambiguous ambiguous) {
            String candidates = ambiguous.candidates().stream()
                    .map(d -> d.nameZh() + " (" + d.province().nameEn() + ", " + d.code() + ")")
                    .collect(Collectors.joining(", "));
            return plan.reject(zoneColumn, row.cell(zoneColumn), "ambiguous zone name '" + zoneText
                    + "': could be " + candidates + "; add or correct the province column");
        }
        if (!(match instanceof ZoneMatch.Found found)) {
            return plan.reject(zoneColumn, row.cell(zoneColumn), "unknown zone '" + zoneText
                    + "': not a city, prefecture or county in GB/T 2260 nor a known new area"
                    + (province == null ? "" : " in " + province.nameEn()) + "; check the spelling");
        }
        Division division = found.division();
        if (province != null && !province.code().equals(division.province().code())) {
            return plan.reject(zoneColumn, row.cell(zoneColumn), zoneText + " is in " + division.province().nameEn()
                    + ", not " + province.nameEn() + ": correct the zone or the province");
        }

        Integer batch = plan.context().batch();
        if (batchColumn >= 0 && row.cell(batchColumn) != null) {
            Parsed<Integer> parsed = BatchParser.parse(row.cell(batchColumn).raw());
            if (!parsed.ok()) {
                return plan.reject(batchColumn, row.cell(batchColumn), parsed.error());
            }
            if (batch != null && !batch.equals(parsed.value())) {
                return plan.reject(batchColumn, row.cell(batchColumn), "batch " + parsed.value()
                        + " in the row but the sheet's title or name says batch " + batch);
            }
            batch = parsed.value();
        }

        boolean revoked = plan.context().revocation();
        if (plan.has(ZoneRegistryKind.STATUS)) {
            String status = SheetPlan.cellText(row, plan.column(ZoneRegistryKind.STATUS));
            if (status != null) {
                String key = status.toLowerCase(Locale.ROOT);
                if (REVOKED.contains(key)) {
                    revoked = true;
                } else if (!ACTIVE.contains(key)) {
                    return plan.reject(plan.column(ZoneRegistryKind.STATUS), row.cell(plan.column(ZoneRegistryKind.STATUS)),
                            "unknown status '" + status + "': use 有效/Active or 撤销/Revoked");
                }
            }
        }
        PartialDate revokedOn = null;
        if (plan.has(ZoneRegistryKind.REVOKED_DATE) && row.cell(plan.column(ZoneRegistryKind.REVOKED_DATE)) != null) {
            Parsed<PartialDate> parsed = date(row.cell(plan.column(ZoneRegistryKind.REVOKED_DATE)));
            if (!parsed.ok()) {
                return plan.reject(plan.column(ZoneRegistryKind.REVOKED_DATE),
                        row.cell(plan.column(ZoneRegistryKind.REVOKED_DATE)), parsed.error());
            }
            revokedOn = parsed.value();
            revoked = true;
        }
        if (batch == null && !revoked) {
            return plan.reject(batchColumn >= 0 ? batchColumn : zoneColumn, batchColumn >= 0 ? row.cell(batchColumn) : null,
                    "batch missing: fill the batch column, or name the batch in the sheet name or a title row");
        }

        PartialDate approved = plan.context().date();
        if (plan.has(ZoneRegistryKind.APPROVED) && row.cell(plan.column(ZoneRegistryKind.APPROVED)) != null) {
            Parsed<PartialDate> parsed = date(row.cell(plan.column(ZoneRegistryKind.APPROVED)));
            if (!parsed.ok()) {
                return plan.reject(plan.column(ZoneRegistryKind.APPROVED), row.cell(plan.column(ZoneRegistryKind.APPROVED)),
                        parsed.error());
            }
            approved = parsed.value();
        }
        String document = plan.context().document();
        if (plan.has(ZoneRegistryKind.DOCUMENT)) {
            String text = SheetPlan.cellText(row, plan.column(ZoneRegistryKind.DOCUMENT));
            if (text != null) {
                document = BatchParser.findDocument(text).orElse(text);
            }
        }
        if (batch == null) { // a pure revocation row says nothing about the approval
            approved = null;
            document = null;
        }

        String key = division.code() != null ? division.code() : "NEW:" + division.nameZh();
        return new RowOutcome.Accepted(new ZoneEntry(key, division.code(), division.nameZh(), division.nameEn(),
                division.province().code(), zoneText, batch, approved, document, revoked, revokedOn));
    }

    private static Parsed<PartialDate> date(CellValue cell) {
        return cell instanceof CellValue.DateTime d ? Parsed.ok(DateParser.fromDateTime(d.value()))
                : DateParser.parse(cell.raw());
    }
}
