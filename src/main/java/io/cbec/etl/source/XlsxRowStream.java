package io.cbec.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * Pulls one row at a time from a sheet part with StAX (Aalto, see {@link SafeXmlInput}), so memory stays
 * flat in the number of rows. Elements are matched by local name, which accepts both unprefixed and
 * prefixed (x:row) sheet XML. The per-cell path is kept lean on purpose (one pass over a cell's
 * attributes, no per-cell objects besides the value, no map lookups): it runs tens of millions of times
 * on a large export, and profiling showed the old per-cell costs (attribute lookups by name, rich-text
 * objects for shared strings) took most of the reading time.
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
    /** The t and s attributes of the cell being read. */
    private String cellType;
    private int cellStyle;
    /** The text of the cell's {@code <v>}, reused from cell to cell. */
    private char[] valueChars = new char[64];
    private int valueLength;

    private static final java.time.LocalDate DAY_ZERO_1900 = java.time.LocalDate.of(1899, 12, 30);
    private static final java.time.LocalDate DAY_ZERO_1904 = java.time.LocalDate.of(1904, 1, 1);

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
        int rowNumber = parsePositive(attribute("r"), lastRowNumber + 1);
        lastRowNumber = rowNumber;
        List<CellValue> cells = new ArrayList<>(16);
        boolean anyValue = false;
        int column = -1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("c")) {
                column = readCellAttributes(column + 1, rowNumber);
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

    /** The value of an attribute of the current element by local name, or null. */
    private String attribute(String localName) {
        for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            if (xml.getAttributeLocalName(i).equals(localName)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    /**
     * Reads r, t and s of the {@code <c>} at the cursor in one pass over its attributes (a cell has at
     * most three, so this beats three lookups by name), leaving t and s in {@link #cellType} and
     * {@link #cellStyle}; answers the cell's column.
     */
    private int readCellAttributes(int fallbackColumn, int rowNumber) throws SourceException {
        String reference = null;
        cellType = null;
        cellStyle = 0;
        for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
            String name = xml.getAttributeLocalName(i);
            if (name.equals("r")) {
                reference = xml.getAttributeValue(i);
            } else if (name.equals("t")) {
                cellType = xml.getAttributeValue(i);
            } else if (name.equals("s")) {
                cellStyle = parsePositive(xml.getAttributeValue(i), 0);
            }
        }
        return columnOf(reference, fallbackColumn, rowNumber);
    }

    private CellValue readCell(int rowNumber, int column) throws XMLStreamException, SourceException {
        String type = cellType;
        int style = cellStyle;
        boolean hasValue = false;
        String formula = null;
        StringBuilder inline = null;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String name = xml.getLocalName();
                if (name.equals("v")) {
                    readValueText();
                    hasValue = true;
                } else if (name.equals("f")) {
                    formula = xml.getElementText();
                } else if (name.equals("is")) {
                    inline = readInlineString();
                } else {
                    SafeXmlInput.skipElement(xml);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                // the only end tag met at this depth is the cell's own: children are read whole above
                break;
            }
        }
        if (inline != null && !hasValue) {
            return textOrNull(inline.toString());
        }
        if (formula != null && !hasCachedResult(type, hasValue)) {
            // A formula nobody recalculated has no cached value; reading it as empty or 0 would be wrong.
            return new CellValue.Uncalculated(formula);
        }
        if (!hasValue) {
            return null;
        }
        // Numbers and shared-string indexes, nearly every cell, are parsed from the characters directly.
        if (type == null || type.equals("n")) {
            return number(style, rowNumber, column);
        }
        if (type.equals("s")) {
            int index = DecimalText.parseIndex(valueChars, valueLength);
            return textOrNull(workbook.sharedString(index >= 0 ? index
                    : parseIndex(new String(valueChars, 0, valueLength), rowNumber, column)));
        }
        String value = new String(valueChars, 0, valueLength);
        return switch (type) {
            case "str", "inlineStr" -> textOrNull(value);
            case "b" -> value.isEmpty() ? null : new CellValue.Bool(XlsxFile.isTrue(value.trim()));
            case "e" -> value.isEmpty() ? null : new CellValue.Error(value);
            case "d" -> isoDate(value, style, new CellPlace(sheetName, column, rowNumber));
            default -> number(style, rowNumber, column);
        };
    }

    /**
     * Whether a formula cell holds a result Excel calculated. A program that writes formulas without
     * calculating them leaves the value out ({@code <f>} alone: POI) or writes it empty with no type
     * ({@code <f>..</f><v/>}: openpyxl, and every file openpyxl has loaded and saved, as it drops the
     * results it read). Both mean "never calculated". An empty {@code <v>} only holds a result in a
     * {@code t="str"} cell: that is how Excel and LibreOffice store a formula whose result is the empty
     * string (=IF(A1>0,"","x")), which is blank text. A number, boolean, error or date is never empty.
     */
    private boolean hasCachedResult(String type, boolean hasValue) {
        return hasValue && ("str".equals(type) || !isBlank(valueChars, valueLength));
    }

    /** Copies the text of the {@code <v>} at the cursor into {@link #valueChars}, up to its end tag. */
    private void readValueText() throws XMLStreamException {
        valueLength = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE) {
                int length = xml.getTextLength();
                if (valueLength + length > valueChars.length) {
                    valueChars = Arrays.copyOf(valueChars, Math.max(valueLength + length, valueChars.length * 2));
                }
                xml.getTextCharacters(xml.getTextStart(), valueChars, valueLength, length);
                valueLength += length;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                throw new XMLStreamException("element inside a cell value <v>", xml.getLocation());
            }
        }
    }

    private CellValue number(int style, int rowNumber, int column) throws SourceException {
        if (isBlank(valueChars, valueLength)) {
            return null;
        }
        double number;
        try {
            number = DecimalText.parse(valueChars, valueLength);
        } catch (NumberFormatException e) {
            throw new SourceException(new CellPlace(sheetName, column, rowNumber) + ": numeric cell holds \""
                    + new String(valueChars, 0, valueLength) + "\"; open the file in Excel and save it again");
        }
        XlsxFile.NumberStyle numberStyle = workbook.numberStyle(style);
        if (numberStyle.date() && DateUtil.isValidExcelDate(number)) {
            return new CellValue.DateTime(dateTime(number, workbook.date1904()), numberStyle.format());
        }
        return new CellValue.Numeric(number, numberStyle.format());
    }

    /**
     * A date serial as a date-time, as {@link DateUtil#getLocalDateTime(double, boolean)} answers it. Whole
     * days (nearly every date cell) take a direct path: day 0 of the 1900 system is 1899-12-30 from day 61
     * on (Excel's phantom 29 Feb 1900 lies before), day 0 of the 1904 system is 1904-01-01.
     */
    static LocalDateTime dateTime(double serial, boolean date1904) {
        if (serial == Math.rint(serial) && serial < 3_000_000 && (date1904 ? serial >= 0 : serial >= 61)) {
            return (date1904 ? DAY_ZERO_1904 : DAY_ZERO_1900).plusDays((long) serial).atStartOfDay();
        }
        return DateUtil.getLocalDateTime(serial, date1904);
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
                    case "rPh" -> SafeXmlInput.skipElement(xml);
                    default -> depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return text;
    }


    /** Where a cell is, for messages; text is only built when a message is. */
    private record CellPlace(String sheet, int column, int row) {
        @Override
        public String toString() {
            return "sheet " + sheet + " cell " + SourceRow.columnLetters(column) + row;
        }
    }

    private static boolean isBlank(char[] text, int length) {
        for (int i = 0; i < length; i++) {
            if (!Character.isWhitespace(text[i])) {
                return false;
            }
        }
        return true;
    }

    private static CellValue textOrNull(String text) {
        return text == null || text.isEmpty() ? null : new CellValue.Text(text);
    }

    private int parseIndex(String value, int rowNumber, int column) throws SourceException {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new SourceException(new CellPlace(sheetName, column, rowNumber) + ": bad shared string index \"" + value + "\"; open the file in Excel and save it again");
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
