package io.cbec.etl.ingest;

import io.cbec.etl.job.RunContext;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.source.FileTypeDetector;
import io.cbec.etl.source.InputFolder;
import io.cbec.etl.source.IoFailures;
import io.cbec.etl.source.RowStream;
import io.cbec.etl.source.SheetInfo;
import io.cbec.etl.source.SourceException;
import io.cbec.etl.source.SourceRow;
import io.cbec.etl.source.SpreadsheetFile;
import io.cbec.etl.source.SpreadsheetFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 1: every input file is typed from its bytes, and every sheet of a readable file is classified by
 * its header. A file that cannot be read is recorded with the reason (the run will end with 66); a file
 * whose content equals an earlier one is recorded and not read again.
 */
@Component
public class InventoryTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(InventoryTasklet.class);

    private final RunContext run;
    private final SheetPlanStore store;
    private final HeaderClassifier classifier;
    private final List<RecordKind> kinds;
    private final JdbcClient jdbc;

    InventoryTasklet(RunContext run, SheetPlanStore store, HeaderClassifier classifier, List<RecordKind> kinds,
                     JdbcClient jdbc) {
        this.run = run;
        this.store = store;
        this.classifier = classifier;
        this.kinds = kinds;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        long id = run.instanceId();
        // A restarted inventory starts from nothing: it and everything after it are redone.
        store.clear(id);
        kinds.forEach(k -> k.purge(jdbc, id));
        InputFolder.Snapshot inputs = run.inputs();
        if (!inputs.folderExists()) {
            log.error("Input folder {} does not exist: create it or pass --input=DIR", inputs.folder());
        } else if (inputs.folderProblem() != null) {
            log.error("Cannot read the input folder {}: {}. Give the account that runs cbec-etl read access to it,"
                    + " or pass --input=DIR", inputs.folder(), inputs.folderProblem());
        } else if (inputs.files().isEmpty() && inputs.unsettled().isEmpty()) {
            log.error("No input files in {}: put .xlsx, .xlsm, .xls or .csv files there", inputs.folder());
        }
        Map<String, String> firstBySha = new HashMap<>();
        for (InputFolder.InputFile file : inputs.files()) {
            if (!file.readable()) {
                refuse(id, file, null, file.problem());
                continue;
            }
            String same = firstBySha.putIfAbsent(file.sha256(), file.name());
            if (same != null) {
                store.addFile(id, file.fileNo(), file.name(), null, file.size(), file.sha256(), "REJECTED", false,
                        "same content as " + same + " (equal SHA-256): read once, not counted twice");
                log.warn("{}: same content as {}: read once", file.name(), same);
                continue;
            }
            inventory(id, file);
        }
        int fileNo = inputs.files().size();
        // REJECTED (not read, for a reason), not UNRECOGNISED: the file may well be a good spreadsheet.
        for (InputFolder.Unsettled unsettled : inputs.unsettled()) {
            store.addFile(id, ++fileNo, unsettled.name(), null, null, null, "REJECTED", false, unsettled.reason());
        }
        for (InputFolder.PassedOver passed : inputs.passedOver()) {
            store.addFile(id, ++fileNo, passed.name(), null, null, null, "UNRECOGNISED", false, passed.reason());
        }
        return RepeatStatus.FINISHED;
    }

    private void inventory(long id, InputFolder.InputFile file) {
        FileTypeDetector.Detection detection;
        try {
            detection = FileTypeDetector.detect(file.path());
        } catch (java.io.IOException e) {
            refuse(id, file, null, "cannot read the file: " + IoFailures.reason(e));
            return;
        }
        if (detection.problem() != null) {
            refuse(id, file, detection.type(), detection.problem());
            return;
        }
        try (SpreadsheetFile spreadsheet = SpreadsheetFiles.open(file.path(), detection.type())) {
            List<SheetInfo> sheets = spreadsheet.sheets();
            int recognised = 0;
            for (SheetInfo sheet : sheets) {
                List<SourceRow> firstRows = new ArrayList<>();
                try (RowStream rows = spreadsheet.rows(sheet)) {
                    for (SourceRow row; firstRows.size() < HeaderClassifier.HEADER_SEARCH_ROWS
                            && (row = rows.next()) != null && row.rowNumber() <= HeaderClassifier.HEADER_SEARCH_ROWS; ) {
                        firstRows.add(row);
                    }
                }
                HeaderClassifier.Classification c = classifier.classify(sheet.name(), firstRows,
                        () -> SpreadsheetFiles.mergedRegions(spreadsheet, sheet));
                String status = c.recognised() ? "READ" : c.refused() ? "REJECTED" : "UNRECOGNISED";
                // A sheet refused for its header keeps its kind when it has one, so Files shows what it was taken for.
                store.addSheet(id, file.fileNo(), sheet.index(), sheet.name(), sheet.hidden(),
                        c.kind() != null ? c.kind().id() : null, status, c.headerRow(), c.columns(), c.headers(),
                        c.context(), c.problem());
                if (c.recognised()) {
                    recognised++;
                    log.info("{}!{}: {} (header on row {}{})", file.name(), sheet.name(), c.kind().label(),
                            c.headerRow(), sheet.hidden() ? ", hidden sheet" : "");
                } else if (c.refused()) {
                    log.error("{}!{}: {}", file.name(), sheet.name(), c.problem());
                } else {
                    log.warn("{}!{}: not recognised: {}", file.name(), sheet.name(), c.problem());
                }
            }
            store.addFile(id, file.fileNo(), file.name(), detection.type(), file.size(), file.sha256(),
                    recognised > 0 ? "READ" : "UNRECOGNISED", false,
                    recognised > 0 ? null : "no sheet of a known kind");
        } catch (SourceException e) {
            refuse(id, file, detection.type(), e.getMessage());
        }
    }

    private void refuse(long id, InputFolder.InputFile file, io.cbec.etl.source.FileType type, String problem) {
        log.error("{}: {}", file.name(), problem);
        store.addFile(id, file.fileNo(), file.name(), type, file.size(), file.sha256(), "REJECTED", true, problem);
    }
}
