package io.cbec.etl.kind.zone;

import io.cbec.etl.kind.RecordKind.SummaryItem;
import io.cbec.etl.normalise.DivisionDirectory;
import io.cbec.etl.normalise.PartialDate;
import io.cbec.etl.normalise.Precision;
import io.cbec.etl.normalise.Province;
import io.cbec.etl.report.Column;
import io.cbec.etl.report.ColumnFormat;
import io.cbec.etl.report.Formatted;
import io.cbec.etl.report.ListSheet;
import io.cbec.etl.report.ReportWorkbook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The registry's Summary items and its sheets: Zones by Batch (with chart), Zones by Province, Pilot Zones. */
final class ZoneReportSheets {

    private final DivisionDirectory directory;

    ZoneReportSheets(DivisionDirectory directory) {
        this.directory = directory;
    }

    List<SummaryItem> summaryItems(List<ZoneRegister.Zone> zones) {
        List<BatchRow> batches = batches(zones);
        BatchRow latest = batches.isEmpty() ? null : batches.get(batches.size() - 1);
        long active = zones.stream().filter(ZoneRegister.Zone::active).count();
        long provinces = zones.stream().filter(ZoneRegister.Zone::active).map(ZoneRegister.Zone::provinceCode)
                .distinct().count();
        List<SummaryItem> items = new ArrayList<>();
        items.add(new SummaryItem("Active pilot zones", active));
        items.add(new SummaryItem("Approved pilot zones", (long) zones.size()));
        items.add(new SummaryItem("Revoked pilot zones", zones.size() - active));
        items.add(new SummaryItem("Batches", (long) batches.size()));
        items.add(new SummaryItem("Latest batch", latest == null ? null : (long) latest.batch()));
        items.add(new SummaryItem("Latest batch approved", latest == null ? null : dateCell(latest.approved())));
        items.add(new SummaryItem("Latest batch zones", latest == null ? null : (long) latest.approvedZones()));
        items.add(new SummaryItem("Provinces covered", provinces));
        // No registry among the inputs: the items stay (the report contract lists them) but empty, not 0.
        return zones.isEmpty() ? items.stream().map(i -> new SummaryItem(i.item(), null)).toList() : items;
    }

    void write(List<ZoneRegister.Zone> zones, ReportWorkbook workbook) {
        if (zones.isEmpty()) {
            return; // no registry among the inputs: its sheets are left out (README), not tables of zeros
        }
        writeByBatch(zones, workbook);
        writeByProvince(zones, workbook);
        writeZones(zones, workbook);
    }

    private record BatchRow(int batch, PartialDate approved, String document, int approvedZones, int revoked) {
        int active() {
            return approvedZones - revoked;
        }
    }

    private static List<BatchRow> batches(List<ZoneRegister.Zone> zones) {
        Map<Integer, List<ZoneRegister.Zone>> byBatch = zones.stream()
                .collect(Collectors.groupingBy(ZoneRegister.Zone::batch, TreeMap::new, Collectors.toList()));
        List<BatchRow> rows = new ArrayList<>();
        byBatch.forEach((batch, list) -> rows.add(new BatchRow(batch,
                list.stream().map(ZoneRegister.Zone::approved).filter(d -> d != null).findFirst().orElse(null),
                list.stream().map(ZoneRegister.Zone::document).filter(d -> d != null).findFirst().orElse(null),
                list.size(), (int) list.stream().filter(z -> z.revoked()).count())));
        return rows;
    }

    private void writeByBatch(List<ZoneRegister.Zone> zones, ReportWorkbook workbook) {
        ListSheet sheet = workbook.listSheet("Zones by Batch", List.of(
                Column.integer("Batch"), Column.date("Approved"), Column.text("Document"),
                Column.integer("Zones approved"), Column.integer("Revoked"), Column.integer("Active"),
                Column.integer("Cumulative active")));
        List<BatchRow> batches = batches(zones);
        long cumulative = 0;
        for (BatchRow b : batches) {
            cumulative += b.active();
            sheet.row(b.batch(), dateCell(b.approved()), b.document(), b.approvedZones(), b.revoked(), b.active(),
                    cumulative);
        }
        int lastData = sheet.lastRowNumber();
        sheet.row("Total", null, null, zones.size(), batches.stream().mapToInt(BatchRow::revoked).sum(),
                (int) cumulative, null);
        sheet.emphasiseLastRow();
        sheet.finish();
        if (!batches.isEmpty()) {
            workbook.addColumnLineChart(sheet, "Pilot zones by batch", 2, lastData, 0, 3, "Zones approved", 6,
                    "Cumulative active", 8, 1);
        }
    }

    private void writeByProvince(List<ZoneRegister.Zone> zones, ReportWorkbook workbook) {
        int maxBatch = zones.stream().mapToInt(ZoneRegister.Zone::batch).max().orElse(0);
        List<Column> columns = new ArrayList<>(List.of(Column.text("Province"), Column.text("Province (zh)"),
                Column.code("Code"), Column.text("Region"), Column.integer("Active zones"), Column.percent("Share")));
        for (int b = 1; b <= maxBatch; b++) {
            columns.add(Column.integer("Batch " + b));
        }
        ListSheet sheet = workbook.listSheet("Zones by Province", columns);
        List<ZoneRegister.Zone> active = zones.stream().filter(ZoneRegister.Zone::active).toList();
        Map<String, int[]> byProvince = new LinkedHashMap<>();
        for (ZoneRegister.Zone z : active) {
            byProvince.computeIfAbsent(z.provinceCode(), k -> new int[maxBatch + 1])[z.batch()]++;
        }
        List<Map.Entry<String, int[]>> sorted = new ArrayList<>(byProvince.entrySet());
        sorted.sort(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> -sum(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        int[] totals = new int[maxBatch + 1];
        for (Map.Entry<String, int[]> e : sorted) {
            Province p = directory.provinceByCode(e.getKey()).orElseThrow();
            int count = sum(e.getValue());
            List<Object> row = new ArrayList<>(List.of(p.nameEn(), p.nameZh(), p.code(), p.region().label(), count,
                    share(count, active.size())));
            for (int b = 1; b <= maxBatch; b++) {
                row.add(e.getValue()[b]);
                totals[b] += e.getValue()[b];
            }
            sheet.row(row.toArray());
        }
        List<Object> total = new ArrayList<>(List.of("Total", "合计", "", "", active.size(),
                share(active.size(), active.size())));
        for (int b = 1; b <= maxBatch; b++) {
            total.add(totals[b]);
        }
        sheet.row(total.toArray());
        sheet.emphasiseLastRow();
        sheet.finish();
    }

    private void writeZones(List<ZoneRegister.Zone> zones, ReportWorkbook workbook) {
        ListSheet sheet = workbook.listSheet("Pilot Zones", List.of(
                Column.code("Code"), Column.text("Zone"), Column.text("Zone (zh)"), Column.text("Province"),
                Column.text("Province (zh)"), Column.text("Region"), Column.integer("Batch"), Column.date("Approved"),
                Column.text("Document"), Column.text("Status"), Column.date("Revoked"), Column.text("Source"),
                Column.text("Also listed in")));
        for (ZoneRegister.Zone z : zones) {
            Province p = directory.provinceByCode(z.provinceCode()).orElseThrow();
            sheet.row(z.code() == null ? "" : z.code(), z.nameEn(), z.nameZh(), p.nameEn(), p.nameZh(),
                    p.region().label(), z.batch(), dateCell(z.approved()), z.document(),
                    z.revoked() ? "Revoked" : "Active", dateCell(z.revokedOn()), z.source(),
                    z.alsoListedIn());
        }
        sheet.finishAsTable("PilotZones");
    }

    /** A real date cell, shown as yyyy-mm when only the month is known. */
    private static Object dateCell(PartialDate date) {
        if (date == null) {
            return null;
        }
        return switch (date.precision()) {
            case DAY -> date.start();
            case MONTH -> new Formatted(date.start(), ColumnFormat.MONTH);
            case QUARTER, YEAR -> date.toString();
        };
    }

    private static int sum(int[] counts) {
        int s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }

    private static BigDecimal share(int part, int whole) {
        return whole == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 6, RoundingMode.HALF_UP);
    }
}
