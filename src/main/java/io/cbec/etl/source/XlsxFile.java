package io.cbec.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * A streaming reader for .xlsx/.xlsm. The package is opened read-only from the file (nothing is ever
 * written back; macros are never touched); workbook.xml, styles and shared strings are loaded once, and
 * each sheet's XML is pulled one row at a time by {@link XlsxRowStream}.
 */
final class XlsxFile implements SpreadsheetFile {

    private static final String RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /** How a style index shows numbers: as a date or with a format string (null for General). */
    record NumberStyle(boolean date, String format) {
        static final NumberStyle GENERAL = new NumberStyle(false, null);
    }

    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final List<SheetInfo> sheets;
    private final List<String> sheetRelationIds;
    private final boolean date1904;
    private final StylesTable styles;
    private final XlsxSharedStrings sharedStrings;
    /** Resolved number styles by style index, filled on first use (a sheet uses a handful). */
    private NumberStyle[] numberStyles = new NumberStyle[64];
    private final Map<Integer, List<CellRange>> mergedRegions = new HashMap<>();

    private XlsxFile(OPCPackage pkg) throws Exception {
        this.pkg = pkg;
        this.reader = new XSSFReader(pkg);
        List<SheetInfo> foundSheets = new ArrayList<>();
        List<String> relationIds = new ArrayList<>();
        boolean[] uses1904 = {false};
        try (InputStream in = reader.getWorkbookData()) {
            readWorkbookPart(in, foundSheets, relationIds, uses1904);
        }
        this.sheets = List.copyOf(foundSheets);
        this.sheetRelationIds = List.copyOf(relationIds);
        this.date1904 = uses1904[0];
        this.styles = pkg.getPartsByContentType(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml").isEmpty()
                ? null : reader.getStylesTable();
        this.sharedStrings = readSharedStrings(pkg);
    }

    /** One streaming pass over the shared strings part into a compact, capped table; null when absent. */
    private static XlsxSharedStrings readSharedStrings(OPCPackage pkg) throws Exception {
        List<PackagePart> parts = pkg.getPartsByContentType(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml");
        if (parts.isEmpty()) {
            return null;
        }
        try (InputStream in = parts.get(0).getInputStream()) {
            return XlsxSharedStrings.read(in, XlsxSharedStrings.maxBytes());
        }
    }

    static XlsxFile open(Path file) throws SourceException {
        requireIntactZip(file);
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (Exception | OutOfMemoryError e) {
            throw PoiFailures.translate("workbook", e);
        }
        try {
            return new XlsxFile(pkg);
        } catch (Exception | OutOfMemoryError e) {
            pkg.revert();
            throw PoiFailures.translate("workbook", e);
        }
    }

    /**
     * POI falls back to reading a zip without its central directory entry by entry, which can read part
     * of a truncated file as if it were whole; a file whose directory is damaged is refused instead, and
     * so is one with too many or duplicate entries.
     */
    private static void requireIntactZip(Path file) throws SourceException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > PoiLimits.MAX_FILE_COUNT) {
                throw new SourceException("zip has more than " + PoiLimits.MAX_FILE_COUNT
                        + " entries (limit against hostile files, MAX_FILE_COUNT); not read");
            }
            // Two entries with one name let different programs see different content; refuse the file.
            Set<String> names = new HashSet<>();
            for (var entries = zip.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!names.add(name)) {
                    throw new SourceException("zip with two entries named " + name + "; not read");
                }
            }
        } catch (IOException e) {
            throw new SourceException("damaged or incomplete file (broken zip); save or copy it again", e);
        }
    }

    private static void readWorkbookPart(InputStream in, List<SheetInfo> sheets, List<String> relationIds,
            boolean[] uses1904) throws XMLStreamException {
        XMLStreamReader xml = SafeXmlInput.open(in);
        try {
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (xml.getLocalName()) {
                    case "workbookPr" -> uses1904[0] = isTrue(xml.getAttributeValue(null, "date1904"));
                    case "sheet" -> {
                        String name = xml.getAttributeValue(null, "name");
                        sheets.add(new SheetInfo(sheets.size(), name == null ? "Sheet" + (sheets.size() + 1) : name,
                                visibility(xml.getAttributeValue(null, "state"))));
                        relationIds.add(relationId(xml));
                    }
                    default -> { }
                }
            }
        } finally {
            xml.close();
        }
    }

    private static String relationId(XMLStreamReader xml) {
        String id = xml.getAttributeValue(RELATIONSHIPS_NS, "id");
        for (int i = 0; id == null && i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals("id") && xml.getAttributePrefix(i) != null
                    && !xml.getAttributePrefix(i).isEmpty()) {
                id = xml.getAttributeValue(i);
            }
        }
        return id;
    }

    private static SheetInfo.Visibility visibility(String state) {
        if (state == null) {
            return SheetInfo.Visibility.VISIBLE;
        }
        return switch (state) {
            case "hidden" -> SheetInfo.Visibility.HIDDEN;
            case "veryHidden" -> SheetInfo.Visibility.VERY_HIDDEN;
            default -> SheetInfo.Visibility.VISIBLE;
        };
    }

    static boolean isTrue(String xmlBoolean) {
        return "1".equals(xmlBoolean) || "true".equalsIgnoreCase(xmlBoolean);
    }

    boolean date1904() {
        return date1904;
    }

    @Override
    public List<SheetInfo> sheets() {
        return sheets;
    }

    @Override
    public RowStream rows(SheetInfo sheet) throws SourceException {
        InputStream in = openSheet(sheet);
        try {
            return new XlsxRowStream(sheet.name(), in, this);
        } catch (XMLStreamException | RuntimeException e) {
            closeQuietly(in);
            throw PoiFailures.translate("sheet " + sheet.name(), e);
        }
    }

    /**
     * The merged regions of a sheet. In sheet XML {@code <mergeCells>} follows {@code <sheetData>}, so a
     * row stream cannot know them in advance. A byte search first tells whether the part can have any
     * ({@link XlsxMergeScan#mayHaveMergedCells}); only then the XML pre-scan skips the rows without
     * building anything and stops right after {@code </mergeCells>}. The result is cached per sheet.
     */
    List<CellRange> mergedRegions(SheetInfo sheet) throws SourceException {
        List<CellRange> cached = mergedRegions.get(sheet.index());
        if (cached != null) {
            return cached;
        }
        try {
            boolean may;
            try (InputStream in = openSheet(sheet)) {
                may = XlsxMergeScan.mayHaveMergedCells(in);
            }
            List<CellRange> found = List.of();
            if (may) {
                try (InputStream in = openSheet(sheet)) {
                    found = XlsxMergeScan.scan(in);
                }
            }
            mergedRegions.put(sheet.index(), found);
            return found;
        } catch (SourceException e) {
            throw e;
        } catch (Exception | OutOfMemoryError e) {
            throw PoiFailures.translate("sheet " + sheet.name(), e);
        }
    }

    private InputStream openSheet(SheetInfo sheet) throws SourceException {
        if (sheet.index() < 0 || sheet.index() >= sheets.size() || !sheets.get(sheet.index()).equals(sheet)) {
            throw new IllegalArgumentException("sheet " + sheet + " is not from this file");
        }
        String relationId = sheetRelationIds.get(sheet.index());
        if (relationId == null) {
            throw new SourceException("sheet " + sheet.name() + ": workbook does not say where the sheet is; "
                    + "open it in Excel and save it again");
        }
        try {
            return reader.getSheet(relationId);
        } catch (Exception e) {
            throw PoiFailures.translate("sheet " + sheet.name(), e);
        }
    }

    String sharedString(int index) throws SourceException {
        // The sst count attributes are optional and often wrong, so the list itself is the authority.
        String text = sharedStrings == null ? null : sharedStrings.get(index);
        if (text != null) {
            return text;
        }
        throw new SourceException("shared string " + index + " is missing; open the file in Excel and save it again");
    }

    NumberStyle numberStyle(int styleIndex) {
        if (styles == null || styleIndex < 0) {
            return NumberStyle.GENERAL;
        }
        if (styleIndex >= numberStyles.length) {
            numberStyles = Arrays.copyOf(numberStyles, Math.max(styleIndex + 1, numberStyles.length * 2));
        }
        NumberStyle style = numberStyles[styleIndex];
        if (style == null) {
            style = resolveNumberStyle(styleIndex);
            numberStyles[styleIndex] = style;
        }
        return style;
    }

    private NumberStyle resolveNumberStyle(int styleIndex) {
        if (styleIndex >= styles.getNumCellStyles()) {
            return NumberStyle.GENERAL;
        }
        XSSFCellStyle style = styles.getStyleAt(styleIndex);
        if (style == null) {
            return NumberStyle.GENERAL;
        }
        int formatId = style.getDataFormat();
        String format = style.getDataFormatString();
        if (format == null || formatId == 0 || format.equalsIgnoreCase("General")) {
            return NumberStyle.GENERAL;
        }
        return new NumberStyle(DateUtil.isADateFormat(formatId, format), format);
    }

    @Override
    public void close() {
        // revert(), not close(): close() on a package would try to save it.
        pkg.revert();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing was written; the stream is abandoned either way
        }
    }
}
