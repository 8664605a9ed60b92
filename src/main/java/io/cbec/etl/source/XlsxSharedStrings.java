package io.cbec.etl.source;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The shared strings table of an .xlsx, read once in one streaming pass and held compactly: every string
 * as UTF-8 in one byte arena, plus one end offset per string. A million distinct 20-character strings
 * take about 24 MB here, against several times that as a list of POI rich-text objects, and a lookup is
 * one array read and a UTF-8 decode (no XML object per cell).
 *
 * <p>Memory is bounded: above {@link #maxBytes()} of text the file is refused with a message that says
 * what to do, instead of the job running out of heap half-way through a sheet. The cap is the system
 * property {@value #MAX_BYTES_PROPERTY} (bytes of UTF-8, default {@value #DEFAULT_MAX_BYTES}, 64 MiB).
 *
 * <p>As POI does, phonetic runs ({@code <rPh>}) are left out and {@code _xHHHH_} escapes are decoded.
 */
final class XlsxSharedStrings {

    static final String MAX_BYTES_PROPERTY = "cbec.xlsx.shared-strings-max-bytes";
    static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private byte[] arena = new byte[8192];
    private int[] ends = new int[256];
    private int count;
    private int size;

    private XlsxSharedStrings() {
    }

    static long maxBytes() {
        String configured = System.getProperty(MAX_BYTES_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return DEFAULT_MAX_BYTES;
        }
        try {
            return Math.min(Long.parseLong(configured.trim()), Integer.MAX_VALUE - 16);
        } catch (NumberFormatException e) {
            return DEFAULT_MAX_BYTES;
        }
    }

    static XlsxSharedStrings read(InputStream in, long maxBytes) throws XMLStreamException, SourceException {
        XlsxSharedStrings table = new XlsxSharedStrings();
        XMLStreamReader xml = SafeXmlInput.open(in);
        try {
            StringBuilder text = new StringBuilder();
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("si")) {
                    text.setLength(0);
                    readItem(xml, text);
                    table.add(text, maxBytes);
                }
            }
            return table;
        } finally {
            xml.close();
        }
    }

    /** Joins the {@code <t>} texts of one {@code <si>}, plain or rich, skipping phonetic runs. */
    private static void readItem(XMLStreamReader xml, StringBuilder text) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if (name.equals("t")) {
                    text.append(xml.getElementText());
                } else if (name.equals("rPh")) {
                    SafeXmlInput.skipElement(xml);
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }


    private void add(CharSequence text, long maxBytes) throws SourceException {
        byte[] utf8 = decodeEscapes(text).getBytes(StandardCharsets.UTF_8);
        long needed = (long) size + utf8.length;
        if (needed > maxBytes) {
            throw new SourceException("shared strings table holds more than " + (maxBytes >> 20)
                    + " MB of text (limit " + MAX_BYTES_PROPERTY + "=" + maxBytes + " bytes); not read. "
                    + "Split the workbook, save it as CSV, or raise the limit together with the job's heap (-Xmx)");
        }
        if (needed > arena.length) {
            arena = Arrays.copyOf(arena, (int) Math.min(maxBytes, Math.max(needed, arena.length + (arena.length >> 1))));
        }
        System.arraycopy(utf8, 0, arena, size, utf8.length);
        size += utf8.length;
        if (count == ends.length) {
            ends = Arrays.copyOf(ends, count + (count >> 1) + 1);
        }
        ends[count++] = size;
    }

    int count() {
        return count;
    }

    /** Bytes of UTF-8 text held. */
    int textBytes() {
        return size;
    }

    /** The string at {@code index}, or null when the table has no such entry. */
    String get(int index) {
        if (index < 0 || index >= count) {
            return null;
        }
        int start = index == 0 ? 0 : ends[index - 1];
        return new String(arena, start, ends[index] - start, StandardCharsets.UTF_8);
    }

    /** OOXML writes characters XML cannot hold as {@code _xHHHH_}; {@code _x005F_} escapes the underscore. */
    static String decodeEscapes(CharSequence text) {
        String s = text.toString();
        if (s.indexOf("_x") < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '_' && i + 6 < s.length() && s.charAt(i + 1) == 'x'
                    && s.charAt(i + 6) == '_' && isHex(s, i + 2, i + 6)) {
                out.append((char) Integer.parseInt(s, i + 2, i + 6, 16));
                i += 7;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
