package io.cbec.etl.kind.platform;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * State databases written by versions that staged a row per figure (table platform_metric): a run they
 * left unfinished (killed, or stopped) is resumed by this version, so its figures are converted into blocks
 * ({@link FigureStore}) before any step runs, in one transaction, and the old table is then dropped.
 */
final class LegacyFigures {

    private LegacyFigures() {
    }

    /** Converts and drops platform_metric if the state database has it; returns the figures converted. */
    static long convert(JdbcTemplate template) {
        Integer tables = template.queryForObject("""
                SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES
                WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'PLATFORM_METRIC'""", Integer.class);
        if (tables == null || tables == 0) {
            return 0;
        }
        Long converted = template.execute((org.springframework.jdbc.core.ConnectionCallback<Long>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try {
                JdbcTemplate one = new JdbcTemplate(new SingleConnectionDataSource(con, true));
                long n = copy(one);
                one.execute("DROP TABLE platform_metric");
                con.commit();
                return n;
            } catch (RuntimeException | java.sql.SQLException e) {
                con.rollback();
                throw e;
            } finally {
                con.setAutoCommit(autoCommit);
            }
        });
        return converted == null ? 0 : converted;
    }

    /** Row by row in the order read, a block per {@link FigureStore#BLOCK_FIGURES} figures, ending at a row's end. */
    private static long copy(JdbcTemplate one) {
        FigureStore store = new FigureStore(one);
        one.update("DELETE FROM platform_figure_block WHERE instance_id IN (SELECT DISTINCT instance_id FROM platform_metric)");
        List<Figure> chunk = new ArrayList<>();
        long[] state = {-1, 0}; // the chunk's instance, figures converted
        one.query("""
                SELECT instance_id, file_no, sheet_no, row_no, platform, parent, metric, period_start, period_prec,
                       country_code, metric_value
                FROM platform_metric ORDER BY instance_id, file_no, sheet_no, row_no""", rs -> {
            long id = rs.getLong(1);
            Figure f = new Figure(rs.getString(5), rs.getString(6), rs.getString(7), rs.getDate(8).toLocalDate(),
                    rs.getString(9), rs.getString(10), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getBigDecimal(11));
            Figure last = chunk.isEmpty() ? null : chunk.get(chunk.size() - 1);
            boolean newRow = last == null || last.fileNo() != f.fileNo() || last.sheetNo() != f.sheetNo()
                    || last.row() != f.row();
            if (id != state[0] || (newRow && chunk.size() >= FigureStore.BLOCK_FIGURES)) {
                if (!chunk.isEmpty()) {
                    store.stage(state[0], chunk);
                }
                chunk.clear();
                state[0] = id;
            }
            chunk.add(f);
            state[1]++;
        });
        if (!chunk.isEmpty()) {
            store.stage(state[0], chunk);
        }
        return state[1];
    }
}
