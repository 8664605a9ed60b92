package io.cbec.etl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileTypeDetectorTest {

    @TempDir
    Path dir;

    private FileTypeDetector.Detection detect(String name, byte[] bytes) throws Exception {
        return FileTypeDetector.detect(Files.write(dir.resolve(name), bytes));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesAnEmptyFile() throws Exception {
        assertThat(detect("empty.xlsx", new byte[0])).isEqualTo(new FileTypeDetector.Detection(FileType.EMPTY, "empty file"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '#', value = {
            "report.xlsx # PDF   # '%PDF-1.7\n%âãÏÓ\n1 0 obj\n'",
            "export.xls  # HTML  # '<!DOCTYPE html>\n<html><body><table><tr><td>1</td></tr></table></body></html>'",
            "export2.xls # HTML  # '  <html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><table></table></html>'",
            "data.xlsx   # XML   # '<?xml version=\"1.0\"?>\n<rows><row>1</row></rows>'",
            "old.xls     # XML   # '<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\"></Workbook>'",
            "data.xlsx   # CSV   # 'Zone,Batch\nHangzhou,1\n'",
            "notes.txt   # CSV   # '城市;省份\n杭州;浙江\n'",
    })
    void tellsTextFormatsFromTheirBytesNotTheirName(String name, FileType expected, String content) throws Exception {
        FileTypeDetector.Detection detection = detect(name, utf8(content));
        assertThat(detection.type()).isEqualTo(expected);
        assertThat(detection.readable()).isEqualTo(expected == FileType.CSV);
    }

    @Test
    void namesPdfInTheProblem() throws Exception {
        assertThat(detect("report.xlsx", utf8("%PDF-1.4\n")).problem()).isEqualTo("not a spreadsheet (looks like PDF)");
    }

    @Test
    void refusesImagesAndBinaryJunk() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};
        assertThat(detect("chart.xlsx", png).type()).isEqualTo(FileType.IMAGE);
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        junk[0] = 0x01;
        assertThat(detect("junk.csv", junk).type()).isEqualTo(FileType.UNKNOWN);
    }

    @Test
    void readsTextWithAStrayNulAsCsvButRefusesNulRunsAndUtf16() throws Exception {
        String csv = "Date,Platform,Market,Event,Value\n2023-01-31,Temu,United States,note,ab\u0000cd\n";
        assertThat(detect("e.csv", utf8(csv))).isEqualTo(new FileTypeDetector.Detection(FileType.CSV, null));
        assertThat(detect("nul-padded.csv", utf8(csv + "\u0000\u0000\u0000\u0000")).type()).isEqualTo(FileType.UNKNOWN);
        byte[] sqlite = Arrays.copyOf(utf8("SQLite format 3\u0000"), 100);
        sqlite[16] = 0x10;
        assertThat(detect("data.csv", sqlite).type()).isEqualTo(FileType.UNKNOWN);
        byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0};
        assertThat(detect("tool.csv", elf).type()).isEqualTo(FileType.UNKNOWN);
        String text = "Zone,Batch\r\nHangzhou,1\r\nNingbo,2\r\n";
        assertThat(detect("unicode.csv", text.getBytes(StandardCharsets.UTF_16LE)).problem())
                .isEqualTo("text in UTF-16 without a byte-order mark (Excel \"Unicode Text\"); save it as CSV UTF-8");
        assertThat(detect("unicode-be.csv", ("城市,批次\n一,1\n杭州市,1\n").getBytes(StandardCharsets.UTF_16BE)).problem())
                .startsWith("text in UTF-16 without a byte-order mark");
        assertThat(detect("unicode.txt", ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE)).problem())
                .startsWith("text in UTF-16");
    }

    @Test
    void recognisesRealWorkbooksWhateverTheirExtension() throws Exception {
        Path xlsx = Fixtures.write(sheetWith(new XSSFWorkbook()), dir.resolve("book.xls"));
        XSSFWorkbook macroBook = new XSSFWorkbook(XSSFWorkbookType.XLSM);
        Path xlsm = Fixtures.write(sheetWith(macroBook), dir.resolve("book.xlsm"));
        Path xls = Fixtures.write(sheetWith(new HSSFWorkbook()), dir.resolve("book.xlsx"));
        assertThat(FileTypeDetector.detect(xlsx)).isEqualTo(new FileTypeDetector.Detection(FileType.XLSX, null));
        assertThat(FileTypeDetector.detect(xlsm).type()).isEqualTo(FileType.XLSX);
        assertThat(FileTypeDetector.detect(xls).type()).isEqualTo(FileType.XLS);
    }

    private static org.apache.poi.ss.usermodel.Workbook sheetWith(org.apache.poi.ss.usermodel.Workbook wb) {
        wb.createSheet("S").createRow(0).createCell(0).setCellValue("x");
        return wb;
    }

    @Test
    void refusesAnEncryptedXlsx() throws Exception {
        Path file = dir.resolve("locked.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (XSSFWorkbook wb = sheetWith(new XSSFWorkbook()) instanceof XSSFWorkbook x ? x : null;
                 OutputStream data = encryptor.getDataStream(fs)) {
                wb.write(data);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                fs.writeFilesystem(out);
            }
        }
        FileTypeDetector.Detection detection = FileTypeDetector.detect(file);
        assertThat(detection.type()).isEqualTo(FileType.ENCRYPTED);
        assertThat(detection.problem()).startsWith("encrypted workbook");
        assertThatThrownBy(() -> SpreadsheetFiles.open(file, detection.type()))
                .isInstanceOf(SourceException.class).hasMessageStartingWith("encrypted workbook");
    }

    @Test
    void refusesExcel95AndOlder() throws Exception {
        Path book95 = dir.resolve("old95.xls");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new ByteArrayInputStream(new byte[] {0x09, 0x08, 8, 0, 0, 5, 5, 0, 0, 0, 0, 0}), "Book");
            try (OutputStream out = Files.newOutputStream(book95)) {
                fs.writeFilesystem(out);
            }
        }
        FileTypeDetector.Detection detection = FileTypeDetector.detect(book95);
        assertThat(detection.type()).isEqualTo(FileType.OLD_EXCEL);
        assertThat(detection.problem()).startsWith("Excel 95 or older");
        byte[] biff4 = {0x09, 0x04, 6, 0, 0, 0, 0x10, 0};
        assertThat(detect("old4.xls", biff4).type()).isEqualTo(FileType.OLD_EXCEL);
    }

    @Test
    void tellsZipFormatsApart() throws Exception {
        Map<String, byte[]> ods = new LinkedHashMap<>();
        ods.put("mimetype", utf8("application/vnd.oasis.opendocument.spreadsheet"));
        ods.put("content.xml", utf8("<office:document-content/>"));
        assertThat(FileTypeDetector.detect(Fixtures.writeZip(dir.resolve("a.xlsx"), ods)))
                .isEqualTo(new FileTypeDetector.Detection(FileType.ODS, FileType.ODS.problem()));
        assertThat(FileType.ODS.problem()).startsWith("OpenDocument spreadsheet");

        Map<String, byte[]> xlsb = new LinkedHashMap<>();
        xlsb.put("_rels/.rels", utf8(rels("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                "xl/workbook.bin")));
        xlsb.put("xl/workbook.bin", new byte[] {1, 2, 3});
        FileTypeDetector.Detection binary = FileTypeDetector.detect(Fixtures.writeZip(dir.resolve("b.xlsx"), xlsb));
        assertThat(binary.type()).isEqualTo(FileType.XLSB);
        assertThat(binary.problem()).startsWith("xlsb binary workbook");

        Map<String, byte[]> strict = new LinkedHashMap<>();
        strict.put("_rels/.rels", utf8(rels("http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
                "xl/workbook.xml")));
        strict.put("xl/workbook.xml", utf8("<workbook xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"/>"));
        FileTypeDetector.Detection strictDetection = FileTypeDetector.detect(Fixtures.writeZip(dir.resolve("c.xlsx"), strict));
        assertThat(strictDetection.type()).isEqualTo(FileType.STRICT_OOXML);
        assertThat(strictDetection.problem()).startsWith("Strict Open XML");

        Map<String, byte[]> random = Map.of("readme.txt", utf8("hello"), "photo.jpg", new byte[] {1});
        FileTypeDetector.Detection other = FileTypeDetector.detect(Fixtures.writeZip(dir.resolve("d.xlsx"), random));
        assertThat(other.type()).isEqualTo(FileType.UNKNOWN);
        assertThat(other.problem()).contains("without a workbook");
    }

    private static String rels(String type, String target) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="%s" Target="%s"/></Relationships>""".formatted(type, target);
    }

    @Test
    void refusesAZipWithTooManyEntries() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("xl/workbook.xml", utf8("<workbook/>"));
        for (int i = 0; i < 1001; i++) {
            entries.put("xl/media/image" + i + ".png", new byte[] {1});
        }
        FileTypeDetector.Detection detection = FileTypeDetector.detect(Fixtures.writeZip(dir.resolve("many.xlsx"), entries));
        assertThat(detection.type()).isEqualTo(FileType.UNKNOWN);
        assertThat(detection.problem()).contains("more than 1000 entries");
    }

    @Test
    void zipBombsFailQuicklyAtDetectionOrAtOpen() throws Exception {
        byte[] zeros = new byte[40 * 1024 * 1024];
        Path plainBomb = Fixtures.writeZip(dir.resolve("bomb.xlsx"), Map.of("zeros.bin", zeros));
        Map<String, byte[]> workbookBomb = new LinkedHashMap<>();
        workbookBomb.put("[Content_Types].xml", utf8("""
                <?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Override PartName="/xl/workbook.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"""));
        workbookBomb.put("_rels/.rels", utf8(rels(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml")));
        // Whitespace after the XML declaration is well-formed, so only the inflate limit can stop it.
        workbookBomb.put("xl/workbook.xml", utf8("<?xml version=\"1.0\"?>" + " ".repeat(zeros.length)));
        Path xlsxBomb = Fixtures.writeZip(dir.resolve("bomb2.xlsx"), workbookBomb);
        assertThat(Files.size(plainBomb)).isLessThan(1024 * 1024);

        long start = System.nanoTime();
        assertThat(FileTypeDetector.detect(plainBomb).type()).isEqualTo(FileType.UNKNOWN);
        FileTypeDetector.Detection detection = FileTypeDetector.detect(xlsxBomb);
        assertThat(detection.type()).isEqualTo(FileType.XLSX);
        assertThatThrownBy(() -> SpreadsheetFiles.open(xlsxBomb, detection.type()).close())
                .isInstanceOf(SourceException.class).hasMessageContaining("zip bomb");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    @Test
    void refusesAZipWithDuplicateEntryNames() throws Exception {
        Path source = Fixtures.write(sheetWith(new XSSFWorkbook()), dir.resolve("source.xlsx"));
        Path file = dir.resolve("twice.xlsx");
        try (var in = new java.util.zip.ZipFile(source.toFile());
             var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(file.toFile())) {
            for (var entry : Collections.list(in.entries())) {
                byte[] data = in.getInputStream(entry).readAllBytes();
                int copies = entry.getName().equals("xl/worksheets/sheet1.xml") ? 2 : 1;
                for (int i = 0; i < copies; i++) {
                    out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(entry.getName()));
                    out.write(data);
                    out.closeArchiveEntry();
                }
            }
        }
        FileTypeDetector.Detection detection = FileTypeDetector.detect(file);
        assertThat(detection.type()).isEqualTo(FileType.UNKNOWN);
        assertThat(detection.problem()).contains("two entries named xl/worksheets/sheet1.xml");
        assertThatThrownBy(() -> SpreadsheetFiles.open(file, FileType.XLSX))
                .isInstanceOf(SourceException.class).hasMessageContaining("two entries named");
    }
}
