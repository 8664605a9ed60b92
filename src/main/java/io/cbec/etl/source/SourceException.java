package io.cbec.etl.source;

/**
 * A file, or a part of it, cannot be read. The message is for the user: it says what is wrong in plain
 * words (for example "encrypted workbook" or "CSV line 12: unterminated quote"); the caller adds the
 * file name.
 */
public class SourceException extends Exception {

    public SourceException(String message) {
        super(message);
    }

    public SourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
