package io.cbec.etl.check;

import io.cbec.etl.ingest.HeaderClassifier;
import io.cbec.etl.job.CbecProperties;
import io.cbec.etl.job.ProgressLog;
import io.cbec.etl.job.RunContext;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.normalise.TextNormaliser;
import io.cbec.etl.source.InputFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Step 3: the checks that concern the inputs as a whole (files readable, no file twice, no row rejected),
 * then every kind's own checks, all stored in check_result in the order they ran.
 */
@Component
public class ValidateTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ValidateTasklet.class);

    private final RunContext run;
    private final CheckStore store;
    private final List<RecordKind> kinds;
    private final JdbcClient jdbc;
    private final Duration progressInterval;

    /** What the step is at, and the checks recorded so far: read by the progress timer's thread. */
    private volatile String phase;
    private final AtomicLong recorded = new AtomicLong();
    /** Counted as recorded: counting them in H2 afterwards scanned every stored result (a row per stated total). */
    private final AtomicLong failed = new AtomicLong();

    ValidateTasklet(RunContext run, CheckStore store, List<RecordKind> kinds, JdbcClient jdbc,
                    CbecProperties properties) {
        this.run = run;
        this.store = store;
        this.kinds = kinds;
        this.jdbc = jdbc;
        this.progressInterval = properties.progressInterval();
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long id = run.instanceId();
        recorded.set(0);
        failed.set(0);
        phase = "starting";
        try (ProgressLog progress = ProgressLog.start("validate", progressInterval,
                () -> String.format("%,d check(s) so far, now at %s", recorded.get(), phase))) {
            check(id);
        }
        return RepeatStatus.FINISHED;
    }

    private void check(long id) {
        store.clear(id);
        for (RecordKind kind : kinds) {
            phase = "settling " + kind.label();
            kind.settle(jdbc, id); // may reject rows, so before the input checks count them
        }
        CheckRecorder stored = store.recorder(id);
        CheckRecorder recorder = new CheckRecorder() { // counts for the progress line and the step's result line
            @Override
            public void record(CheckResult result) {
                stored.record(result);
                counted(result);
            }

            @Override
            public Batch batch(Connection con) throws SQLException {
                Batch batch = stored.batch(con);
                return new Batch() {
                    @Override
                    public void record(CheckResult result) throws SQLException {
                        batch.record(result);
                        counted(result);
                    }

                    @Override
                    public void close() throws SQLException {
                        batch.close();
                    }
                };
            }
        };
        phase = "the input checks";
        inputChecks(id, recorder);
        for (RecordKind kind : kinds) {
            phase = "the checks of " + kind.label();
            kind.validate(jdbc, id, recorder);
        }
        // Only what did not pass is logged (a run has a row per stated total: thousands of passes), read one at a
        // time. The log level says FAIL (ERROR) or WARN (WARN), so the line does not repeat it. Cleaned: a detail
        // may quote a raw value, whose control characters would garble the terminal or cron's mail.
        store.forEach(id, true, r -> {
            String line = String.format("Check %s: %s: %s (expected %s, actual %s)%s",
                    r.status() == CheckStatus.FAIL ? "failed" : "warning", r.check(), TextNormaliser.clean(r.detail()),
                    TextNormaliser.clean(r.expected().text()), TextNormaliser.clean(r.actual().text()),
                    r.source() == null || r.source().isBlank() ? "" : " at " + TextNormaliser.clean(r.source()));
            if (r.status() == CheckStatus.FAIL) {
                log.error("{}", line);
            } else {
                log.warn("{}", line);
            }
        });
        log.info("validate: {} check(s), {} failed", recorded.get(), failed.get());
    }

    private void counted(CheckResult result) {
        recorded.incrementAndGet();
        if (result.status() == CheckStatus.FAIL) {
            failed.incrementAndGet();
        }
    }

    private void inputChecks(long id, CheckRecorder recorder) {
        var inputs = run.inputs();
        if (!inputs.folderExists()) {
            recorder.record(new CheckResult("Input files present", inputs.folder().toString(), "a folder", "missing",
                    CheckStatus.FAIL, "The input folder does not exist: create it or pass --input=DIR", ""));
            return;
        }
        if (inputs.folderProblem() != null) {
            recorder.record(new CheckResult("Input files present", inputs.folder().toString(), "a readable folder",
                    inputs.folderProblem(), CheckStatus.FAIL, "Cannot read the input folder: " + inputs.folderProblem()
                    + ". Give the account that runs cbec-etl read access to it, or pass --input=DIR", ""));
            return;
        }
        boolean none = inputs.files().isEmpty() && inputs.unsettled().isEmpty();
        recorder.record(new CheckResult("Input files present", inputs.folder().toString(),
                CheckValue.count(1).qualified("at least"),
                CheckValue.count(inputs.files().size() + inputs.unsettled().size()),
                none ? CheckStatus.FAIL : CheckStatus.PASS,
                none ? "No .xlsx, .xlsm, .xls or .csv file to read" : "Files to read", ""));
        for (InputFolder.Unsettled u : inputs.unsettled()) {
            recorder.record(new CheckResult("File settled", u.name(), "unchanged for "
                    + u.settleTime().toSeconds() + " s", "modified " + InputFolder.localTime(u.modified()), CheckStatus.FAIL,
                    u.reason() + "; no report is published without it (exit 75)", u.name()));
        }

        record Refused(String file, String error) { }
        List<Refused> unreadable = jdbc.sql("""
                        SELECT file_name, error FROM source_file WHERE instance_id = :id AND unreadable ORDER BY file_no""")
                .param("id", id).query((rs, n) -> new Refused(rs.getString(1), rs.getString(2))).list();
        for (Refused r : unreadable) {
            recorder.record(new CheckResult("File readable", r.file(), "readable", "unreadable", CheckStatus.FAIL,
                    r.error(), r.file()));
        }
        // A copy has the SHA-256 it shares; a file not read (still being written) has none.
        List<Refused> duplicates = jdbc.sql("""
                        SELECT file_name, error FROM source_file
                        WHERE instance_id = :id AND status = 'REJECTED' AND NOT unreadable AND sha256 IS NOT NULL
                        ORDER BY file_no""")
                .param("id", id).query((rs, n) -> new Refused(rs.getString(1), rs.getString(2))).list();
        for (Refused d : duplicates) {
            recorder.record(new CheckResult("File read once", d.file(), "distinct content", "duplicate",
                    CheckStatus.FAIL, d.file() + ": " + d.error() + "; remove one copy", d.file()));
        }
        // A sheet refused at inventory in a readable file: its header fits two kinds (HeaderClassifier).
        List<Refused> refusedSheets = jdbc.sql("""
                        SELECT f.file_name || '!' || s.sheet_name, s.error
                        FROM source_sheet s JOIN source_file f ON f.instance_id = s.instance_id AND f.file_no = s.file_no
                        WHERE s.instance_id = :id AND s.status = 'REJECTED' AND s.kind IS NULL AND NOT f.unreadable
                        ORDER BY s.file_no, s.sheet_no""")
                .param("id", id).query((rs, n) -> new Refused(rs.getString(1), rs.getString(2))).list();
        for (Refused r : refusedSheets) {
            recorder.record(new CheckResult("Header fits one kind", r.file(), "one record kind", "two kinds",
                    CheckStatus.FAIL, r.error(), r.file()));
        }
        // A sheet of a known kind refused at inventory: its header spans two rows and the kind cannot read the
        // lower one, or it names a column twice (HeaderClassifier).
        List<Refused> refusedHeaders = jdbc.sql("""
                        SELECT f.file_name || '!' || s.sheet_name, s.error
                        FROM source_sheet s JOIN source_file f ON f.instance_id = s.instance_id AND f.file_no = s.file_no
                        WHERE s.instance_id = :id AND s.status = 'REJECTED' AND s.kind IS NOT NULL AND NOT f.unreadable
                        ORDER BY s.file_no, s.sheet_no""")
                .param("id", id).query((rs, n) -> new Refused(rs.getString(1), rs.getString(2))).list();
        for (Refused r : refusedHeaders) {
            if (HeaderClassifier.namesAColumnTwice(r.error())) {
                recorder.record(new CheckResult("Header names each column once", r.file(), "one column each",
                        "a column twice", CheckStatus.FAIL, r.error(), r.file()));
            } else {
                recorder.record(new CheckResult("Header readable", r.file(), "a header the kind reads",
                        "columns it cannot read", CheckStatus.FAIL, r.error(), r.file()));
            }
        }
        long unrecognised = jdbc.sql("""
                        SELECT COUNT(*) FROM source_sheet WHERE instance_id = :id AND status = 'UNRECOGNISED'""")
                .param("id", id).query(Long.class).single();
        if (unrecognised > 0) {
            recorder.record(new CheckResult("Sheets recognised", "all sheets", CheckValue.count(0, "unrecognised"),
                    CheckValue.count(unrecognised, "unrecognised"), CheckStatus.WARN,
                    "Sheets whose header matches no record kind are listed in Files and not read", ""));
        }
        long rejected = jdbc.sql("SELECT COUNT(*) FROM rejected_row WHERE instance_id = :id").param("id", id)
                .query(Long.class).single();
        boolean allow = run.options().allowRejects();
        recorder.record(new CheckResult("No rejected rows", "all sheets", CheckValue.count(0), CheckValue.count(rejected),
                rejected == 0 ? CheckStatus.PASS : allow ? CheckStatus.WARN : CheckStatus.FAIL,
                rejected == 0 ? "Every data row was read" : rejected + " row(s) rejected, listed in Rejected Rows"
                        + (allow ? "; published anyway (--allow-rejects)" : "; fix them or run with --allow-rejects"),
                ""));
    }
}
