package io.cbec.etl.check;

import io.cbec.etl.ingest.HeaderClassifier;
import io.cbec.etl.job.RunContext;
import io.cbec.etl.kind.RecordKind;
import io.cbec.etl.normalise.TextNormaliser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

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

    ValidateTasklet(RunContext run, CheckStore store, List<RecordKind> kinds, JdbcClient jdbc) {
        this.run = run;
        this.store = store;
        this.kinds = kinds;
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        long id = run.instanceId();
        store.clear(id);
        for (RecordKind kind : kinds) {
            kind.settle(jdbc, id); // may reject rows, so before the input checks count them
        }
        CheckRecorder recorder = store.recorder(id);
        inputChecks(id, recorder);
        for (RecordKind kind : kinds) {
            kind.validate(jdbc, id, recorder);
        }
        List<CheckResult> results = store.results(id);
        long failed = results.stream().filter(r -> r.status() == CheckStatus.FAIL).count();
        // Cleaned: a detail may quote a raw value, whose control characters would garble the terminal or cron's mail.
        results.stream().filter(r -> r.status() != CheckStatus.PASS).forEach(r -> log.warn("{} {}: {} (expected {},"
                + " actual {}) {}", r.status(), r.check(), TextNormaliser.clean(r.detail()),
                TextNormaliser.clean(r.expected().text()), TextNormaliser.clean(r.actual().text()),
                TextNormaliser.clean(r.source())));
        log.info("validate: {} check(s), {} failed", results.size(), failed);
        return RepeatStatus.FINISHED;
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
        recorder.record(new CheckResult("Input files present", inputs.folder().toString(),
                CheckValue.count(1).qualified("at least"), CheckValue.count(inputs.files().size()),
                inputs.files().isEmpty() ? CheckStatus.FAIL : CheckStatus.PASS,
                inputs.files().isEmpty() ? "No .xlsx, .xlsm, .xls or .csv file to read" : "Files to read", ""));

        record Refused(String file, String error) { }
        List<Refused> unreadable = jdbc.sql("""
                        SELECT file_name, error FROM source_file WHERE instance_id = :id AND unreadable ORDER BY file_no""")
                .param("id", id).query((rs, n) -> new Refused(rs.getString(1), rs.getString(2))).list();
        for (Refused r : unreadable) {
            recorder.record(new CheckResult("File readable", r.file(), "readable", "unreadable", CheckStatus.FAIL,
                    r.error(), r.file()));
        }
        List<Refused> duplicates = jdbc.sql("""
                        SELECT file_name, error FROM source_file
                        WHERE instance_id = :id AND status = 'REJECTED' AND NOT unreadable ORDER BY file_no""")
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
