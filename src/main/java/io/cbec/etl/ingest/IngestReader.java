package io.cbec.etl.ingest;

import io.cbec.etl.job.CbecProperties;
import io.cbec.etl.job.RunContext;
import io.cbec.etl.kind.SheetPlan;
import io.cbec.etl.source.InputFolder;
import io.cbec.etl.source.ReadAheadRowStream;
import io.cbec.etl.source.RowStream;
import io.cbec.etl.source.SheetInfo;
import io.cbec.etl.source.SourceException;
import io.cbec.etl.source.SourceRow;
import io.cbec.etl.source.SpreadsheetFile;
import io.cbec.etl.source.SpreadsheetFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;
import org.springframework.stereotype.Component;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Streams the data rows of every planned sheet, one file open at a time. Its position (rows handed on)
 * is saved with every committed chunk, so a restarted ingest skips what was already staged and goes on
 * from the next row: nothing is staged twice.
 *
 * <p>Merged cells follow the one rule of {@link SpreadsheetFiles#rowsWithMergedValues}: the value of a
 * merged region applies to every row it spans, in its first column. A sheet with more data rows than
 * {@code cbec.input.max-rows-per-sheet} is refused at that row (REJECTED, the run exits 66). From a row that
 * repeats the sheet's header below its data on, the rows are handed on as a second table's, which is not read.
 */
@Component
public class IngestReader extends AbstractItemCountingItemStreamItemReader<IngestItem> {

    private static final Logger log = LoggerFactory.getLogger(IngestReader.class);

    private final RunContext run;
    private final SheetPlanStore store;
    private final HeaderClassifier classifier;
    private final long maxRowsPerSheet;
    private final long progressIntervalNanos;

    private Iterator<SheetPlan> plans;
    private SheetPlan plan;
    private SpreadsheetFile file;
    private int fileNo = -1;
    private RowStream rows;
    private long rowsInSheet;
    /** The row where this sheet's header is repeated below data (a second table), 0 until there is one. */
    private int secondHeader;
    private long started;
    private long lastProgress;
    private long total;
    /** While a restart re-reads the rows an earlier execution staged: how many; 0 otherwise. */
    private long skippingTo;

    IngestReader(RunContext run, SheetPlanStore store, HeaderClassifier classifier, CbecProperties properties) {
        this.run = run;
        this.store = store;
        this.classifier = classifier;
        this.maxRowsPerSheet = properties.input().maxRowsPerSheet();
        this.progressIntervalNanos = properties.progressInterval().toNanos();
        setName("ingest");
    }

    @Override
    protected void doOpen() {
        Map<Integer, java.nio.file.Path> paths = run.inputs().files().stream()
                .collect(Collectors.toMap(InputFolder.InputFile::fileNo, InputFolder.InputFile::path));
        List<SheetPlan> all = store.plans(run.instanceId(), paths);
        plans = all.iterator();
        started = lastProgress = System.nanoTime();
        total = 0;
    }

    @Override
    protected IngestItem doRead() throws Exception {
        while (true) {
            if (rows == null) {
                if (!plans.hasNext()) {
                    return null;
                }
                plan = plans.next();
                try {
                    openSheet();
                } catch (SourceException e) {
                    closeFile();
                    log.error("{}!{}: {}", plan.fileName(), plan.sheetName(), e.getMessage());
                    return IngestItem.failed(plan, e.getMessage());
                }
            }
            SourceRow row;
            try {
                row = rows.next();
            } catch (SourceException e) {
                closeSheet();
                log.error("{}!{}: {}", plan.fileName(), plan.sheetName(), e.getMessage());
                return IngestItem.failed(plan, e.getMessage());
            }
            if (row == null) {
                log.info("{}!{}: {} data row(s) read", plan.fileName(), plan.sheetName(), rowsInSheet);
                closeSheet();
                continue;
            }
            if (row.rowNumber() <= plan.headerRow() || row.isBlank()) {
                continue; // a row of spaces is as blank as an empty one: not a record, and the sheet goes on
            }
            if (rowsInSheet >= maxRowsPerSheet) {
                String failure = "more than " + maxRowsPerSheet + " data rows (row " + row.rowNumber()
                        + " is over the cbec.input.max-rows-per-sheet limit); split the sheet or raise the limit";
                closeSheet();
                log.error("{}!{}: {}", plan.fileName(), plan.sheetName(), failure);
                return IngestItem.failed(plan, failure);
            }
            // A header repeated below data starts a second table (README: one table per sheet); repeated right under
            // the header, it is the lower half of a two-row header instead. Kept here, where a restart that
            // re-reads the sheet up to its position finds it again.
            if (secondHeader == 0 && rowsInSheet > 0 && classifier.repeatsHeader(plan, row)) {
                secondHeader = row.rowNumber();
                log.warn("{}!{}: row {} repeats the header of row {}: a second table, not read", plan.fileName(),
                        plan.sheetName(), secondHeader, plan.headerRow());
            }
            rowsInSheet++;
            progress();
            return secondHeader == 0 ? IngestItem.row(plan, row) : IngestItem.inSecondTable(plan, row, secondHeader);
        }
    }

    /** A restart re-reads the rows an earlier execution staged, without handing them on again. */
    @Override
    protected void jumpToItem(int itemIndex) throws Exception {
        log.info("ingest: resuming after {} row(s) staged by an earlier execution; skipping to there", itemIndex);
        skippingTo = itemIndex;
        try {
            super.jumpToItem(itemIndex);
        } finally {
            skippingTo = 0;
        }
    }

    private void openSheet() throws SourceException {
        if (plan.fileNo() != fileNo) {
            closeFile();
            file = SpreadsheetFiles.open(plan.path(), plan.fileType());
            fileNo = plan.fileNo();
        }
        SheetInfo sheet = file.sheets().stream().filter(s -> s.index() == plan.sheetNo()).findFirst()
                .orElseThrow(() -> new SourceException("sheet " + plan.sheetName() + " is no longer in the file"));
        // Opened here, so a sheet that cannot be opened fails as before; its rows are then read ahead on a
        // second core while this thread normalises and stages the rows before them.
        rows = ReadAheadRowStream.of(SpreadsheetFiles.rowsWithMergedValues(file, sheet),
                plan.fileName() + "!" + plan.sheetName());
        rowsInSheet = 0;
        secondHeader = 0;
    }

    private void progress() {
        total++;
        long now = System.nanoTime();
        if (now - lastProgress >= progressIntervalNanos) {
            lastProgress = now;
            double seconds = (now - started) / 1e9;
            if (skippingTo > 0) {
                // not "ingest: 1 rows", which would read as if the ingest had started again from the first row
                log.info("ingest: skipping: row {} of {} staged by an earlier execution, now at {}!{} row {}", total,
                        skippingTo, plan.fileName(), plan.sheetName(), rowsInSheet);
            } else {
                log.info("ingest: {} rows ({} rows/s), now at {}!{} row {}", total, Math.round(total / seconds),
                        plan.fileName(), plan.sheetName(), rowsInSheet);
            }
        }
    }

    private void closeSheet() throws SourceException {
        if (rows != null) {
            rows.close();
            rows = null;
        }
    }

    private void closeFile() throws SourceException {
        closeSheet();
        if (file != null) {
            file.close();
            file = null;
            fileNo = -1;
        }
    }

    @Override
    protected void doClose() throws Exception {
        closeFile();
        plans = null;
    }
}
