package io.cbec.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Finds the merged regions of a sheet part. They are listed after the rows, so the scan has to pass over
 * {@code <sheetData>}; it does so without looking at any element inside it (only nesting depth is
 * tracked) and stops at {@code </mergeCells>} instead of reading the rest of the part.
 */
final class XlsxMergeScan {

    private static final byte[] NAME = "mergeCell".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 64 * 1024;
    /** How far the search may move on, by the byte under the name's last letter. */
    private static final int[] SHIFT = new int[256];

    static {
        Arrays.fill(SHIFT, NAME.length);
        for (int k = 0; k < NAME.length - 1; k++) {
            SHIFT[NAME[k] & 0xff] = NAME.length - 1 - k;
        }
    }

    private XlsxMergeScan() {
    }

    /**
     * Whether a sheet part can hold merged regions at all, from its bytes alone. A merged region is a
     * {@code mergeCell} element, and an element's name cannot be escaped: in an encoding that writes ASCII
     * as ASCII (UTF-8 and the single-byte ones) the part then holds these nine bytes. A part that may be
     * in another encoding (UTF-16 or 32, EBCDIC: it does not start with '<' or spaces, or has a NUL up
     * front) answers yes. Inflating and searching the part costs a fraction of tokenizing its rows, which
     * is what {@link #scan} does to reach the end of the part; most large sheets have no merged cells.
     */
    static boolean mayHaveMergedCells(InputStream sheetXml) throws IOException {
        byte[] buf = new byte[BUFFER + NAME.length];
        int kept = 0;
        boolean first = true;
        for (int n = sheetXml.read(buf, kept, BUFFER); n >= 0; n = sheetXml.read(buf, kept, BUFFER)) {
            int end = kept + n;
            if (first && end > 0) {
                if (!asciiCompatible(buf, end)) {
                    return true;
                }
                first = false;
            }
            // Horspool's search: most bytes of sheet XML are not in the name, so it looks at about one byte in seven
            for (int i = 0; i + NAME.length <= end; i += SHIFT[buf[i + NAME.length - 1] & 0xff]) {
                if (matches(buf, i)) {
                    return true;
                }
            }
            kept = Math.min(end, NAME.length - 1); // a name split between two reads
            System.arraycopy(buf, end - kept, buf, 0, kept);
        }
        return false;
    }

    private static boolean matches(byte[] buf, int at) {
        for (int k = NAME.length - 1; k >= 0; k--) {
            if (buf[at + k] != NAME[k]) {
                return false;
            }
        }
        return true;
    }

    /** Starts (after a UTF-8 byte order mark) with '<' or a space, and no NUL among the first bytes. */
    private static boolean asciiCompatible(byte[] buf, int length) {
        int at = length >= 3 && (buf[0] & 0xff) == 0xEF && (buf[1] & 0xff) == 0xBB && (buf[2] & 0xff) == 0xBF ? 3 : 0;
        if (at >= length) {
            return false;
        }
        byte b = buf[at];
        if (b != '<' && b != ' ' && b != '\t' && b != '\r' && b != '\n') {
            return false;
        }
        for (int i = at; i < Math.min(length, at + 4); i++) {
            if (buf[i] == 0) {
                return false;
            }
        }
        return true;
    }

    static List<CellRange> scan(InputStream sheetXml) throws XMLStreamException, SourceException {
        XMLStreamReader xml = SafeXmlInput.open(sheetXml);
        List<CellRange> regions = new ArrayList<>();
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "sheetData" -> SafeXmlInput.skipElement(xml);
                        case "mergeCell" -> regions.add(parse(xml.getAttributeValue(null, "ref")));
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("mergeCells")) {
                    break;
                }
            }
            return List.copyOf(regions);
        } finally {
            xml.close();
        }
    }

    private static CellRange parse(String ref) throws SourceException {
        try {
            return CellRange.parse(ref == null ? "" : ref);
        } catch (IllegalArgumentException e) {
            throw new SourceException("merged cells with a bad range \"" + ref + "\"; open the file in Excel and save it again");
        }
    }

}
