package io.cbec.etl.check;

import java.sql.Connection;
import java.sql.SQLException;

/** Where checks put their results; the validate step stores them in order. */
public interface CheckRecorder {

    void record(CheckResult result);

    /**
     * For a check with a row per stated figure (a daily export states tens of thousands): records results as a
     * pass produces them, numbered in order with the others, on {@code con} (a connection of the caller's in
     * auto-commit) in batches committed as they go, so that neither a list nor the step's transaction holds
     * them (H2 keeps a transaction's uncommitted rows in the heap). Close it before recording more.
     */
    Batch batch(Connection con) throws SQLException;

    /** Results recorded in batches: see {@link #batch(Connection)}. */
    interface Batch extends AutoCloseable {
        void record(CheckResult result) throws SQLException;

        /** Writes what is left of the last batch. */
        @Override
        void close() throws SQLException;
    }
}
