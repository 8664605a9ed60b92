package io.cbec.etl.ingest;

import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.source.SourceRow;

/**
 * What the ingest reader hands on: a data row of a planned sheet, or the news that the sheet could not
 * be read to its end (then {@code row} is null and {@code failure} says why).
 */
public record IngestItem(SheetPlan plan, SourceRow row, String failure) {

    static IngestItem row(SheetPlan plan, SourceRow row) {
        return new IngestItem(plan, row, null);
    }

    static IngestItem failed(SheetPlan plan, String failure) {
        return new IngestItem(plan, null, failure);
    }
}
