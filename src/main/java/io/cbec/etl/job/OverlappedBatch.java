package io.cbec.etl.job;

import io.cbec.etl.source.ThreadFailures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A batched insert whose batches are executed on a thread of their own while the caller binds the next one.
 * For the validate step's row-per-figure writes (a check result per stated total, the monthly sums): H2's
 * executeBatch was a third of the step on the job's thread, with the second core idle once the JIT is done.
 *
 * <p>Two statements of the same SQL on one connection take turns: the caller binds rows into one while the
 * other executes. A statement is used by one thread at a time, handed over through a {@link Future}, which
 * orders the caller's binding before the execution and the execution before the caller binds into it again.
 * H2 runs a session's statements one at a time, so at most one batch is in flight and the rows reach the table
 * in the order they were bound. The connection is in auto-commit: each batch commits as it executes.
 *
 * <p>A failed batch is thrown, as executeBatch threw it, by the next {@link #addBatch()} that needs that
 * statement again or by {@link #close()}; close waits for every batch, so that nothing writes after it.
 */
public final class OverlappedBatch implements AutoCloseable {

    private final PreparedStatement[] statements = new PreparedStatement[2];
    private final Future<?>[] executing = new Future<?>[2];
    private final ExecutorService executor;
    private final int size;
    private int current;
    private int bound;
    private boolean closed;

    public OverlappedBatch(Connection con, String sql, int size, String threadName) throws SQLException {
        this.size = size;
        statements[0] = con.prepareStatement(sql);
        try {
            statements[1] = con.prepareStatement(sql);
        } catch (SQLException e) {
            statements[0].close();
            throw e;
        }
        executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The statement to bind the next row's parameters into, then call {@link #addBatch()}. */
    public PreparedStatement statement() {
        return statements[current];
    }

    /** Adds the row just bound; a full batch goes to the background thread and the other statement takes over. */
    public void addBatch() throws SQLException {
        statements[current].addBatch();
        if (++bound == size) {
            send();
            current ^= 1;
            await(current); // its previous batch must be done before rows are bound into it again
        }
    }

    private void send() {
        PreparedStatement full = statements[current];
        executing[current] = executor.submit(() -> {
            full.executeBatch();
            return null;
        });
        bound = 0;
    }

    private void await(int statement) throws SQLException {
        Future<?> batch = executing[statement];
        if (batch == null) {
            return;
        }
        executing[statement] = null;
        try {
            batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while a batch insert was being written", e);
        } catch (ExecutionException e) {
            throw ThreadFailures.rethrow(e.getCause(), SQLException.class);
        }
    }

    /** Writes the rows bound since the last full batch and waits for every batch; throws the first that failed. */
    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        SQLException failure = null;
        try {
            if (bound > 0) {
                send();
            }
            // the older batch first: rows are written, and a failure reported, in the order they were bound
            for (int statement : new int[] {current ^ 1, current}) {
                try {
                    await(statement);
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        } finally {
            executor.shutdown();
            for (PreparedStatement statement : statements) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
