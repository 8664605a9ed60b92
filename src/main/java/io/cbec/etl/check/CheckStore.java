package io.cbec.etl.check;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
        return r -> {
            CheckValue.Figure expected = r.expected() instanceof CheckValue.Figure f ? f : null;
            CheckValue.Figure actual = r.actual() instanceof CheckValue.Figure f ? f : null;
            jdbc.sql("""
                            INSERT INTO check_result (instance_id, seq, check_name, scope, expected, actual, status,
                                                      detail, source, expected_value, expected_format, actual_value,
                                                      actual_format)
                            VALUES (:id, :seq, :check, :scope, :expected, :actual, :status, :detail, :source,
                                    :expectedValue, :expectedFormat, :actualValue, :actualFormat)""")
                    .param("id", instanceId).param("seq", ++seq[0]).param("check", r.check())
                    .param("scope", fit(r.scope(), 1000)).param("expected", fit(r.expected().text(), 1000))
                    .param("actual", fit(r.actual().text(), 1000)).param("status", r.status().name())
                    .param("detail", fit(r.detail(), 4000)).param("source", fit(r.source(), 4000))
                    .param("expectedValue", expected == null ? null : expected.value(), Types.DECIMAL)
                    .param("expectedFormat", expected == null ? null : expected.format(), Types.VARCHAR)
                    .param("actualValue", actual == null ? null : actual.value(), Types.DECIMAL)
                    .param("actualFormat", actual == null ? null : actual.format(), Types.VARCHAR)
                    .update();
        };
    }

    public List<CheckResult> results(long instanceId) {
        return jdbc.sql("""
                        SELECT check_name, scope, expected, actual, status, detail, source,
                               expected_value, expected_format, actual_value, actual_format
                        FROM check_result WHERE instance_id = :id ORDER BY seq""")
                .param("id", instanceId)
                .query((rs, n) -> new CheckResult(rs.getString(1), rs.getString(2), value(rs, 3, 8),
                        value(rs, 4, 10), CheckStatus.valueOf(rs.getString(5)), rs.getString(6), rs.getString(7)))
                .list();
    }

    /** A figure when its number was stored; else text (also every value of a run staged before figures were). */
    private static CheckValue value(ResultSet rs, int text, int number) throws SQLException {
        BigDecimal value = rs.getBigDecimal(number);
        String format = rs.getString(number + 1);
        return value != null && format != null ? new CheckValue.Figure(value, format, rs.getString(text))
                : CheckValue.text(rs.getString(text));
    }
}
