package io.cbec.etl.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a sheet's rows on a thread of its own while the caller normalises and stages the rows before them.
 * <p>
 * Why: on a large export, unzipping and tokenizing the sheet's XML is about a third of the ingest step's
 * time, and the job's other work (normalising, staging, committing) never waits on it; with two cores the
 * two halves overlap. What stays the same: rows come out in order, one sheet's rows at most
 * {@link #BATCH} x {@link #BATCHES_AHEAD} ahead (memory stays flat), a {@link SourceException} or any
 * other failure of the reading thread is thrown by {@link #next()} at the row where it happened, and
 * {@link #close()} returns only when the reading thread is done with the file, so the file can be closed.
 */
public final class ReadAheadRowStream implements RowStream {

    static final int BATCH = 256;
    static final int BATCHES_AHEAD = 8;
    /** How often a reading thread blocked on a full queue looks whether the stream was closed. */
    private static final long POLL_MILLIS = 50;

    /** A batch of rows, or how the reading ended: {@code end} after the last row, or the failure. */
    private record Batch(List<SourceRow> rows, boolean end, Throwable failure) { }

    private final RowStream source;
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private volatile boolean closed;
    private List<SourceRow> current = List.of();
    private int next;
    private Batch last;

    private ReadAheadRowStream(RowStream source, String name) {
        this.source = source;
        this.reader = new Thread(this::readAll, name);
        reader.setDaemon(true); // a stop or a failure of the job never waits on it beyond close()
    }

    /** Starts reading SOURCE ahead; NAME names the thread (file and sheet) for thread dumps. */
    public static RowStream of(RowStream source, String name) {
        ReadAheadRowStream stream = new ReadAheadRowStream(source, "read-ahead " + name);
        stream.reader.start();
        return stream;
    }

    private void readAll() {
        List<SourceRow> batch = new ArrayList<>(BATCH);
        Throwable failure = null;
        try {
            for (SourceRow row = source.next(); row != null; row = source.next()) {
                batch.add(row);
                if (batch.size() == BATCH) {
                    if (!hand(new Batch(batch, false, null))) {
                        return;
                    }
                    batch = new ArrayList<>(BATCH);
                }
            }
        } catch (Throwable e) { // thrown again by next(), in the job's thread, after the rows read before it
            failure = e;
        }
        if (!batch.isEmpty() && !hand(new Batch(batch, false, null))) {
            return;
        }
        hand(new Batch(List.of(), true, failure));
    }

    /** Queues a batch, waiting while the queue is full; false once the stream is closed. */
    private boolean hand(Batch batch) {
        try {
            while (!closed) {
                if (queue.offer(batch, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public SourceRow next() throws SourceException {
        while (next == current.size()) {
            if (last != null) {
                return rethrow(last.failure());
            }
            Batch batch = take();
            if (batch.end()) {
                last = batch;
            } else {
                current = batch.rows();
                next = 0;
            }
        }
        return current.get(next++);
    }

    private Batch take() throws SourceException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("interrupted while reading", e);
        }
    }

    private static SourceRow rethrow(Throwable failure) throws SourceException {
        if (failure == null) {
            return null;
        }
        throw ThreadFailures.rethrow(failure, SourceException.class);
    }

    /** Stops the reading thread, waits for it, then closes the sheet it was reading. */
    @Override
    public void close() throws SourceException {
        closed = true;
        queue.clear(); // a reader waiting to queue its next batch sees it closed within POLL_MILLIS
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
