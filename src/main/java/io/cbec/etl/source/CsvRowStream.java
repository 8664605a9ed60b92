package io.cbec.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;

/**
 * A small CSV state machine (RFC 4180 quoting, lenient like Excel) that bounds memory: a physical line
 * longer than {@link #MAX_LINE_CHARS} or a record longer than {@link #MAX_RECORD_CHARS} is refused with its
 * line number instead of being buffered. Bytes that do not decode in the sniffed encoding are refused on
 * the line where they occur (mixed encodings), never replaced silently.
 */
final class CsvRowStream implements RowStream {

    /** About 1 MB of text on one physical line; no real export comes close. */
    static final int MAX_LINE_CHARS = 1024 * 1024;
    /** A quoted field may span lines, but a record this long means a quote was never closed. */
    static final int MAX_RECORD_CHARS = 4 * MAX_LINE_CHARS;
    private static final char UNDECODABLE = '\uFFFD';
    private static final int EOF = -1;
    private static final int NONE = -2;

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED }

    private final Reader reader;
    private final CsvDialect dialect;
    private final char[] buffer = new char[16 * 1024];
    private int bufferLength;
    private int bufferPosition;
    private int pushedBack = NONE;
    private int line = 1;
    private int lineChars;
    private boolean atEnd;

    CsvRowStream(InputStream in, CsvDialect dialect) throws IOException {
        if (in.skip(dialect.bomLength()) != dialect.bomLength()) {
            throw new IOException("file shorter than its byte-order mark");
        }
        CharsetDecoder decoder = dialect.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(UNDECODABLE));
        this.reader = new InputStreamReader(in, decoder);
        this.dialect = dialect;
    }

    @Override
    public SourceRow next() throws SourceException {
        try {
            while (!atEnd) {
                int startLine = line;
                List<String> fields = readRecord();
                if (fields == null) {
                    break;
                }
                List<CellValue> cells = new ArrayList<>(fields.size());
                boolean anyValue = false;
                for (String field : fields) {
                    CellValue cell = field.isEmpty() ? null : new CellValue.Text(field);
                    anyValue |= cell != null;
                    cells.add(cell);
                }
                if (anyValue) {
                    return new SourceRow(startLine, cells);
                }
            }
            atEnd = true;
            return null;
        } catch (IOException e) {
            atEnd = true;
            throw new SourceException("CSV line " + line + ": read failed (" + e.getMessage() + ")", e);
        }
    }

    /** One record's fields, or null at the end of the file. */
    private List<String> readRecord() throws IOException, SourceException {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        State state = State.FIELD_START;
        int quoteLine = line;
        int recordChars = 0;
        boolean anyChar = false;
        char delimiter = dialect.delimiter();
        while (true) {
            int c = read();
            if (c == EOF) {
                atEnd = true;
                if (state == State.QUOTED) {
                    throw new SourceException("CSV line " + quoteLine + ": unterminated quote; close the quote or remove it");
                }
                if (!anyChar) {
                    return null;
                }
                fields.add(field.toString());
                return fields;
            }
            anyChar = true;
            if (c == UNDECODABLE) {
                throw new SourceException("CSV line " + line + ": bytes that are not " + dialect.charset().name()
                        + " text (mixed encodings?); save the whole file as CSV UTF-8");
            }
            boolean newline = c == '\n' || c == '\r';
            boolean crlf = false;
            if (newline) {
                if (c == '\r' && peek() == '\n') {
                    read();
                    crlf = true;
                }
                line++;
                lineChars = 0;
            } else if (++lineChars > MAX_LINE_CHARS) {
                throw new SourceException("CSV line " + line + ": line longer than 1 MB; the file is not a normal CSV export");
            }
            if (++recordChars > MAX_RECORD_CHARS) {
                throw new SourceException("CSV line " + quoteLine + ": unterminated quote (a quoted field runs on for over 4 MB)");
            }
            switch (state) {
                case FIELD_START, UNQUOTED -> {
                    if (c == '"' && state == State.FIELD_START) {
                        state = State.QUOTED;
                        quoteLine = line;
                    } else if (c == delimiter) {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = State.FIELD_START;
                    } else if (newline) {
                        fields.add(field.toString());
                        return fields;
                    } else {
                        // A quote inside an unquoted field (5'10") is text, as Excel reads it.
                        field.append((char) c);
                        state = State.UNQUOTED;
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else if (crlf) {
                        // Line breaks inside quotes are part of the value, kept as written.
                        field.append("\r\n");
                    } else {
                        field.append((char) c);
                    }
                }
                case QUOTE_IN_QUOTED -> {
                    if (c == '"') {
                        field.append('"');
                        state = State.QUOTED;
                    } else if (c == delimiter) {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = State.FIELD_START;
                    } else if (newline) {
                        fields.add(field.toString());
                        return fields;
                    } else {
                        // Text after a closing quote ("abc"def) is kept, as Excel does.
                        field.append((char) c);
                        state = State.UNQUOTED;
                    }
                }
            }
        }
    }

    private int read() throws IOException {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        if (bufferPosition == bufferLength) {
            bufferLength = reader.read(buffer, 0, buffer.length);
            bufferPosition = 0;
            if (bufferLength <= 0) {
                bufferLength = 0;
                return EOF;
            }
        }
        return buffer[bufferPosition++];
    }

    private int peek() throws IOException {
        if (pushedBack == NONE) {
            pushedBack = read();
        }
        return pushedBack;
    }

    @Override
    public void close() throws SourceException {
        atEnd = true;
        try {
            reader.close();
        } catch (IOException e) {
            throw new SourceException("could not close the file (" + e.getMessage() + ")", e);
        }
    }
}
