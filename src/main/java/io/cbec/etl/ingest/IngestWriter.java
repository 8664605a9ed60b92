package io.cbec.etl.ingest;

import io.cbec.etl.job.RunContext;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetPlan;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stages one chunk in its transaction: records through their kind, stated totals and rejected rows in
 * the shared tables, and per-sheet counts of rows read. All of it commits with the reader's position.
 */
@Component
public class IngestWriter implements ItemWriter<StagedRow> {

    private final RunContext run;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate template;
    private final SheetPlanStore store;
    private final Map<String, RecordKind> kinds;

    IngestWriter(RunContext run, JdbcClient jdbc, NamedParameterJdbcTemplate template, SheetPlanStore store,
                 List<RecordKind> kinds) {
        this.run = run;
        this.jdbc = jdbc;
        this.template = template;
        this.store = store;
        this.kinds = kinds.stream().collect(Collectors.toMap(RecordKind::id, Function.identity()));
    }

    @Override
    public void write(Chunk<? extends StagedRow> chunk) {
        long id = run.instanceId();
        Map<String, List<RecordKind.StagedRecord>> records = new LinkedHashMap<>();
        List<MapSqlParameterSource> totals = new ArrayList<>();
        List<MapSqlParameterSource> rejects = new ArrayList<>();
        // By identity: the reader hands on one plan object per sheet, and hashing the record (its column
        // and header maps) for every row was a measurable cost on large inputs.
        Map<SheetPlan, long[]> rowCounts = new IdentityHashMap<>(); // read, accepted
        for (StagedRow staged : chunk) {
            SheetPlan plan = staged.plan();
            if (staged.failure() != null) {
                store.markSheetFailed(id, plan.fileNo(), plan.sheetNo(), staged.failure());
                continue;
            }
            long[] counts = rowCounts.computeIfAbsent(plan, p -> new long[2]);
            counts[0]++;
            RowOutcome outcome = staged.outcome();
            if (outcome instanceof RowOutcome.Accepted a) {
                counts[1]++;
                records.computeIfAbsent(plan.kindId(), k -> new ArrayList<>())
                        .add(new RecordKind.StagedRecord(plan, staged.row(), a.record()));
            } else if (outcome instanceof RowOutcome.StatedTotal t) {
                totals.add(new MapSqlParameterSource()
                        .addValue("id", id).addValue("kind", plan.kindId()).addValue("file", plan.fileNo())
                        .addValue("sheet", plan.sheetNo()).addValue("row", t.row())
                        .addValue("label", SheetPlanStore.truncate(t.label(), 1000)).addValue("subtotal", t.subtotal())
                        .addValue("measure", t.measure()).addValue("value", t.value())
                        .addValue("column", t.column()).addValue("raw", SheetPlanStore.truncate(t.raw(), 2000)));
            } else if (outcome instanceof RowOutcome.Rejected r) {
                rejects.add(new MapSqlParameterSource()
                        .addValue("id", id).addValue("file", plan.fileNo()).addValue("sheet", plan.sheetNo())
                        .addValue("row", staged.row()).addValue("column", SheetPlanStore.truncate(r.column(), 1000))
                        .addValue("raw", SheetPlanStore.truncate(r.raw(), 2000))
                        .addValue("reason", SheetPlanStore.truncate(r.reason(), 4000)));
            } // Ignored rows are counted as read and nothing more
        }
        records.forEach((kind, list) -> kinds.get(kind).stage(jdbc, id, list));
        if (!totals.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO stated_total (instance_id, kind, file_no, sheet_no, row_no, label, subtotal, measure,
                                              stated_value, column_name, raw_value)
                    VALUES (:id, :kind, :file, :sheet, :row, :label, :subtotal, :measure, :value, :column, :raw)""",
                    totals.toArray(MapSqlParameterSource[]::new));
        }
        if (!rejects.isEmpty()) {
            template.batchUpdate("""
                    INSERT INTO rejected_row (instance_id, file_no, sheet_no, row_no, column_name, raw_value, reason)
                    VALUES (:id, :file, :sheet, :row, :column, :raw, :reason)""",
                    rejects.toArray(MapSqlParameterSource[]::new));
        }
        rowCounts.forEach((plan, n) -> store.addRows(id, plan.fileNo(), plan.sheetNo(), n[0], n[1]));
    }
}
