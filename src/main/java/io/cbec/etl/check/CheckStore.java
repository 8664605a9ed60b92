package io.cbec.etl.check;

import io.cbec.etl.job.OverlappedBatch;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The check_result table: one row per check that ran, in the order they ran. A run may hold tens of thousands
 * (a row per stated platform total): they are read back one at a time ({@link #forEach}), never as a list.
 */
@Component
public class CheckStore {

    private static final String INSERT = """
            INSERT INTO check_result (instance_id, seq, check_name, scope, expected, actual, status, detail, source,
                                      expected_value, expected_format, actual_value, actual_format)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final int INSERT_BATCH = 1000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final DataSource dataSource;

    CheckStore(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.template = new JdbcTemplate(dataSource);
        this.dataSource = dataSource;
    }

    /**
     * Deletes the instance's results, committed at once on a connection of its own: a {@link CheckRecorder.Batch}
     * writes on another connection, and would wait on the rows a step's transaction had deleted but not committed.
     */
    public void clear(long instanceId) {
        try (Connection con = dataSource.getConnection()) {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(true);
            try (PreparedStatement ps = con.prepareStatement("DELETE FROM check_result WHERE instance_id = ?")) {
                ps.setLong(1, instanceId);
                ps.executeUpdate();
            } finally {
                con.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the checks of instance " + instanceId + ": " + e, e);
        }
    }

    /** Cuts text to its column's width: a long list in a check must not fail the whole validate step. */
    private static String fit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** A recorder that appends to the instance's results, numbering them in order. */
    public CheckRecorder recorder(long instanceId) {
        int[] seq = {jdbc.sql("SELECT COALESCE(MAX(seq), 0) FROM check_result WHERE instance_id = :id")
                .param("id", instanceId).query(Integer.class).single()};
        return new CheckRecorder() {
            @Override
            public void record(CheckResult r) {
                template.update(INSERT, ps -> bind(ps, instanceId, ++seq[0], r));
            }

            @Override
            public Batch batch(Connection con) throws SQLException {
                // numbered here, in the order recorded; written by the batch's own thread
                OverlappedBatch inserts = new OverlappedBatch(con, INSERT, INSERT_BATCH, "cbec-etl-check-results");
                return new Batch() {
                    @Override
                    public void record(CheckResult r) throws SQLException {
                        bind(inserts.statement(), instanceId, ++seq[0], r);
                        inserts.addBatch();
                    }

                    @Override
                    public void close() throws SQLException {
                        inserts.close();
                    }
                };
            }
        };
    }

    /** The INSERT's values, texts cut to their columns. */
    private static void bind(PreparedStatement ps, long instanceId, int seq, CheckResult r) throws SQLException {
        CheckValue.Figure expected = r.expected() instanceof CheckValue.Figure f ? f : null;
        CheckValue.Figure actual = r.actual() instanceof CheckValue.Figure f ? f : null;
        ps.setLong(1, instanceId);
        ps.setInt(2, seq);
        ps.setString(3, r.check());
        ps.setString(4, fit(r.scope(), 1000));
        ps.setString(5, fit(r.expected().text(), 1000));
        ps.setString(6, fit(r.actual().text(), 1000));
        ps.setString(7, r.status().name());
        ps.setString(8, fit(r.detail(), 4000));
        ps.setString(9, fit(r.source(), 4000));
        ps.setBigDecimal(10, expected == null ? null : expected.value());
        ps.setString(11, expected == null ? null : expected.format());
        ps.setBigDecimal(12, actual == null ? null : actual.value());
        ps.setString(13, actual == null ? null : actual.format());
    }

    /** Every result of the instance in the order they ran (tests and small runs). */
    public List<CheckResult> results(long instanceId) {
        List<CheckResult> results = new ArrayList<>();
        forEach(instanceId, false, results::add);
        return results;
    }

    /**
     * Each result of the instance in the order they ran, or only those that did not pass, one at a time: the
     * query runs lazily, so H2 streams them along the primary key instead of first copying them all.
     */
    public void forEach(long instanceId, boolean notPassedOnly, Consumer<CheckResult> action) {
        String sql = """
                SELECT check_name, scope, expected, actual, status, detail, source,
                       expected_value, expected_format, actual_value, actual_format
                FROM check_result WHERE instance_id = ?""" + (notPassedOnly ? " AND status <> 'PASS'" : "")
                + " ORDER BY instance_id, seq";
        template.execute((ConnectionCallback<Void>) con -> {
            try (Statement lazy = con.createStatement()) {
                lazy.execute("SET LAZY_QUERY_EXECUTION TRUE");
            }
            try (PreparedStatement ps = con.prepareStatement(sql)) {
                ps.setLong(1, instanceId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        action.accept(new CheckResult(rs.getString(1), rs.getString(2), value(rs, 3, 8),
                                value(rs, 4, 10), CheckStatus.valueOf(rs.getString(5)), rs.getString(6),
                                rs.getString(7)));
                    }
                }
            } finally {
                try (Statement eager = con.createStatement()) {
                    eager.execute("SET LAZY_QUERY_EXECUTION FALSE");
                }
            }
            return null;
        });
    }

    /** How many results of the instance have the status. */
    public long count(long instanceId, CheckStatus status) {
        return jdbc.sql("SELECT COUNT(*) FROM check_result WHERE instance_id = :id AND status = :status")
                .param("id", instanceId).param("status", status.name()).query(Long.class).single();
    }

    /** Whether the check has a result of the status, e.g. "No rejected rows" WARN. */
    public boolean has(long instanceId, String check, CheckStatus status) {
        return !jdbc.sql("""
                        SELECT 1 FROM check_result WHERE instance_id = :id AND check_name = :check AND status = :status
                        LIMIT 1""")
                .param("id", instanceId).param("check", check).param("status", status.name())
                .query(Integer.class).list().isEmpty();
    }

    /** A figure when its number was stored; else text (also every value of a run staged before figures were). */
    private static CheckValue value(ResultSet rs, int text, int number) throws SQLException {
        BigDecimal value = rs.getBigDecimal(number);
        String format = rs.getString(number + 1);
        return value != null && format != null ? new CheckValue.Figure(value, format, rs.getString(text))
                : CheckValue.text(rs.getString(text));
    }
}
