package io.cbec.etl.report;

import io.cbec.etl.check.CheckStatus;
import io.cbec.etl.check.CheckStore;
import io.cbec.etl.check.CheckValue;
import io.cbec.etl.job.CbecProperties;
import io.cbec.etl.job.ProgressLog;
import io.cbec.etl.job.RunContext;
import io.cbec.etl.job.RunOutcome;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.kind.RowOutcome;
import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.source.InputFolder;
import io.cbec.etl.source.IoFailures;
import io.cbec.etl.source.ThreadFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Step 4: decides the run's outcome from the checks, writes the data-quality workbook (always), and the
 * report only when nothing failed. Both are written to a temp file and moved into place atomically, so a
 * reader of output/ never sees half a workbook and a failed run leaves the previous report untouched.
 */
@Component
public class ReportTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReportTasklet.class);
    static final int REJECTS_LOGGED = 20;

    private final RunContext run;
    private final CheckStore checks;
    private final List<RecordKind> kinds;
    private final JdbcClient jdbc;
    private final Duration progressInterval;

    /** The workbooks being written, by file name, for the progress timer's thread. */
    private final Map<String, ReportWorkbook> writing = new ConcurrentSkipListMap<>();

    ReportTasklet(RunContext run, CheckStore checks, List<RecordKind> kinds, JdbcClient jdbc,
                  CbecProperties properties) {
        this.run = run;
        this.checks = checks;
        this.kinds = kinds;
        this.jdbc = jdbc;
        this.progressInterval = properties.progressInterval();
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long id = run.instanceId();
        List<FileRow> files = files(id);
        List<InputFolder.Unsettled> unsettled = run.inputs().unsettled();
        boolean unreadable = !run.inputs().folderExists() || run.inputs().files().isEmpty() && unsettled.isEmpty()
                || jdbc.sql("SELECT COUNT(*) FROM source_file WHERE instance_id = :id AND unreadable")
                .param("id", id).query(Long.class).single() > 0;
        boolean failed = checks.count(id, CheckStatus.FAIL) > 0;
        // A file still being written outranks failed checks: they may be failing for want of it.
        RunOutcome outcome = unreadable ? RunOutcome.INPUT_ERROR : !unsettled.isEmpty() ? RunOutcome.UNSETTLED
                : failed ? RunOutcome.DATA_ERROR : RunOutcome.PUBLISHED;

        Path output = run.options().output();
        Path temp = run.options().stateDir().resolve("tmp");
        String published = "nothing";
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            // Whatever the reason (a file in the way, no permission, read-only disk), there is no folder to write to.
            log.error("Cannot create output folder {}: {}. Check that it is a folder this account can write, or pass"
                    + " --output=DIR.", output, IoFailures.describe(e, output));
            outcome = RunOutcome.CANT_CREATE;
        }
        if (outcome != RunOutcome.CANT_CREATE) {
            // Both workbooks are written in full before either replaces its predecessor, then published together:
            // a full disk (or anything else) failing either leaves the pair on disk as the previous run published
            // it, never a data-quality workbook about a report that was not published.
            List<AtomicPublisher.Staged> staged = new ArrayList<>();
            writing.clear();
            Path dataQuality = ReportFiles.dataQuality(output, run.options().reportDate());
            // The data-quality workbook is written on a second thread while this one writes the report: they
            // share nothing but the database, and the second core is otherwise idle in this step.
            FutureTask<AtomicPublisher.Staged> dataQualityStaged = new FutureTask<>(() -> AtomicPublisher.stage(
                    dataQuality, target -> writeDataQuality(id, files, temp, dataQuality, target)));
            try (ProgressLog progress = ProgressLog.start("report", progressInterval, this::progress)) {
                Thread dataQualityWriter = new Thread(dataQualityStaged, "report-data-quality");
                dataQualityWriter.setDaemon(true);
                dataQualityWriter.start();
                try {
                    if (outcome == RunOutcome.PUBLISHED) {
                        Path report = ReportFiles.report(output, run.options().reportDate());
                        staged.add(AtomicPublisher.stage(report, target -> writeReport(id, files, temp, report, target)));
                    }
                } catch (IOException | RuntimeException | Error e) {
                    discardWhenDone(dataQualityStaged); // the report's failure is the one to tell
                    throw e;
                }
                staged.add(finished(dataQualityStaged));
                AtomicPublisher.publishTogether(staged);
                published = staged.stream().map(s -> s.target().getFileName().toString())
                        .collect(Collectors.joining(" and "));
            } catch (AtomicPublisher.PartlyPublished e) {
                outcome = writeFailed(e.failure(), output, e.published());
                published = e.published().stream().map(p -> p.getFileName().toString())
                        .collect(Collectors.joining(" and "));
            } catch (IOException e) {
                outcome = writeFailed(e, output, List.of());
            } catch (RuntimeException e) {
                // POI's streaming writer wraps the IOException of its own temp files (disk full) in a RuntimeException.
                IOException io = IoFailures.find(e);
                if (io == null) {
                    throw e;
                }
                outcome = writeFailed(io, output, List.of());
            } finally {
                writing.clear(); // closed: nothing to show, nothing to keep
                staged.forEach(AtomicPublisher.Staged::discard);
            }
        }
        if (outcome == RunOutcome.UNSETTLED) {
            log.warn("No report published: {} may still be being written (modified less than {} s before the run);"
                    + " the next run reads it", unsettled.stream().map(InputFolder.Unsettled::name)
                    .collect(Collectors.joining(", ")), unsettled.get(0).settleTime().toSeconds());
        }
        // The run's summary table is logged by the command line at the very end (also when a run fails).
        log.info("report: {} ({})", outcome, "published " + published);
        contribution.setExitStatus(new ExitStatus(outcome.name(), "published " + published));
        return RepeatStatus.FINISHED;
    }

    private static RunOutcome writeFailed(IOException e, Path output, List<Path> published) {
        RunOutcome outcome = writeFailure(e);
        // Only a file system without hard links can leave one workbook published (AtomicPublisher.publishTogether).
        String kept = published.isEmpty()
                ? "Nothing was published; the previous report and data-quality workbook are untouched."
                : "Only " + published.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(" and "))
                + " was published and could not be put back; the next run publishes both again.";
        // The run's own temp files in the folder (.cbec-report-....tmp, deleted by now) would only be noise.
        String detail = e instanceof FileSystemException fs && fs.getOtherFile() == null && fs.getFile() != null
                && Path.of(fs.getFile()).getFileName().toString().startsWith(".")
                && output.toAbsolutePath().equals(Path.of(fs.getFile()).toAbsolutePath().getParent())
                ? IoFailures.reason(e) : IoFailures.describe(e, output);
        if (outcome == RunOutcome.CANT_CREATE) {
            log.error("Cannot create output in {}: {}. Give the account that runs cbec-etl write access to it, or pass"
                    + " --output=DIR. {}", output, detail, kept);
        } else {
            log.error("I/O error (disk full?) writing to {}: {}. {}", output, detail, kept);
        }
        return outcome;
    }

    /**
     * What a failed write means for the exit code: no permission or a read-only file system is 73 (the
     * output cannot be created there at all); anything else (disk full, a failed rename, ...) is 74.
     */
    static RunOutcome writeFailure(IOException e) {
        return IoFailures.notWritable(e) ? RunOutcome.CANT_CREATE : RunOutcome.IO_ERROR;
    }

    /** One row of the Files sheet: a sheet, or a file that has no readable sheet. */
    record FileRow(int fileNo, String file, String kind, String sheet, String status, long rowsRead, long accepted,
                   long rejected, long totals, String sha256, String error, boolean hidden) { }

    private List<FileRow> files(long id) {
        Map<String, RecordKind> byId = kinds.stream().collect(Collectors.toMap(RecordKind::id, Function.identity()));
        return jdbc.sql("""
                        SELECT f.file_no, f.file_name, s.kind, s.sheet_name, COALESCE(s.status, f.status),
                               COALESCE(s.rows_read, 0),
                               (SELECT COUNT(*) FROM rejected_row r WHERE r.instance_id = f.instance_id
                                    AND r.file_no = f.file_no AND r.sheet_no = s.sheet_no),
                               (SELECT COUNT(*) FROM stated_total t WHERE t.instance_id = f.instance_id
                                    AND t.file_no = f.file_no AND t.sheet_no = s.sheet_no),
                               f.sha256, COALESCE(s.error, f.error), COALESCE(s.hidden, FALSE), s.sheet_no
                        FROM source_file f
                        LEFT JOIN source_sheet s ON s.instance_id = f.instance_id AND s.file_no = f.file_no
                        WHERE f.instance_id = :id
                        ORDER BY f.file_no, s.sheet_no""")
                .param("id", id)
                .query((rs, n) -> {
                    String kindId = rs.getString(3);
                    RecordKind kind = kindId == null ? null : byId.get(kindId);
                    long accepted = kind == null ? 0 : kind.stagedRows(jdbc, id, rs.getInt(1), rs.getInt(12));
                    return new FileRow(rs.getInt(1), rs.getString(2), kind == null ? "" : kind.label(),
                            rs.getString(4), rs.getString(5), rs.getLong(6), accepted, rs.getLong(7), rs.getLong(8),
                            rs.getString(9), rs.getString(10), rs.getBoolean(11));
                })
                .list();
    }

    /**
     * The first {@value #REJECTS_LOGGED} rejected rows also go to the log, a line each with their place, value
     * and reason (bad-inputs.md: one clear line on the console), so that cron's mail says what to fix without
     * opening the workbook; the rest are counted.
     */
    private static void logRejected(int nth, String file, String sheet, int row, String column, String value,
                                    String reason) {
        if (nth <= REJECTS_LOGGED) {
            // cleaned: a value's control characters (a NUL, an ESC) would garble the terminal or cron's mail
            log.warn("Rejected {}!{} row {}{}{}: {}", file, sheet, row,
                    column == null ? "" : " column " + TextNormaliser.clean(column),
                    value == null ? "" : " '" + RowOutcome.Rejected.shortened(TextNormaliser.clean(value)) + "'",
                    TextNormaliser.clean(reason));
        }
    }

    private void writeDataQuality(long id, List<FileRow> files, Path temp, Path published, Path target)
            throws IOException {
        try (ReportWorkbook workbook = new ReportWorkbook(temp);
             Shown shown = show(published, workbook)) {
            workbook.setProperties("cbec-etl data quality " + run.options().reportDate(), run.runId());
            ListSheet sheet = workbook.listSheet("Files", List.of(Column.text("File"), Column.text("Kind"),
                    Column.text("Sheet"), Column.text("Status"), Column.integer("Rows read"),
                    Column.integer("Rows accepted"), Column.integer("Rows rejected"), Column.integer("Total rows"),
                    Column.code("SHA-256"), Column.text("Error"), Column.text("Hidden")));
            for (FileRow f : files) {
                sheet.row(f.file(), f.kind(), f.sheet(), f.status(), f.rowsRead(), f.accepted(), f.rejected(),
                        f.totals(), f.sha256(), f.error(), f.hidden() ? "hidden" : "");
            }
            sheet.finish();
            ListSheet rejected = workbook.listSheet("Rejected Rows", List.of(Column.text("File"), Column.text("Sheet"),
                    Column.integer("Row"), Column.text("Column"), Column.text("Value"), Column.text("Reason")));
            jdbc.sql("""
                            SELECT f.file_name, s.sheet_name, r.row_no, r.column_name, r.raw_value, r.reason
                            FROM rejected_row r
                            JOIN source_file f ON f.instance_id = r.instance_id AND f.file_no = r.file_no
                            JOIN source_sheet s ON s.instance_id = r.instance_id AND s.file_no = r.file_no
                                               AND s.sheet_no = r.sheet_no
                            WHERE r.instance_id = :id
                            ORDER BY r.file_no, r.sheet_no, r.row_no""")
                    .param("id", id)
                    .query(rs -> {
                        rejected.row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                                rs.getString(6));
                        logRejected(rejected.dataRowCount(), rs.getString(1), rs.getString(2), rs.getInt(3),
                                rs.getString(4), rs.getString(5), rs.getString(6));
                    });
            if (rejected.dataRowCount() > REJECTS_LOGGED) {
                log.warn("... and {} more rejected row(s): see Rejected Rows in {}",
                        String.format("%,d", rejected.dataRowCount() - REJECTS_LOGGED),
                        ReportFiles.dataQuality(run.options().output(), run.options().reportDate()).getFileName());
            }
            rejected.finish();
            writeChecks(workbook, id);
            workbook.write(target);
        }
    }

    /** Shows a workbook on the progress line, under the name it is published as, until closed. */
    private Shown show(Path published, ReportWorkbook workbook) {
        String name = published.getFileName().toString();
        writing.put(name, workbook);
        return () -> writing.remove(name);
    }

    private interface Shown extends AutoCloseable {
        @Override
        void close();
    }

    private String progress() {
        return writing.isEmpty() ? "reading the checks" : writing.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().progress()).collect(Collectors.joining("; "));
    }

    /** Waits for the data-quality workbook's thread and deletes what it staged; its own failure is not news. */
    private static void discardWhenDone(FutureTask<AtomicPublisher.Staged> task) {
        try {
            task.get().discard();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // it deleted its temp file as it failed (AtomicPublisher.stage)
        }
    }

    /**
     * The staged data-quality workbook, once its thread is done. Its failure is this thread's: an
     * {@link IOException} (a full disk) or a runtime exception is rethrown as it was.
     */
    private static AtomicPublisher.Staged finished(FutureTask<AtomicPublisher.Staged> task) throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the data-quality workbook was being written");
        } catch (ExecutionException e) {
            throw ThreadFailures.rethrow(e.getCause(), IOException.class);
        }
    }

    private void writeReport(long id, List<FileRow> files, Path temp, Path published, Path target)
            throws IOException {
        try (ReportWorkbook workbook = new ReportWorkbook(temp);
             Shown shown = show(published, workbook)) {
            workbook.setProperties("cbec-etl report " + run.options().reportDate(), run.runId());
            boolean rejects = checks.has(id, "No rejected rows", CheckStatus.WARN);
            ListSheet summary = workbook.listSheet("Summary", List.of(Column.text("Item"), Column.text("Value")));
            summary.row("Report date", new Formatted(run.options().reportDate(), ColumnFormat.DATE));
            summary.row("Run id", run.runId());
            summary.row("Generated at", new Formatted(LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS),
                    ColumnFormat.DATE_TIME));
            summary.row("Validation", rejects ? "PASSED WITH REJECTS" : "PASSED");
            for (RecordKind kind : kinds) {
                for (RecordKind.SummaryItem item : kind.summaryItems(jdbc, id)) {
                    summary.row(item.item(), summaryValue(item.value()));
                }
            }
            ListSheet sources = summary.blockBelow(List.of(Column.text("File"), Column.text("Kind"),
                    Column.integer("Sheets"), Column.integer("Rows"), Column.code("SHA-256")));
            Map<Integer, List<FileRow>> byFile = files.stream()
                    .collect(Collectors.groupingBy(FileRow::fileNo, TreeMap::new, Collectors.toList()));
            byFile.values().forEach(rows -> {
                FileRow first = rows.get(0);
                List<String> fileKinds = rows.stream().map(FileRow::kind).filter(k -> !k.isEmpty()).distinct().toList();
                long sheets = rows.stream().filter(r -> r.sheet() != null).count();
                long rowCount = rows.stream().mapToLong(FileRow::rowsRead).sum();
                sources.row(first.file(), String.join(", ", fileKinds), sheets, rowCount, first.sha256());
            });
            summary.finish();
            for (RecordKind kind : kinds) {
                kind.writeReportSheets(jdbc, id, workbook);
            }
            writeChecks(workbook, id);
            workbook.write(target);
        }
    }

    /** Counts in the one Value column still get thousands separators; dates stay real dates. */
    private static Object summaryValue(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            return new Formatted(value, ColumnFormat.INTEGER);
        }
        return value instanceof java.time.LocalDate ? new Formatted(value, ColumnFormat.DATE) : value;
    }

    /** Every check that ran, streamed from check_result: a row per stated platform total can be tens of thousands. */
    private void writeChecks(ReportWorkbook workbook, long id) {
        ListSheet sheet = workbook.listSheet("Checks", List.of(Column.text("Check"), Column.text("Scope"),
                Column.text("Expected"), Column.text("Actual"), Column.text("Status"), Column.text("Detail"),
                Column.text("Source")));
        checks.forEach(id, false, r -> sheet.row(r.check(), r.scope(), cell(r.expected()), cell(r.actual()),
                r.status().name(), r.detail(), r.source()));
        sheet.finish();
    }

    /** A figure is a numeric cell whose format shows its unit and qualifier; text stays text. */
    private static Object cell(CheckValue value) {
        return value instanceof CheckValue.Figure f ? new FormattedNumber(f.value(), f.format()) : value.text();
    }
}
