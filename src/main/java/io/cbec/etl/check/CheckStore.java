package io.cbec.etl.check;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;

/** The check_result table: one row per check that ran, in the order they ran. */
@Component
public class CheckStore {

    private final JdbcClient jdbc;

    CheckStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void clear(long instanceId) {
        jdbc.sql("DELETE FROM check_result WHERE instance_id = :id").param("id", instanceId).update();
    }

    /** Cuts text to its column's width: a long list in a check must not fail the whole validate step. */
    private static String fit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A recorder that appends to the instance's results, numbering them in order. */
    public CheckRecorder recorder(long instanceId) {
        int[] seq = {jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM check_result WHERE instance_id = :id")
                .param("id", instanceId).query(Integer.class).single()};
        return r -> jdbc.sql("""
                        INSERT INTO check_result (instance_id, seq, check_name, scope, expected, actual, status,
                                                  detail, source)
                        VALUES (:id, :seq, :check, :scope, :expected, :actual, :status, :detail, :source)""")
                .param("id", instanceId).param("seq", ++seq[0]).param("check", r.check())
                .param("scope", fit(r.scope(), 1000)).param("expected", fit(r.expected(), 1000))
                .param("actual", fit(r.actual(), 1000)).param("status", r.status().name())
                .param("detail", fit(r.detail(), 4000)).param("source", fit(r.source(), 4000))
                .update();
    }

    public List<CheckResult> results(long instanceId) {
        return jdbc.sql("""
                        SELECT check_name, scope, expected, actual, status, detail, source
                        FROM check_result WHERE instance_id = :id ORDER BY seq""")
                .param("id", instanceId)
                .query((rs, n) -> new CheckResult(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), CheckStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7)))
                .list();
    }
}
