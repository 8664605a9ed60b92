package io.cbec.etl.source;

import java.io.InputStream;
import java.util.ArrayList;
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

    private XlsxMergeScan() {
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
