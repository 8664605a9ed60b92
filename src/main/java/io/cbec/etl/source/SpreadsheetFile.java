package io.cbec.etl.source;

import java.util.List;

/** A source file opened read-only. Each sheet can be streamed any number of times, one at a time. */
public interface SpreadsheetFile extends AutoCloseable {

    List<SheetInfo> sheets();

    RowStream rows(SheetInfo sheet) throws SourceException;

    @Override
    void close() throws SourceException;
}
