package io.cbec.etl.cli;

import io.cbec.etl.kind.RecordKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The short table a run ends with, however it ended (published, data error, failed, stopped, nothing to do,
 * or an error before or around the job): what cron mails and what a person reads first. Figures come from the
 * state database, so a resumed run reports the whole instance, not just the part this process did.
 */
@Component
public class RunSummary {

    private static final Logger log = LoggerFactory.getLogger(RunSummary.class);

    private final JdbcClient jdbc;
    private final Map<String, RecordKind> kinds;

    RunSummary(JdbcClient jdbc, List<RecordKind> kinds) {
        this.jdbc = jdbc;
        this.kinds = kinds.stream().collect(Collectors.toMap(RecordKind::id, Function.identity()));
    }

    void log(JobExecution execution, ExitCode code, Duration elapsed) {
        List<String> lines = new ArrayList<>();
        try {
            lines.addAll(figures(execution.getJobInstance().getInstanceId()));
        } catch (RuntimeException e) {
            // the state database failed (a full disk closes it): the line above this table said why
            lines.add(String.format("%-10s %s", "figures", "not available: the state database cannot be read now"));
        }
        lines.add(String.format("%-10s %s", "published", published(execution)));
        lines.add(String.format("%-10s %s (execution %d, exit status %s)", "job", execution.getStatus(),
                execution.getId(), execution.getExitStatus().getExitCode()));
        finish(lines, code, elapsed);
    }

    /**
     * The inputs were already reported: what that run read and checked (its row figures went with its staged
     * records, dropped once it completed), and that nothing was written.
     */
    void logNothingToDo(JobExecution completed, String workbooks, Duration elapsed) {
        List<String> lines = new ArrayList<>();
        try {
            List<String> figures = figures(completed.getJobInstance().getInstanceId());
            lines.add(figures.get(0));
            lines.add(figures.get(2));
        } catch (RuntimeException e) {
            lines.add(String.format("%-10s %s", "figures", "not available: " + e.getMessage()));
        }
        lines.add(String.format("%-10s nothing new: %s are already these inputs'", "published", workbooks));
        lines.add(String.format("%-10s nothing to do (execution %d COMPLETED %s)", "job", completed.getId(),
                completed.getEndTime() == null ? "earlier" : completed.getEndTime().withNano(0).toString().replace('T', ' ')));
        finish(lines, ExitCode.OK, elapsed);
    }

    /**
     * The summary of a run that ended without the job's own account: an error around the job (the state
     * database, the configuration, a bug), or a stop that came before the job started or did not finish in time.
     */
    public static void logBrief(String published, String job, ExitCode code, Duration elapsed) {
        log.info(brief(published, job, code, elapsed));
    }

    /** The text {@link #logBrief} logs, for a caller that cannot rely on logback being set up (see ConsoleLog). */
    static String brief(String published, String job, ExitCode code, Duration elapsed) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-10s %s", "published", published));
        lines.add(String.format("%-10s %s", "job", job));
        return text(lines, code, elapsed);
    }

    private static void finish(List<String> lines, ExitCode code, Duration elapsed) {
        log.info(text(lines, code, elapsed));
    }

    private static String text(List<String> lines, ExitCode code, Duration elapsed) {
        lines.add(String.format("%-10s %d (%s)", "exit code", code.code(), code.meaning()));
        lines.add(String.format("%-10s %.1f s", "elapsed", elapsed.toMillis() / 1000.0));
        return "Run summary:\n  " + String.join("\n  ", lines);
    }

    private List<String> figures(long id) {
        long files = count("SELECT COUNT(*) FROM source_file WHERE instance_id = :id", id);
        // A sheet refused at inventory (REJECTED, no row read) has a kind but was not read.
        long sheets = count("""
                SELECT COUNT(*) FROM source_sheet
                WHERE instance_id = :id AND kind IS NOT NULL AND (status <> 'REJECTED' OR rows_read > 0)""", id);
        long read = count("SELECT COALESCE(SUM(rows_read), 0) FROM source_sheet WHERE instance_id = :id", id);
        long rejected = count("SELECT COUNT(*) FROM rejected_row WHERE instance_id = :id", id);
        // Counted as the Files sheet counts them, so that the line adds up as its rows do.
        long totals = count("SELECT COUNT(*) FROM stated_total WHERE instance_id = :id", id);
        long accepted = jdbc.sql("SELECT kind, file_no, sheet_no FROM source_sheet WHERE instance_id = :id AND kind IS NOT NULL")
                .param("id", id)
                .query((rs, n) -> {
                    RecordKind kind = kinds.get(rs.getString(1));
                    return kind == null ? 0L : kind.stagedRows(jdbc, id, rs.getInt(2), rs.getInt(3));
                })
                .list().stream().mapToLong(Long::longValue).sum();
        long passed = count("SELECT COUNT(*) FROM check_result WHERE instance_id = :id AND status = 'PASS'", id);
        long failed = count("SELECT COUNT(*) FROM check_result WHERE instance_id = :id AND status = 'FAIL'", id);
        long warned = count("SELECT COUNT(*) FROM check_result WHERE instance_id = :id AND status = 'WARN'", id);
        return List.of(
                String.format("%-10s %d (%d sheet(s) read)", "files", files, sheets),
                String.format("%-10s %d read, %d accepted, %d rejected, %d total rows", "rows", read, accepted,
                        rejected, totals),
                String.format("%-10s %d passed, %d failed, %d warnings", "checks", passed, failed, warned));
    }

    private long count(String sql, long id) {
        Long n = jdbc.sql(sql).param("id", id).query(Long.class).single();
        return n == null ? 0 : n;
    }

    /** The report step's own account ("published ..."), when it ran in this execution. */
    private static String published(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            String description = step.getExitStatus().getExitDescription();
            if ("report".equals(step.getStepName()) && description != null && description.startsWith("published ")) {
                return description.substring("published ".length());
            }
        }
        return "nothing";
    }
}
