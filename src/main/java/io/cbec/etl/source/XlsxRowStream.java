package io.cbec.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Pulls one row at a time from a sheet part with StAX, so memory stays flat in the number of rows.
 * Elements are matched by local name, which accepts both unprefixed and prefixed (x:row) sheet XML.
 */
final class XlsxRowStream implements RowStream {

    /** Excel's last column is XFD; a reference beyond it is a damaged or hostile file. */
    static final int MAX_COLUMNS = 16_384;

    private final String sheetName;
    private final InputStream in;
    private final XMLStreamReader xml;
    private final XlsxFile workbook;
    private boolean finished;
    private int lastRowNumber;

    XlsxRowStream(String sheetName, InputStream in, XlsxFile workbook) throws XMLStreamException {
        this.sheetName = sheetName;
        this.in = in;
        this.xml = SafeXmlInput.open(in);
        this.workbook = workbook;
    }

    @Override
    public SourceRow next() throws SourceException {
        try {
            while (!finished && xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("row")) {
                    SourceRow row = readRow();
                    if (row != null) {
                        return row;
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("sheetData")) {
                    // Everything after the rows (merges, formatting) is not needed here.
                    finished = true;
                }
            }
            finished = true;
            return null;
        } catch (XMLStreamException | RuntimeException | OutOfMemoryError e) {
            finished = true;
            throw PoiFailures.translate("sheet " + sheetName + " after row " + lastRowNumber, e);
        }
    }

    /** Reads the row at the cursor; returns null when it has no non-empty cell. */
    private SourceRow readRow() throws XMLStreamException, SourceException {
        int rowNumber = parsePositive(xml.getAttributeValue(null, "r"), lastRowNumber + 1);
        lastRowNumber = rowNumber;
        List<CellValue> cells = new ArrayList<>();
        boolean anyValue = false;
        int column = -1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("c")) {
                column = columnOf(xml.getAttributeValue(null, "r"), column + 1, rowNumber);
                CellValue value = readCell(rowNumber, column);
                if (value != null) {
                    while (cells.size() <= column) {
                        cells.add(null);
                    }
                    cells.set(column, value);
                    anyValue = true;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("row")) {
                break;
            }
        }
        return anyValue ? new SourceRow(rowNumber, cells) : null;
    }

    private CellValue readCell(int rowNumber, int column) throws XMLStreamException, SourceException {
        String type = xml.getAttributeValue(null, "t");
        int style = parsePositive(xml.getAttributeValue(null, "s"), 0);
        String value = null;
        String formula = null;
        StringBuilder inline = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "v" -> value = xml.getElementText();
                    case "f" -> formula = xml.getElementText();
                    case "is" -> inline = readInlineString();
                    default -> skipElement();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("c")) {
                break;
            }
        }
        CellPlace place = new CellPlace(sheetName, column, rowNumber);
        if (inline != null && value == null) {
            return textOrNull(inline.toString());
        }
        if (value == null) {
            // A formula nobody recalculated has no cached value; reading it as empty or 0 would be wrong.
            return formula != null ? new CellValue.Uncalculated(formula) : null;
        }
        return switch (type == null ? "n" : type) {
            case "s" -> textOrNull(workbook.sharedString(parseIndex(value, place)));
            case "str", "inlineStr" -> textOrNull(value);
            case "b" -> value.isEmpty() ? null : new CellValue.Bool(XlsxFile.isTrue(value.trim()));
            case "e" -> value.isEmpty() ? null : new CellValue.Error(value);
            case "d" -> isoDate(value, style, place);
            default -> number(value, style, place);
        };
    }

    private CellValue number(String value, int style, CellPlace place) throws SourceException {
        if (value.isBlank()) {
            return null;
        }
        double number;
        try {
            number = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new SourceException(place + ": numeric cell holds \"" + value + "\"; open the file in Excel and save it again");
        }
        XlsxFile.NumberStyle numberStyle = workbook.numberStyle(style);
        if (numberStyle.date() && DateUtil.isValidExcelDate(number)) {
            return new CellValue.DateTime(DateUtil.getLocalDateTime(number, workbook.date1904()), numberStyle.format());
        }
        return new CellValue.Numeric(number, numberStyle.format());
    }

    private CellValue isoDate(String value, int style, CellPlace place) throws SourceException {
        if (value.isBlank()) {
            return null;
        }
        try {
            String iso = value.trim();
            LocalDateTime date = iso.contains("T") ? LocalDateTime.parse(iso.endsWith("Z") ? iso.substring(0, iso.length() - 1) : iso)
                    : java.time.LocalDate.parse(iso).atStartOfDay();
            return new CellValue.DateTime(date, workbook.numberStyle(style).format());
        } catch (DateTimeParseException e) {
            throw new SourceException(place + ": date cell holds \"" + value + "\"; open the file in Excel and save it again");
        }
    }

    /** Concatenates the text of an inline string, plain or rich; phonetic runs are left out. */
    private StringBuilder readInlineString() throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "t" -> text.append(xml.getElementText());
                    case "rPh" -> skipElement();
                    default -> depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return text;
    }

    private void skipElement() throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /** Where a cell is, for messages; text is only built when a message is. */
    private record CellPlace(String sheet, int column, int row) {
        @Override
        public String toString() {
            return "sheet " + sheet + " cell " + SourceRow.columnLetters(column) + row;
        }
    }

    private static CellValue textOrNull(String text) {
        return text == null || text.isEmpty() ? null : new CellValue.Text(text);
    }

    private static int parseIndex(String value, CellPlace place) throws SourceException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new SourceException(place + ": bad shared string index \"" + value + "\"; open the file in Excel and save it again");
        }
    }

    private static int parsePositive(String value, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed >= 0 ? parsed : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The 0-based column of a reference like "AB12"; cells without one follow the previous cell. */
    private int columnOf(String reference, int fallback, int rowNumber) throws SourceException {
        int column = 0;
        int letters = 0;
        if (reference != null) {
            for (; letters < reference.length(); letters++) {
                char ch = reference.charAt(letters);
                if (ch < 'A' || ch > 'Z') {
                    break;
                }
                column = column * 26 + (ch - 'A' + 1);
                if (column > MAX_COLUMNS) {
                    break;
                }
            }
        }
        int result = letters == 0 ? fallback : column - 1;
        if (result >= MAX_COLUMNS) {
            throw new SourceException("sheet " + sheetName + " row " + rowNumber
                    + ": cell beyond column XFD (the last Excel column); the file is damaged");
        }
        return result;
    }

    @Override
    public void close() throws SourceException {
        finished = true;
        try {
            xml.close();
            in.close();
        } catch (XMLStreamException | IOException e) {
            throw new SourceException("sheet " + sheetName + ": could not close (" + e.getMessage() + ")", e);
        }
    }
}
