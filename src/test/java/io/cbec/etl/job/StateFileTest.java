package io.cbec.etl.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

    @TempDir
    Path state;

    @Test
    void theRunClosesWithoutCompactingAndTheNextStartCompactsTheFileKeepingEveryRow() throws Exception {
        // a run's worth of staging written and then dropped, as housekeeping does with a completed run's records
        try (Connection c = DriverManager.getConnection(StateFile.url(state), "sa", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id INT PRIMARY KEY, note VARCHAR(100))");
            s.execute("INSERT INTO kept VALUES (1, 'what identifies the run')");
            s.execute("CREATE TABLE staged (id INT PRIMARY KEY, payload VARCHAR(1000))");
            for (int chunk = 0; chunk < 10; chunk++) {
                s.execute("INSERT INTO staged SELECT X + " + chunk * 1000 + ", REPEAT('x', 900) FROM SYSTEM_RANGE(1, 1000)");
            }
            s.execute("DELETE FROM staged");
        }
        Path file = state.resolve("cbec-etl.mv.db");
        long closedByTheRun = Files.size(file);

        StateFile.compact(state);

        assertThat(Files.size(file)).as("bytes after compaction, against %,d as the run left it", closedByTheRun)
                .isLessThan(closedByTheRun / 2);
        try (Connection c = DriverManager.getConnection(StateFile.url(state), "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT note FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("what identifies the run");
        }
    }

    @Test
    void noStateFileYetIsLeftAlone() throws Exception {
        StateFile.compact(state);

        assertThat(state.resolve("cbec-etl.mv.db")).doesNotExist();
    }
}
