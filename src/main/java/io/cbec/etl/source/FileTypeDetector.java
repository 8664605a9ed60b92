package io.cbec.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Tells the real type of a file from its bytes; the extension is ignored because users rename files
 * (a CSV saved as .xlsx, a web page saved as .xls). Detection only reads headers, zip directories and a
 * few small parts, so it is fast and safe on hostile files; size limits are enforced when the file is
 * opened.
 */
public final class FileTypeDetector {

    /** The outcome: the type and, for refused types, the user-facing reason (null when readable). */
    public record Detection(FileType type, String problem) {

        static Detection of(FileType type) {
            return new Detection(type, type.problem());
        }

        public boolean readable() {
            return type.readable();
        }
    }

    private static final int SAMPLE_BYTES = 64 * 1024;
    private static final int UTF16_SAMPLE_BYTES = 1024;
    private static final int SMALL_PART_LIMIT = 1024 * 1024;
    private static final String STRICT_NAMESPACE_PREFIX = "http://purl.oclc.org/ooxml/";
    private static final short BIFF_BOF = 0x0809;
    private static final short BIFF8_VERSION = 0x0600;

    private FileTypeDetector() {
    }

    public static Detection detect(Path file) throws IOException {
        if (Files.size(file) == 0) {
            return Detection.of(FileType.EMPTY);
        }
        byte[] sample = readSample(file);
        FileMagic magic = FileMagic.valueOf(Arrays.copyOf(sample, Math.max(sample.length, 8)));
        return switch (magic) {
            case OLE2 -> detectOle2(file);
            case OOXML -> detectZip(file);
            case BIFF2, BIFF3, BIFF4 -> Detection.of(FileType.OLD_EXCEL);
            case PDF -> Detection.of(FileType.PDF);
            case PNG, JPEG, GIF, BMP, TIFF, WMF, EMF -> Detection.of(FileType.IMAGE);
            case HTML -> Detection.of(FileType.HTML);
            case MSWRITE, WORD2 -> new Detection(FileType.UNKNOWN, "not a spreadsheet (looks like a Word document)");
            default -> detectText(sample);
        };
    }

    private static byte[] readSample(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(SAMPLE_BYTES);
        }
    }

    private static Detection detectOle2(Path file) {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            DirectoryNode root = fs.getRoot();
            // Password-protected .xlsx files are OLE2 containers holding the encrypted zip.
            if (root.hasEntry("EncryptionInfo") || root.hasEntry("EncryptedPackage")) {
                return Detection.of(FileType.ENCRYPTED);
            }
            String stream = root.hasEntry("Workbook") ? "Workbook" : root.hasEntry("WORKBOOK") ? "WORKBOOK" : null;
            if (stream == null) {
                // Excel 5/95 names its stream "Book"; anything else is another Office document.
                return root.hasEntry("Book") ? Detection.of(FileType.OLD_EXCEL)
                        : new Detection(FileType.UNKNOWN, "not a spreadsheet (an Office file without a workbook)");
            }
            try (DocumentInputStream in = root.createDocumentInputStream(stream)) {
                short sid = in.readShort();
                in.readShort(); // record length
                short version = in.readShort();
                return sid == BIFF_BOF && version == BIFF8_VERSION ? Detection.of(FileType.XLS)
                        : Detection.of(FileType.OLD_EXCEL);
            }
        } catch (IOException | RuntimeException e) {
            return new Detection(FileType.UNKNOWN, "damaged Excel 97-2003 file (" + e.getMessage() + ")");
        }
    }

    private static Detection detectZip(Path file) {
        Set<String> names = new HashSet<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (!names.add(name)) {
                    return new Detection(FileType.UNKNOWN, "zip with two entries named " + name
                            + " (different programs would read different content); not read");
                }
                if (names.size() > PoiLimits.MAX_FILE_COUNT) {
                    return new Detection(FileType.UNKNOWN,
                            "zip with more than " + PoiLimits.MAX_FILE_COUNT + " entries (limit against hostile files)");
                }
            }
            if (names.contains("mimetype")) {
                String mimetype = readSmallPart(zip, "mimetype").trim();
                return mimetype.startsWith("application/vnd.oasis.opendocument.spreadsheet")
                        ? Detection.of(FileType.ODS)
                        : new Detection(FileType.UNKNOWN, "not a spreadsheet (OpenDocument " + mimetype + ")");
            }
            String mainPart = names.contains("_rels/.rels") ? officeDocumentTarget(readSmallPart(zip, "_rels/.rels")) : null;
            if (mainPart != null && mainPart.startsWith("strict:")) {
                return Detection.of(FileType.STRICT_OOXML);
            }
            if (names.contains("xl/workbook.bin") || mainPart != null && mainPart.endsWith(".bin")) {
                return Detection.of(FileType.XLSB);
            }
            if (names.contains("xl/workbook.xml") || mainPart != null && mainPart.startsWith("xl/")) {
                return Detection.of(FileType.XLSX);
            }
            return new Detection(FileType.UNKNOWN, "not a spreadsheet (zip archive without a workbook)");
        } catch (ZipException e) {
            return new Detection(FileType.UNKNOWN, "damaged or incomplete file (broken zip); save or copy it again");
        } catch (IOException | XMLStreamException | RuntimeException e) {
            return new Detection(FileType.UNKNOWN, "damaged workbook (" + e.getMessage() + ")");
        }
    }

    private static String readSmallPart(ZipFile zip, String name) throws IOException {
        try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readNBytes(SMALL_PART_LIMIT), StandardCharsets.UTF_8);
        }
    }

    /**
     * The target of the package's officeDocument relationship, without a leading slash; prefixed with
     * {@code strict:} when the relationship uses the Strict namespace, which POI cannot read.
     */
    private static String officeDocumentTarget(String rels) throws XMLStreamException {
        XMLStreamReader xml = SafeXmlInput.open(new java.io.ByteArrayInputStream(rels.getBytes(StandardCharsets.UTF_8)));
        try {
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")) {
                    String type = xml.getAttributeValue(null, "Type");
                    String target = xml.getAttributeValue(null, "Target");
                    if (type != null && target != null && type.endsWith("/officeDocument")) {
                        String path = target.startsWith("/") ? target.substring(1) : target;
                        return type.startsWith(STRICT_NAMESPACE_PREFIX) ? "strict:" + path : path;
                    }
                }
            }
            return null;
        } finally {
            xml.close();
        }
    }

    private static Detection detectText(byte[] sample) {
        if (sample.length >= 2 && (sample[0] == (byte) 0xFF && sample[1] == (byte) 0xFE
                || sample[0] == (byte) 0xFE && sample[1] == (byte) 0xFF)) {
            return new Detection(FileType.UNKNOWN, "text in UTF-16 (Excel \"Unicode Text\"); save it as CSV UTF-8");
        }
        if (utf16WithoutByteOrderMark(sample)) {
            // Checked before the NUL runs below: in UTF-16 an ASCII character next to 一 (U+4E00) makes one.
            return new Detection(FileType.UNKNOWN, "text in UTF-16 without a byte-order mark (Excel \"Unicode Text\");"
                    + " save it as CSV UTF-8");
        }
        int controls = 0;
        for (int i = 0; i < sample.length; i++) {
            byte b = sample[i];
            // Binary data (numbers, padding) has NUL bytes side by side, and UTF-16 text one in every other
            // byte (too many controls, below); a lone NUL in a text export is a stray character in a cell,
            // cleaned when read like any other control character (bad-inputs.md #11).
            if (b == 0 && i > 0 && sample[i - 1] == 0) {
                return Detection.of(FileType.UNKNOWN);
            }
            if ((b & 0xFF) < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
                controls++;
            }
        }
        // A few stray control characters happen in exported text; many mean binary data.
        if (controls > 16 && controls * 100 > sample.length) {
            return Detection.of(FileType.UNKNOWN);
        }
        String head = new String(sample, 0, Math.min(sample.length, 4096), StandardCharsets.ISO_8859_1)
                .replace("\u00EF\u00BB\u00BF", "").stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("%pdf-")) {
            return Detection.of(FileType.PDF);
        }
        if (head.startsWith("{\\rtf")) {
            return new Detection(FileType.UNKNOWN, "not a spreadsheet (looks like RTF)");
        }
        if (head.startsWith("mime-version:")) {
            return new Detection(FileType.HTML, "not a spreadsheet (single-file web page .mht); open it in Excel and save as .xlsx");
        }
        if (startsWithAny(head, "<!doctype html", "<html", "<head", "<body", "<table", "<meta", "<style", "<div")
                || head.startsWith("<?xml") && head.contains("<html")) {
            return Detection.of(FileType.HTML);
        }
        if (head.contains("urn:schemas-microsoft-com:office:spreadsheet")) {
            return new Detection(FileType.XML, "Excel 2003 XML spreadsheet; open it in Excel and save as .xlsx");
        }
        if (head.startsWith("<?xml") || head.length() > 1 && head.charAt(0) == '<'
                && (Character.isLetter(head.charAt(1)) || head.charAt(1) == '!')) {
            return Detection.of(FileType.XML);
        }
        return Detection.of(FileType.CSV);
    }

    /**
     * Whether the sample is UTF-16 text without a byte-order mark: the ASCII characters every CSV has (digits,
     * commas, line breaks) leave a NUL in one byte of their pair, always the same one, and a printable character
     * in the other. Chinese characters have no NUL byte, so a quarter of the pairs is enough.
     */
    static boolean utf16WithoutByteOrderMark(byte[] sample) {
        int pairs = Math.min(sample.length, UTF16_SAMPLE_BYTES) / 2;
        if (pairs < 2) {
            return false;
        }
        for (int nulAt = 0; nulAt <= 1; nulAt++) { // 1: little-endian ("A" is 41 00), 0: big-endian
            int ascii = 0;
            int otherNuls = 0;
            for (int i = 0; i < pairs; i++) {
                byte nul = sample[2 * i + nulAt];
                byte other = sample[2 * i + 1 - nulAt];
                if (nul == 0 && (other >= 0x20 && other < 0x7F || other == '\t' || other == '\n' || other == '\r')) {
                    ascii++;
                } else if (other == 0) {
                    otherNuls++;
                }
            }
            if (ascii * 4 >= pairs && otherNuls * 2 <= ascii) { // U+4E00 一, U+6700 最: a NUL on the other side
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithAny(String text, String... prefixes) {
        for (String prefix : prefixes) {
            if (text.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
