package io.cbec.etl.report;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * SXSSF's writer of one sheet's rows into its temp file, made cheaper per character. The XML it writes
 * is POI's, character for character (a test compares the two); what differs is how it gets there:
 * <ul>
 *   <li>The temp file is compressed as SXSSF's own compressed temp files are, at the fastest level.</li>
 *   <li>Characters go through an unsynchronised buffer. POI's {@code BufferedWriter} takes its lock for
 *       every character its escaping writes, which was a fifth of writing a sheet (profile, 1M rows).</li>
 *   <li>Text is escaped a run at a time: the plain characters between two that need escaping are written
 *       in one call, instead of one call per code point with a {@code char[]} made for each.</li>
 * </ul>
 */
final class StreamingSheetWriter extends SheetDataWriter {

    private static final int BUFFER_BYTES = 64 * 1024;

    StreamingSheetWriter() throws IOException {
        super();
    }

    /** For tests: writes to {@code out} instead of a temp file. */
    StreamingSheetWriter(Writer out) throws IOException {
        super(out);
    }

    @Override
    public Writer createWriter(File file) throws IOException {
        FileOutputStream fileOut = new FileOutputStream(file);
        try {
            return new UnsynchronizedBufferedWriter(
                    new OutputStreamWriter(decorateOutputStream(fileOut), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            fileOut.close();
            throw e;
        }
    }

    @Override
    protected OutputStream decorateOutputStream(FileOutputStream out) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        return new DeflaterOutputStream(out, deflater, BUFFER_BYTES) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    deflater.end(); // its native memory now, not at some later GC
                }
            }
        };
    }

    @Override
    protected InputStream decorateInputStream(FileInputStream in) {
        Inflater inflater = new Inflater(true);
        return new InflaterInputStream(in, inflater, BUFFER_BYTES) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    inflater.end();
                }
            }
        };
    }

    /**
     * POI's escaping (5.5.1), a run at a time. A code point above U+FFFF is a surrogate pair, neither half of
     * which POI escapes or replaces, so looking at chars one by one gives the same result as at code points.
     */
    @Override
    protected void outputEscapedString(String text) throws IOException {
        if (text == null) {
            return;
        }
        int length = text.length();
        int plainFrom = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (isPlain(c)) {
                continue;
            }
            if (i > plainFrom) {
                _out.write(text, plainFrom, i - plainFrom);
            }
            _out.write(escape(c));
            plainFrom = i + 1;
        }
        if (length > plainFrom) {
            _out.write(text, plainFrom, length - plainFrom);
        }
    }

    private static boolean isPlain(char c) {
        if (c >= '?') {
            // '>' and the rest of ASCII's punctuation sit below '?'; above it only these two need care.
            return c != '\u00A0' && c < '\uFFFE';
        }
        return c >= ' ' && c != '<' && c != '>' && c != '&' && c != '"';
    }

    /** What POI writes for a character that {@link #isPlain} says is not written as it is. */
    private static String escape(char c) {
        return switch (c) {
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '&' -> "&amp;";
            case '"' -> "&quot;";
            case '\n' -> "&#xa;";
            case '\r' -> "&#xd;";
            case '\t' -> "&#x9;";
            case '\u00A0' -> "&#xa0;";
            default -> "?"; // control characters and U+FFFE/U+FFFF, which XML cannot carry
        };
    }

    /**
     * {@link java.io.BufferedWriter} without its lock: one thread writes a sheet, so the lock bought nothing
     * and cost a compare-and-swap per character.
     */
    static final class UnsynchronizedBufferedWriter extends Writer {

        private final Writer out;
        private final char[] buffer = new char[8192];
        private int used;

        UnsynchronizedBufferedWriter(Writer out) {
            this.out = out;
        }

        @Override
        public void write(int c) throws IOException {
            if (used == buffer.length) {
                drain();
            }
            buffer[used++] = (char) c;
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            if (length > buffer.length - used) {
                drain();
                if (length > buffer.length) {
                    out.write(text, offset, length);
                    return;
                }
            }
            text.getChars(offset, offset + length, buffer, used);
            used += length;
        }

        @Override
        public void write(String text) throws IOException {
            write(text, 0, text.length());
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (length > buffer.length - used) {
                drain();
                if (length > buffer.length) {
                    out.write(chars, offset, length);
                    return;
                }
            }
            System.arraycopy(chars, offset, buffer, used, length);
            used += length;
        }

        private void drain() throws IOException {
            if (used > 0) {
                out.write(buffer, 0, used);
                used = 0;
            }
        }

        @Override
        public void flush() throws IOException {
            drain();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            try {
                drain();
            } finally {
                out.close();
            }
        }
    }
}
