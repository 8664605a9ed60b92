package io.cbec.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a CSV file is written: its encoding, the length of its byte-order mark and its delimiter, sniffed
 * from the start of the file. Only UTF-8 (with or without BOM) and GB18030 are expected; GB18030 decodes
 * almost any byte sequence, so UTF-8 is tried first with strict decoding and GB18030 is the fallback.
 */
record CsvDialect(Charset charset, int bomLength, char delimiter) {

    static final Charset GB18030 = Charset.forName("GB18030");
    /** Enough to include a header and many rows, so a late first non-ASCII character is still seen. */
    private static final int ENCODING_SAMPLE_BYTES = 1024 * 1024;
    private static final int DELIMITER_SAMPLE_CHARS = 64 * 1024;
    private static final int DELIMITER_SAMPLE_LINES = 20;
    /** In order of preference when the evidence is even. */
    private static final char[] DELIMITERS = {',', ';', '\t'};

    static CsvDialect sniff(Path file) throws IOException, SourceException {
        byte[] sample;
        try (InputStream in = Files.newInputStream(file)) {
            sample = in.readNBytes(ENCODING_SAMPLE_BYTES);
        }
        boolean bom = sample.length >= 3 && sample[0] == (byte) 0xEF && sample[1] == (byte) 0xBB && sample[2] == (byte) 0xBF;
        int bomLength = bom ? 3 : 0;
        int firstBadByte = bom ? -1 : firstInvalidUtf8(sample, bomLength);
        if (firstBadByte > 0 && countUtf8MultiByte(sample, bomLength, firstBadByte) >= 2) {
            // UTF-8 Chinese first, then bytes that are not UTF-8: a file pasted together from two encodings.
            throw new SourceException("CSV line " + lineOf(sample, firstBadByte) + ": bytes that are not UTF-8 text "
                    + "(mixed encodings?); save the whole file as CSV UTF-8");
        }
        Charset charset = firstBadByte < 0 ? StandardCharsets.UTF_8 : GB18030;
        String text = new String(sample, bomLength, Math.min(sample.length - bomLength, DELIMITER_SAMPLE_CHARS * 4), charset);
        return new CsvDialect(charset, bomLength, delimiterOf(text));
    }

    /** The offset of the first byte that is not valid UTF-8, or -1 when the sample is valid. */
    private static int firstInvalidUtf8(byte[] sample, int offset) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer out = CharBuffer.allocate(8192);
        ByteBuffer in = ByteBuffer.wrap(sample, offset, sample.length - offset);
        while (true) {
            // endOfInput=false: the sample may end inside a multi-byte character, which is not an error.
            CoderResult result = decoder.decode(in, out, false);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }

    /** Non-ASCII UTF-8 characters (lead bytes) before {@code end}; the sample is valid UTF-8 up to there. */
    private static int countUtf8MultiByte(byte[] sample, int from, int end) {
        int count = 0;
        for (int i = from; i < end; i++) {
            if ((sample[i] & 0xC0) == 0xC0) {
                count++;
            }
        }
        return count;
    }

    private static int lineOf(byte[] sample, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (sample[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Picks the delimiter that appears in the most of the first non-empty lines (outside quotes), then
     * the one whose count per line is most regular, then comma, semicolon, tab in that order.
     */
    static char delimiterOf(String text) {
        List<Map<Character, Integer>> lines = countPerLine(text);
        char best = ',';
        long bestScore = -1;
        for (char delimiter : DELIMITERS) {
            int linesWith = 0;
            Map<Integer, Integer> countFrequency = new HashMap<>();
            for (Map<Character, Integer> counts : lines) {
                int count = counts.getOrDefault(delimiter, 0);
                if (count > 0) {
                    linesWith++;
                    countFrequency.merge(count, 1, Integer::sum);
                }
            }
            int regular = countFrequency.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            long score = linesWith == 0 ? -1 : linesWith * 1000L + regular;
            if (score > bestScore) {
                bestScore = score;
                best = delimiter;
            }
        }
        return best;
    }

    private static List<Map<Character, Integer>> countPerLine(String text) {
        List<Map<Character, Integer>> lines = new ArrayList<>();
        Map<Character, Integer> current = new HashMap<>();
        boolean inQuotes = false;
        boolean lineHasText = false;
        int limit = Math.min(text.length(), DELIMITER_SAMPLE_CHARS);
        for (int i = 0; i < limit && lines.size() < DELIMITER_SAMPLE_LINES; i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                inQuotes = !inQuotes;
            } else if (!inQuotes && (ch == '\n' || ch == '\r')) {
                if (lineHasText) {
                    lines.add(current);
                    current = new HashMap<>();
                    lineHasText = false;
                }
                continue;
            } else if (!inQuotes && (ch == ',' || ch == ';' || ch == '\t')) {
                current.merge(ch, 1, Integer::sum);
            }
            if (!Character.isWhitespace(ch)) {
                lineHasText = true;
            }
        }
        if (lineHasText && lines.size() < DELIMITER_SAMPLE_LINES) {
            lines.add(current);
        }
        return lines;
    }
}
