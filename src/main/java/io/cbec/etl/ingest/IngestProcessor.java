package io.cbec.etl.ingest;

import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetPlan;
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
}
