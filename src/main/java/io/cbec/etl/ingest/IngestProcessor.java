package io.cbec.etl.ingest;

import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.source.SourceRow;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Hands each row to the normaliser of its sheet's kind, and rejects a row that holds a figure in a column with no
 * header, which no kind reads ({@link HeadlessFigures}).
 */
@Component
public class IngestProcessor implements ItemProcessor<IngestItem, StagedRow> {

    private final Map<String, RecordKind> kinds;
    /** The rows of one sheet come together, with one plan object: its headless columns are worked out once. */
    private volatile HeadlessFigures headless;

    IngestProcessor(List<RecordKind> kinds) {
        this.kinds = kinds.stream().collect(Collectors.toMap(RecordKind::id, Function.identity()));
    }

    @Override
    public StagedRow process(IngestItem item) {
        if (item.failure() != null) {
            return new StagedRow(item.plan(), 0, null, item.failure());
        }
        if (item.secondHeader() > 0) {
            return new StagedRow(item.plan(), item.row().rowNumber(), secondTable(item), null);
        }
        SheetPlan plan = item.plan();
        RowOutcome outcome = kinds.get(plan.kindId()).normalise(plan, item.row());
        // A stated total has used its figure; a rejected row is listed already.
        if (outcome instanceof RowOutcome.Accepted || outcome instanceof RowOutcome.Ignored) {
            HeadlessFigures sheet = headless;
            if (sheet == null || sheet.plan() != plan) {
                sheet = new HeadlessFigures(plan);
                headless = sheet;
            }
            Optional<RowOutcome.Rejected> rejected = sheet.check(item.row());
            if (rejected.isPresent()) {
                outcome = rejected.get();
            }
        }
        return new StagedRow(plan, item.row().rowNumber(), outcome, null);
    }

    /**
     * A row of a second table stacked below the first (the header repeated below data). Not read: the rows
     * above the repeated header are that table's title (第七批…, a date line, a unit) and would give it another
     * batch, document, date, period or unit than the first table's, which its rows would otherwise take.
     * Named by the sheet's first column, where the user finds the zone, the date or the check.
     */
    private static RowOutcome secondTable(IngestItem item) {
        SheetPlan plan = item.plan();
        SourceRow row = item.row();
        int column = plan.columns().values().stream().min(Integer::compare).orElse(0);
        String fix = "put each table in its own sheet, with its title above its header";
        String reason = row.rowNumber() == item.secondHeader()
                ? "row " + row.rowNumber() + " repeats the header of row " + plan.headerRow() + ": a second table "
                        + "starts here, and it is not read, as it would take the first table's title (batch, document, "
                        + "date, period, unit) for its own: " + fix + " (or, if this row only repeats the header "
                        + "within one table, delete it)"
                : "in a second table, below the header repeated on row " + item.secondHeader()
                        + ": not read (one table per sheet): " + fix;
        return plan.reject(column, row.cell(column), reason);
    }
}
