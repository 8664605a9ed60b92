package io.cbec.etl.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The state folder's H2 file database: its JDBC URL, and the compaction of its file before a run.
 *
 * <p>H2 compacts an MVStore file when the database closes (for up to {@code MAX_COMPACT_TIME}, 200 ms by
 * default), which keeps the file from growing by a run's worth of dead pages a day. At the end of a run that
 * compaction reads and rewrites chunks while the run's last objects are still in the heap, and it was the
 * run's highest heap peak (BENCHMARKS.md). So the run's own connection closes without compacting, and the
 * file is compacted as a run starts instead, before anything else is in the heap: the same work, once a run.
 */
public final class StateFile {

    private static final String NAME = "cbec-etl";

    private StateFile() {
    }

    /**
     * The run's URL. WRITE_DELAY=0: H2 2.x (MVStore) writes a new chunk to the file at every commit
     * ({@code TransactionStore.endTransaction} calls {@code MVStore.commit} when the auto-commit delay is 0), so
     * a chunk's staged rows and the reader position Spring Batch saves in the same transaction reach the file
     * together, and kill -9 loses nothing committed (the OS keeps written pages; only a power cut could, as H2
     * does not fsync each commit). With H2's default (500 ms) a kill could drop the last commits: still
     * consistent, but the resumed run would redo them. DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook must not
     * close the database under a job that {@code GracefulStop} is still stopping. CACHE_SIZE (KB) and
     * MAX_MEMORY_ROWS bound what H2 keeps in the heap (page cache; rows of a sort or result before it goes to
     * a temporary file): 4 MB and 10,000 rows measured as fast as H2's defaults on a 1M-row export and left
     * 8 MB more heap under -Xmx256m. MAX_COMPACT_TIME=0: the file is compacted at the next start instead
     * ({@link #compact}).
     */
    public static String url(Path stateDir) {
        return baseUrl(stateDir) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE=4096;MAX_MEMORY_ROWS=10000"
                + ";MAX_COMPACT_TIME=0";
    }

    /**
     * Opens and closes the state database, if there is one, so that H2 compacts its file with its default time
     * budget. Called before the run opens the database (and after it holds the state folder's lock), so it is
     * also where a state file that H2 cannot open (corrupted by a disk that filled up, edited by hand, written by
     * a newer H2) is found, and said in one line rather than as Spring's stack of beans.
     */
    public static void compact(Path stateDir) throws Unreadable {
        Path file = stateDir.resolve(NAME + ".mv.db");
        if (!Files.exists(file)) {
            return;
        }
        // DB_CLOSE_ON_EXIT=FALSE: no H2 shutdown hook for a database that is closed a moment later
        boolean readOnly;
        try (Connection connection = DriverManager.getConnection(baseUrl(stateDir)
                + ";IFEXISTS=TRUE;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("CALL READONLY()")) {
            // H2 opens a file this account may not write read-only, without a word; the run would then fail at its
            // first write (the schema) with an SQL stack trace. Typically a run by hand as root left the file.
            readOnly = result.next() && result.getBoolean(1);
            // closing the only connection closes the database, which compacts the file
        } catch (SQLException e) {
            throw new Unreadable(file, e);
        }
        if (readOnly) {
            throw Unreadable.readOnly(file);
        }
    }

    /** The state file cannot be opened, or not for writing: what H2 said or what is wrong, and what to do. */
    public static final class Unreadable extends IOException {
        Unreadable(Path file, SQLException cause) {
            super("cannot open the state database " + file + ": " + firstLine(cause.getMessage())
                    + ". It holds the run history and staged rows, not the reports: move it aside (mv " + file + " "
                    + file + ".broken) and run again, which starts the inputs from scratch", cause);
        }

        private Unreadable(String message) {
            super(message);
        }

        static Unreadable readOnly(Path file) {
            String owner;
            try {
                owner = " (owner " + Files.getOwner(file).getName() + ", mode "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(file)) + ")";
            } catch (IOException | UnsupportedOperationException e) {
                owner = "";
            }
            String user = System.getProperty("user.name");
            return new Unreadable("the state database " + file + owner + " is read-only for the account running"
                    + " cbec-etl (" + user + "): fix its owner or permissions (chown " + user + " " + file
                    + "), or move it aside (mv " + file + " " + file + ".broken) and run again, which starts the"
                    + " inputs from scratch");
        }

        private static String firstLine(String message) {
            String line = message == null ? "" : message.lines().findFirst().orElse("");
            return line.length() > 300 ? line.substring(0, 300) + "..." : line;
        }
    }

    private static String baseUrl(Path stateDir) {
        return "jdbc:h2:file:" + stateDir.resolve(NAME).toAbsolutePath();
    }
}
