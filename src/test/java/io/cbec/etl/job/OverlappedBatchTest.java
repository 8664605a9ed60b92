package io.cbec.etl.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches executed on their own thread, on a real H2 file database: order, every row, and failures. */
class OverlappedBatchTest {

    private static final String INSERT = "INSERT INTO t (seq, label) VALUES (?, ?)";

    @TempDir
    Path temp;

    private Connection open() throws SQLException {
        Connection con = DriverManager.getConnection("jdbc:h2:" + temp.resolve("db") + ";WRITE_DELAY=0", "sa", "");
        try (Statement ddl = con.createStatement()) {
            // n numbers the rows as they arrive; seq is what the caller bound
            ddl.execute("CREATE TABLE IF NOT EXISTS t (n BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " seq INT UNIQUE, label VARCHAR(20))");
        }
        return con;
    }

    private static List<Integer> seqs(Connection con) throws SQLException {
        List<Integer> seqs = new ArrayList<>();
        try (Statement st = con.createStatement(); ResultSet rs = st.executeQuery("SELECT seq FROM t ORDER BY n")) {
            while (rs.next()) {
                seqs.add(rs.getInt(1));
            }
        }
        return seqs;
    }

    @Test
    void everyRowIsWrittenInTheOrderBoundAcrossFullAndPartBatches() throws Exception {
        try (Connection con = open()) {
            try (OverlappedBatch batch = new OverlappedBatch(con, INSERT, 100, "test-batch")) {
                for (int i = 1; i <= 1_050; i++) { // ten full batches taking turns on two statements, then 50
                    batch.statement().setInt(1, i);
                    batch.statement().setString(2, "row " + i);
                    batch.addBatch();
                }
            }
            List<Integer> seqs = seqs(con);
            assertThat(seqs).hasSize(1_050);
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("row %d in insertion order", i).isEqualTo(i + 1);
            }
        }
    }

    @Test
    void aBatchThatFailsOnItsThreadIsThrownAsItsSqlExceptionAndNothingIsWrittenAfterClose() throws Exception {
        try (Connection con = open()) {
            OverlappedBatch batch = new OverlappedBatch(con, INSERT, 10, "test-batch");
            for (int i = 1; i <= 25; i++) {
                batch.statement().setInt(1, i == 15 ? 3 : i); // the second batch repeats a key of the first
                batch.statement().setString(2, "row " + i);
                batch.addBatch();
            }
            // the failure surfaces where the caller can act on it: at the latest when the batch is closed
            assertThatThrownBy(batch::close).isInstanceOf(SQLException.class)
                    .hasMessageContaining("Unique index or primary key violation");
            List<Integer> written = seqs(con);
            Thread.sleep(100);
            assertThat(seqs(con)).as("nothing written after close returned").isEqualTo(written);
            assertThat(written).contains(1, 10).doesNotContain(15);
            batch.close(); // a second close is a no-op
        }
    }
}
