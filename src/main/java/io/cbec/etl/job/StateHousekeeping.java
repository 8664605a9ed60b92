package io.cbec.etl.job;

import io.cbec.etl.kind.RecordKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Keeps the state database from growing without bound: forgets job instances (Spring Batch metadata and
 * every staging row keyed by the instance) whose executions all ended more than {@code cbec.state.keep-days}
 * ago, and staging rows left by instances that no longer exist; drops the staged records of completed
 * instances, whose reports are published. Also forgets one instance on request ({@code --force}). Runs only
 * while the run lock is held, so no live execution is touched.
 */
@Component
public class StateHousekeeping {

    /** Shared staging tables, all keyed by instance_id; each record kind purges its own. */
    private static final List<String> SHARED_TABLES = List.of("rejected_row", "stated_total", "check_result",
            "source_sheet", "source_file", "staging_dropped");
    /** The shared tables whose rows grow with the inputs' rows: dropped with a completed instance's records. */
    private static final List<String> SHARED_ROW_TABLES = List.of("rejected_row", "stated_total");

    /** Days an instance that never completed is kept at least, so that the same day's rerun resumes it. */
    static final int MIN_DAYS_UNFINISHED = 1;

    private final JdbcClient jdbc;
    private final List<RecordKind> kinds;
    private final TransactionTemplate tx;

    StateHousekeeping(JdbcClient jdbc, List<RecordKind> kinds, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.kinds = kinds;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /**
     * Purges instances with no execution newer than {@code keepDays}; answers how many were purged. An
     * execution that never ended (its process died) counts from its last update: we hold the lock.
     * <p>
     * An instance that never completed (killed, failed, stopped) is what the next run of the same inputs and
     * date resumes, so it is kept at least a day whatever {@code keepDays} says: with keep-days 0, set to save
     * space, the run after a kill would otherwise throw away the staged work it came to resume.
     */
    public int purgeOlderThan(int keepDays, LocalDateTime now) {
        LocalDateTime cutoff = now.minusDays(keepDays);
        LocalDateTime unfinishedCutoff = now.minusDays(Math.max(keepDays, MIN_DAYS_UNFINISHED));
        List<Long> old = jdbc.sql("""
                        SELECT i.JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE i
                        WHERE NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e
                                          WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
                                            AND COALESCE(e.END_TIME, e.LAST_UPDATED, e.CREATE_TIME) >= :cutoff)
                          AND (EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e
                                       WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID AND e.STATUS = 'COMPLETED')
                               OR NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e
                                              WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
                                                AND COALESCE(e.END_TIME, e.LAST_UPDATED, e.CREATE_TIME) >= :unfinished))
                        ORDER BY i.JOB_INSTANCE_ID""")
                .param("cutoff", cutoff).param("unfinished", unfinishedCutoff).query(Long.class).list();
        old.forEach(this::purgeInstance);
        // Staging of instances deleted without their staging (e.g. a report that went missing is rebuilt
        // as a new instance): every instance that staged anything has source_file or check_result rows.
        List<Long> orphans = jdbc.sql("""
                        SELECT DISTINCT instance_id FROM (SELECT instance_id FROM source_file
                                                          UNION SELECT instance_id FROM check_result) s
                        WHERE NOT EXISTS (SELECT 1 FROM BATCH_JOB_INSTANCE i WHERE i.JOB_INSTANCE_ID = s.instance_id)""")
                .query(Long.class).list();
        orphans.forEach(this::purgeInstance);
        return old.size();
    }

    /**
     * Drops the staged records of every completed instance that still has them; answers how many instances.
     * A completed run's report is published and nothing reads its records again, but they are most of the
     * state database: a 1M-row export stages about 75 MB, and with keep-days 90 a daily cron run would keep
     * ninety of them. What identifies the instance stays (Spring Batch's rows, so the same inputs and date
     * are still "nothing to do"), and so do its files, sheets and checks (a few rows each).
     */
    public int dropCompletedStaging() {
        List<Long> completed = jdbc.sql("""
                        SELECT DISTINCT e.JOB_INSTANCE_ID FROM BATCH_JOB_EXECUTION e
                        WHERE e.STATUS = 'COMPLETED'
                          AND NOT EXISTS (SELECT 1 FROM staging_dropped d WHERE d.instance_id = e.JOB_INSTANCE_ID)
                        ORDER BY e.JOB_INSTANCE_ID""")
                .query(Long.class).list();
        for (long instanceId : completed) {
            tx.executeWithoutResult(status -> {
                deleteStaging(instanceId, SHARED_ROW_TABLES);
                jdbc.sql("INSERT INTO staging_dropped (instance_id) VALUES (:id)").param("id", instanceId).update();
            });
        }
        return completed.size();
    }

    /** Deletes one instance: its staging, then its Spring Batch rows in foreign-key order, in one transaction. */
    public void purgeInstance(long instanceId) {
        tx.executeWithoutResult(status -> {
            deleteStaging(instanceId, SHARED_TABLES);
            String executions = "SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = :id";
            String steps = "SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + executions + ")";
            for (String delete : List.of(
                    "DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN (" + steps + ")",
                    "DELETE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + executions + ")",
                    "DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (" + executions + ")",
                    "DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (" + executions + ")",
                    "DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = :id",
                    "DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID = :id")) {
                jdbc.sql(delete).param("id", instanceId).update();
            }
        });
    }

    /** Each record kind's rows of the instance, then its rows in these shared tables. */
    private void deleteStaging(long instanceId, List<String> sharedTables) {
        kinds.forEach(kind -> kind.purge(jdbc, instanceId));
        for (String table : sharedTables) {
            jdbc.sql("DELETE FROM " + table + " WHERE instance_id = :id").param("id", instanceId).update();
        }
    }
}
