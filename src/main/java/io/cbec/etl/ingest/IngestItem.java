package io.cbec.etl.ingest;

import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.source.SourceRow;

/**
 * What the ingest reader hands on: a data row of a planned sheet, or the news that the sheet could not
 * be read to its end (then {@code row} is null and {@code failure} says why). {@code secondHeader} is the row
 * where the sheet's header was repeated below data, when this row is that row or below it: a second table,
 * not read (0 otherwise).
 */
public record IngestItem(SheetPlan plan, SourceRow row, String failure, int secondHeader) {

    static IngestItem row(SheetPlan plan, SourceRow row) {
        return new IngestItem(plan, row, null, 0);
    }

    static IngestItem inSecondTable(SheetPlan plan, SourceRow row, int secondHeader) {
        return new IngestItem(plan, row, null, secondHeader);
    }

    static IngestItem failed(SheetPlan plan, String failure) {
        return new IngestItem(plan, null, failure, 0);
    }
}
