package io.cbec.etl.source;

/** A forward-only stream over the rows of one sheet; rows are never all held in memory. */
public interface RowStream extends AutoCloseable {

    /** The next row that has at least one cell, or {@code null} at the end of the sheet. */
    SourceRow next() throws SourceException;

    @Override
    void close() throws SourceException;
}
