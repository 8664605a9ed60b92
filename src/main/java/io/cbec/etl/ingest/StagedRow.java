package io.cbec.etl.ingest;

import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.kind.SheetPlan;

/** An ingested row and what its kind made of it; {@code outcome} is null for a sheet failure. */
public record StagedRow(SheetPlan plan, int row, RowOutcome outcome, String failure) { }
