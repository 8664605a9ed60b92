package io.cbec.etl.job;

import io.cbec.etl.fixtures.JobRun;
import io.cbec.etl.fixtures.PublishedWorkbook;
import io.cbec.etl.fixtures.ReferenceZones;
import io.cbec.etl.fixtures.RegistryWorkbook;
import io.cbec.etl.fixtures.SampleInputGenerator;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One test per row of docs/bad-inputs.md, each through the real entry point on a real H2 database and
 * fixtures built here in code. Every run asserts what the user sees: the exit code, a console line naming
 * the file and the reason, the Files and Rejected Rows sheets of the data-quality workbook, that no report
 * was published when the run failed, and (always, in {@link #run}) that no input file changed a byte.
 */
class BadInputsJobTest {

    private static final String DATE = "2024-01-31";
    /** Files sheet columns. */
    private static final int FILE = 0, SHEET = 2, STATUS = 3, ROWS_READ = 4, ACCEPTED = 5, REJECTED = 6, ERROR = 9,
            HIDDEN = 10;
    /** Rejected Rows columns. */
    private static final int R_ROW = 2, R_COLUMN = 3, R_VALUE = 4, R_REASON = 5;

    @TempDir
    Path dir;
    private Path input;
    private JobRun job;
    private String console = "";

    @BeforeAll
    static void noSettleTime() {
        System.setProperty("cbec.input.settle-time", "0s");
    }

    @BeforeEach
    void folders() throws IOException {
        input = Files.createDirectories(dir.resolve("input"));
        job = new JobRun(dir, DATE); // before the test body, which may set its own settle time
    }

    @AfterEach
    void restoreProperties() {
        System.setProperty("cbec.input.settle-time", "0s");
        System.clearProperty("cbec.input.max-rows-per-sheet");
    }

    // ---------------------------------------------------------------------------------------------------
    // The run, and what every run must leave true

    /** Runs the job, captures the console, and checks that no input file (links included) changed. */
    private int run(String... extra) throws Exception {
        Map<String, String> before = inputHashes();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
            code = job.run(extra);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        console = captured.toString(StandardCharsets.UTF_8);
        assertThat(inputHashes()).as("input files are never modified").isEqualTo(before);
        assertThat(console).as("no control character of an input reaches the terminal or cron's mail")
                .doesNotContainPattern("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
        assertThat(console).as("a check's status is the line's level, not repeated after it")
                .doesNotContainPattern("(WARN|ERROR) +(WARN|FAIL) ");
        return code;
    }

    private Map<String, String> inputHashes() throws IOException {
        Map<String, String> hashes = new TreeMap<>();
        if (Files.isDirectory(input)) {
            try (Stream<Path> files = Files.list(input)) {
                for (Path f : files.toList()) {
                    if (Files.isRegularFile(f)) { // follows links: their targets must not change either
                        hashes.put(f.getFileName().toString(), sha256(f) + " " + Files.getLastModifiedTime(f));
                    }
                }
            }
        }
        return hashes;
    }

    private Path report() {
        return job.reportPath();
    }

    private PublishedWorkbook dataQuality() throws Exception {
        return job.dataQuality();
    }

    private List<String> filesRow(String file) throws Exception {
        return dataQuality().rowWhere("Files", FILE, file)
                .orElseThrow(() -> new AssertionError("no Files row for " + file));
    }

    private List<List<String>> rejectedRows() throws Exception {
        List<List<String>> rows = dataQuality().rows("Rejected Rows");
        return rows.subList(1, rows.size());
    }

    /** A failed run: the exit code, no report, the file refused in Files with the reason, said on the console. */
    private void assertRefused(String file, String reason) throws Exception {
        assertThat(report()).as("no report is published").doesNotExist();
        List<String> row = filesRow(file);
        assertThat(row.get(STATUS)).isEqualTo("REJECTED");
        assertThat(row.get(ERROR)).contains(reason);
        assertThat(console).as("one console line names the file and the reason")
                .containsPattern("(?m)^.*" + Pattern.quote(file) + ".*"
                        + Pattern.quote(reason) + ".*$");
        assertNoTempFiles();
    }

    private void assertNoTempFiles() throws IOException {
        Path output = dir.resolve("output");
        if (Files.isDirectory(output)) {
            try (Stream<Path> files = Files.list(output)) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
        Path tmp = dir.resolve("output/.state/tmp");
        if (Files.isDirectory(tmp)) {
            try (Stream<Path> files = Files.list(tmp)) {
                assertThat(files).as("POI temp files removed").isEmpty();
            }
        }
    }

    /** A good registry file (batch 2: 12 zones) to sit beside the bad one. */
    private Path goodRegistry() throws IOException {
        return RegistryWorkbook.allBatches().batches(2).writeTo(input.resolve("名单.xlsx"));
    }

    private void assertGoodRegistryListed() throws Exception {
        List<String> good = filesRow("名单.xlsx");
        assertThat(good.get(STATUS)).isEqualTo("READ");
        assertThat(good.get(ACCEPTED)).isEqualTo("12");
    }

    // ---------------------------------------------------------------------------------------------------
    // 1-3: what the bytes are

    @Test
    void case01_anEmptyFileIsUnreadable() throws Exception {
        goodRegistry();
        Files.write(input.resolve("empty.xlsx"), new byte[0]);

        assertThat(run()).isEqualTo(66);

        assertRefused("empty.xlsx", "empty file");
        assertGoodRegistryListed();
    }

    @Test
    void case02_aCsvNamedXlsxIsReadAsCsv() throws Exception {
        SampleInputGenerator.writeEnglishCsv(input.resolve("export.xlsx"));

        assertThat(run()).isZero();

        assertThat(new PublishedWorkbook(report()).summary("Active pilot zones")).isEqualTo("165");
        List<String> row = filesRow("export.xlsx");
        assertThat(row.get(STATUS)).isEqualTo("READ");
        assertThat(row.get(ACCEPTED)).isEqualTo("165");
    }

    @Test
    void case02_utf16TextWithoutAByteOrderMarkIsRefusedSayingToSaveItAsUtf8() throws Exception {
        // It was "not a spreadsheet (unknown format)", which does not say what to do.
        goodRegistry();
        Files.write(input.resolve("unicode.csv"), "城市,批次\r\n杭州市,1\r\n宁波市,2\r\n".getBytes(StandardCharsets.UTF_16LE));

        assertThat(run()).isEqualTo(66);

        assertRefused("unicode.csv", "text in UTF-16 without a byte-order mark (Excel \"Unicode Text\"); save it as CSV UTF-8");
        assertGoodRegistryListed();
    }

    @Test
    void case02_pdfHtmlTextAndImagesNamedAsSpreadsheetsAreRefusedNamingWhatTheyLookLike() throws Exception {
        goodRegistry();
        Files.writeString(input.resolve("report.xlsx"), "%PDF-1.4\n1 0 obj\n");
        Files.writeString(input.resolve("page.xls"), "<!DOCTYPE html>\n<html><body><table><tr><td>杭州</td></tr></table></body></html>");
        Files.write(input.resolve("chart.xlsx"), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13});

        assertThat(run()).isEqualTo(66);

        assertRefused("report.xlsx", "not a spreadsheet (looks like PDF)");
        assertRefused("page.xls", "not a spreadsheet (looks like HTML");
        assertRefused("chart.xlsx", "not a spreadsheet (looks like an image)");
        // One unreadable file fails the run, but every file is listed with its status, the good one too.
        assertGoodRegistryListed();
        List<String> readable = dataQuality().rowWhere("Checks", 0, "File readable").orElseThrow();
        assertThat(readable.get(4)).isEqualTo("FAIL");
    }

    @Test
    void case03_aTruncatedXlsxIsUnreadableAndNothingOfItIsCounted() throws Exception {
        Path whole = RegistryWorkbook.allBatches().batches(2, 3).writeTo(dir.resolve("whole.xlsx"));
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(input.resolve("cut.xlsx"), Arrays.copyOf(bytes, bytes.length * 2 / 3));

        assertThat(run()).isEqualTo(66);

        assertRefused("cut.xlsx", "broken zip");
        assertThat(filesRow("cut.xlsx").get(ROWS_READ)).isEqualTo("0");
    }

    // ---------------------------------------------------------------------------------------------------
    // 4-8: hostile and unsupported containers

    @Test
    void case04_aZipBombIsRefusedQuickly() throws Exception {
        goodRegistry();
        Path bomb = RegistryWorkbook.allBatches().batches(3).writeTo(dir.resolve("bomb.xlsx"));
        // 30 MB of spaces inside the sheet XML compress about 1000:1; only the inflate-ratio limit stops it.
        rewriteEntry(bomb, input.resolve("bomb.xlsx"), "xl/worksheets/sheet1.xml",
                xml -> xml.replace("<sheetData>", " ".repeat(30 * 1024 * 1024) + "<sheetData>"));
        assertThat(Files.size(input.resolve("bomb.xlsx"))).isLessThan(1024 * 1024);

        long start = System.nanoTime();
        assertThat(run()).isEqualTo(66);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;

        assertRefused("bomb.xlsx", "zip bomb");
        assertThat(seconds).as("refused quickly").isLessThan(20);
        assertGoodRegistryListed();
    }

    @Test
    void case05_anExternalEntityInASheetIsRefusedAndNeverRead() throws Exception {
        String secret = "TOP-SECRET-" + System.nanoTime();
        Path secretFile = Files.writeString(dir.resolve("secret.txt"), secret);
        Path source = RegistryWorkbook.allBatches().batches(2).writeTo(dir.resolve("source.xlsx"));
        String sheet = """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "%s"><!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
                <row r="1"><c r="A1" t="inlineStr"><is><t>城市</t></is></c><c r="B1" t="inlineStr"><is><t>省份</t></is></c></row>\
                <row r="2"><c r="A2" t="inlineStr"><is><t>&xxe;</t></is></c><c r="B2" t="inlineStr"><is><t>&lol2;</t></is></c></row>\
                </sheetData></worksheet>""".formatted(secretFile.toUri());
        rewriteEntry(source, input.resolve("xxe.xlsx"), "xl/worksheets/sheet1.xml", xml -> sheet);

        assertThat(run()).isEqualTo(66);

        assertRefused("xxe.xlsx", "XML with a DTD or entities, refused for safety");
        assertThat(console).doesNotContain(secret);
        assertThat(allText(dir.resolve("output/cbec-data-quality-" + DATE + ".xlsx"))).doesNotContain(secret)
                .doesNotContain("lollol");
    }

    @Test
    void case06_aZipWithDuplicateEntryNamesIsUnreadable() throws Exception {
        Path source = RegistryWorkbook.allBatches().batches(2).writeTo(dir.resolve("source.xlsx"));
        try (ZipFile in = new ZipFile(source.toFile());
             ZipArchiveOutputStream out = new ZipArchiveOutputStream(input.resolve("twice.xlsx").toFile())) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                byte[] data = in.getInputStream(entry).readAllBytes();
                int copies = entry.getName().equals("xl/worksheets/sheet1.xml") ? 2 : 1;
                for (int i = 0; i < copies; i++) {
                    out.putArchiveEntry(new ZipArchiveEntry(entry.getName()));
                    out.write(i == 0 ? data : "<worksheet/>".getBytes(StandardCharsets.UTF_8));
                    out.closeArchiveEntry();
                }
            }
        }

        assertThat(run()).isEqualTo(66);

        assertRefused("twice.xlsx", "two entries named xl/worksheets/sheet1.xml");
    }

    @Test
    void case06_aZipWithMoreThan1000EntriesIsUnreadable() throws Exception {
        Path source = RegistryWorkbook.allBatches().batches(2).writeTo(dir.resolve("source.xlsx"));
        Map<String, byte[]> entries = readZip(source);
        for (int i = 0; i < 1001; i++) {
            entries.put("xl/media/image" + i + ".png", new byte[] {1});
        }
        writeZip(input.resolve("many.xlsx"), entries);

        assertThat(run()).isEqualTo(66);

        assertRefused("many.xlsx", "more than 1000 entries");
    }

    @Test
    void case07_aPasswordProtectedWorkbookIsUnreadable() throws Exception {
        Path plain = RegistryWorkbook.allBatches().batches(2).writeTo(dir.resolve("plain.xlsx"));
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
            encryptor.confirmPassword("secret");
            try (OutputStream data = encryptor.getDataStream(fs)) {
                Files.copy(plain, data);
            }
            try (OutputStream out = Files.newOutputStream(input.resolve("locked.xlsx"))) {
                fs.writeFilesystem(out);
            }
        }

        assertThat(run()).isEqualTo(66);

        assertRefused("locked.xlsx", "encrypted workbook");
    }

    @Test
    void case08_excel95XlsbOdsAndStrictOoxmlAreUnreadableNamingTheFormat() throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(new ByteArrayInputStream(new byte[] {0x09, 0x08, 8, 0, 0, 5, 5, 0, 0, 0, 0, 0}), "Book");
            try (OutputStream out = Files.newOutputStream(input.resolve("old95.xls"))) {
                fs.writeFilesystem(out);
            }
        }
        Map<String, byte[]> xlsb = new LinkedHashMap<>();
        xlsb.put("_rels/.rels", utf8(rels("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                "xl/workbook.bin")));
        xlsb.put("xl/workbook.bin", new byte[] {1, 2, 3});
        writeZip(input.resolve("binary.xlsb"), xlsb);
        Map<String, byte[]> ods = new LinkedHashMap<>();
        ods.put("mimetype", utf8("application/vnd.oasis.opendocument.spreadsheet"));
        ods.put("content.xml", utf8("<office:document-content/>"));
        writeZip(input.resolve("calc.ods"), ods);
        Map<String, byte[]> strict = new LinkedHashMap<>();
        strict.put("_rels/.rels", utf8(rels("http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
                "xl/workbook.xml")));
        strict.put("xl/workbook.xml", utf8("<workbook xmlns=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"/>"));
        writeZip(input.resolve("strict.xlsx"), strict);

        assertThat(run()).isEqualTo(66);

        assertRefused("old95.xls", "Excel 95 or older");
        assertRefused("binary.xlsb", "xlsb binary workbook");
        assertRefused("calc.ods", "OpenDocument spreadsheet");
        assertRefused("strict.xlsx", "Strict Open XML workbook");
    }

    @Test
    void case09_anXlsmWithMacrosIsReadForItsValuesAndTheMacrosGoNowhere() throws Exception {
        Path plain = RegistryWorkbook.allBatches().batches(2).writeTo(dir.resolve("plain.xlsx"));
        Map<String, byte[]> entries = readZip(plain);
        entries.put("[Content_Types].xml", utf8(new String(entries.get("[Content_Types].xml"), StandardCharsets.UTF_8)
                .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                        "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
                .replace("</Types>", "<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                        + "</Types>")));
        entries.put("xl/vbaProject.bin", utf8("VBA-MACRO-PAYLOAD Sub Auto_Open() Shell(\"calc\") End Sub"));
        writeZip(input.resolve("macros.xlsm"), entries);

        assertThat(run()).isZero();

        assertThat(new PublishedWorkbook(report()).summary("Active pilot zones")).isEqualTo("12");
        assertThat(filesRow("macros.xlsm").get(ACCEPTED)).isEqualTo("12");
        for (Path published : List.of(report(), dir.resolve("output/cbec-data-quality-" + DATE + ".xlsx"))) {
            assertThat(readZip(published).keySet()).noneMatch(name -> name.contains("vba"));
            assertThat(allText(published)).doesNotContain("VBA-MACRO-PAYLOAD");
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // 10-11: size

    @Test
    void case10_aSheetOverTheRowCapIsRefusedCleanly() throws Exception {
        System.setProperty("cbec.input.max-rows-per-sheet", "5");
        RegistryWorkbook.allBatches().batches(2).writeTo(input.resolve("big.xlsx"));

        assertThat(run()).isEqualTo(66);

        assertRefused("big.xlsx", "more than 5 data rows");
        List<String> row = filesRow("big.xlsx");
        assertThat(row.get(ERROR)).contains("row 9").contains("cbec.input.max-rows-per-sheet");
        assertThat(row.get(ROWS_READ)).isEqualTo("5");
    }

    @Test
    void case11_overLongTextAndControlCharactersRejectTheRowAndNeverBreakTheOutput() throws Exception {
        Path source = RegistryWorkbook.allBatches().batches(2).editRows(rows -> {
            rows.set(0, new String[] {"PLACEHOLDER", rows.get(0)[1]});
            return rows;
        }).writeTo(dir.resolve("source.xlsx"));
        // POI refuses to write over 32,767 characters or a NUL, so the shared string is edited in the XML.
        String huge = "杭州_x0000_" + "x".repeat(40_000) + "_x0001_end";
        rewriteEntry(source, input.resolve("long.xlsx"), "xl/sharedStrings.xml", xml -> xml.replace("PLACEHOLDER", huge));

        assertThat(run()).isEqualTo(65);

        assertThat(report()).doesNotExist();
        List<List<String>> rejected = rejectedRows();
        assertThat(rejected).hasSize(1);
        List<String> row = rejected.get(0);
        assertThat(row.subList(0, 4)).containsExactly("long.xlsx", "第二批", "4", "B (城市)");
        assertThat(row.get(R_VALUE)).startsWith("杭州").hasSizeLessThan(CELL_LIMIT).doesNotContain("\u0000", "\u0001")
                .as("cut where it is staged, saying so").hasSizeBetween(1990, 2000).endsWith("…[truncated 38031 chars]");
        // the reason quotes the value's start: the whole of it is in the Value column
        assertThat(row.get(R_REASON)).startsWith("unknown zone").contains("characters)").hasSizeLessThan(300)
                .doesNotContain("\u0000");
        assertThat(console).contains("long.xlsx");
        assertThat(filesRow("long.xlsx").get(ACCEPTED)).isEqualTo("11");
    }

    private static final int CELL_LIMIT = 32_767;

    @Test
    void case11_controlCharactersInAnEventValueNeverReachTheConsole() throws Exception {
        Files.writeString(input.resolve("events.csv"),
                "Date,Platform,Market,Event,Value\n2023-01-31,Temu,United States,bell\u0007note,ab\u001bef\n");

        assertThat(run()).isZero(); // run() also asserts that the console carries no control character

        assertThat(console).contains("cannot read a number in 'abef'");
    }

    @Test
    void case11_aNulByteInACsvCellIsCleanedAndTheFileRead() throws Exception {
        Files.writeString(input.resolve("nul.csv"),
                "Batch,Pilot zone,Province\n2,Tian\u0000jin,Tianjin\n2,Shanghai,Shang\u0000hai\n2,Hefei,Anhui\n");

        assertThat(run()).isZero();

        assertThat(rejectedRows()).isEmpty();
        List<String> row = filesRow("nul.csv");
        assertThat(row.get(STATUS)).isEqualTo("READ");
        assertThat(row.get(ACCEPTED)).isEqualTo("3");
        PublishedWorkbook report = new PublishedWorkbook(report());
        assertThat(report.summary("Active pilot zones")).isEqualTo("3");
        assertThat(report.rows("Pilot Zones")).anySatisfy(zone -> assertThat(zone).contains("天津市"));
        assertThat(allText(report())).doesNotContain("\u0000");
    }

    // ---------------------------------------------------------------------------------------------------
    // 12-15: headers, titles, merged cells, hidden sheets

    @Test
    void case12_renamedReorderedAndOddlySpacedHeadersAreClassifiedAndAMissingColumnIsNamed() throws Exception {
        xlsx(input.resolve("odd-headers.xlsx"), wb -> {
            Sheet sheet = wb.createSheet("Batch 2");
            rows(sheet, 0,
                    new Object[] {"\uFEFF PROVINCE\u00A0", "Approval  Date", "pilot   ZONE "},
                    new Object[] {"天津", "2016-01-12", "天津市"},
                    new Object[] {"Shanghai", "2016-01-12", "Shanghai"});
            Sheet noZone = wb.createSheet("Batch 3");
            rows(noZone, 0, new Object[] {"Province", "Batch", "Approval date"}, new Object[] {"浙江", "3", "2018-07-24"});
        });

        assertThat(run()).isZero();

        PublishedWorkbook dq = dataQuality();
        List<String> read = dq.rowWhere("Files", SHEET, "Batch 2").orElseThrow();
        assertThat(read.get(STATUS)).isEqualTo("READ");
        assertThat(read.get(ACCEPTED)).isEqualTo("2");
        List<String> missing = dq.rowWhere("Files", SHEET, "Batch 3").orElseThrow();
        assertThat(missing.get(STATUS)).isEqualTo("UNRECOGNISED");
        assertThat(missing.get(ERROR)).contains("lacks the required column(s) zone");
        assertThat(new PublishedWorkbook(report()).summary("Active pilot zones")).isEqualTo("2");
    }

    @Test
    void case12_aSheetWhoseFigureOrCountryColumnIsNotUnderstoodIsUnrecognisedNamingWhatItLacks() throws Exception {
        goodRegistry();
        xlsx(input.resolve("unread.xlsx"), wb -> {
            rows(wb.createSheet("sales"), 0,
                    new Object[] {"城市", "期间", "销售额（亿元）"},
                    new Object[] {"杭州市", "2024-03", 1.5});
            rows(wb.createSheet("downloads"), 0,
                    new Object[] {"Date", "App", "Downloads"},
                    new Object[] {"2023-01", "Temu", 5});
        });

        // UNRECOGNISED is a warning (input-formats.md): the run goes on, and the sheets say why they were not read.
        assertThat(run()).isZero();

        PublishedWorkbook dq = dataQuality();
        List<String> sales = dq.rowWhere("Files", SHEET, "sales").orElseThrow();
        assertThat(sales.get(STATUS)).isEqualTo("UNRECOGNISED");
        assertThat(sales.get(ERROR)).startsWith("row 1 looks like a zone indicators header but lacks a column of figures")
                .contains("出口额 or Exports").endsWith("; not understood: C (销售额（亿元）)")
                .doesNotContain("batch");
        List<String> downloads = dq.rowWhere("Files", SHEET, "downloads").orElseThrow();
        assertThat(downloads.get(STATUS)).isEqualTo("UNRECOGNISED");
        assertThat(downloads.get(ERROR)).isEqualTo("row 1 looks like a platform metrics header but lacks a country "
                + "column (国家/地区, Country, Country / Region, Market), or one column per country (United States, 美国...)");
        assertThat(console).contains("unread.xlsx!sales: not recognised: row 1 looks like a zone indicators header "
                + "but lacks a column of figures").contains("unread.xlsx!downloads: not recognised: " + downloads.get(ERROR));
        assertGoodRegistryListed();
    }

    @Test
    void case13_aHeaderBelowTitleRowsIsFoundAndTheTitleGivesTheBatch() throws Exception {
        // RegistryWorkbook puts a merged title and a date line above the header on row 3; no batch column.
        RegistryWorkbook.allBatches().batches(2, 3).writeTo(input.resolve("名单.xlsx"));

        assertThat(run()).isZero();

        PublishedWorkbook report = new PublishedWorkbook(report());
        assertThat(report.rows("Zones by Batch").get(1).subList(0, 4))
                .containsExactly("2", "2016-01-12", "国函〔2016〕17号", "12");
        assertThat(rejectedRows()).isEmpty();
    }

    @Test
    void case14_aMergedProvinceCellAppliesToEveryRowItSpans() throws Exception {
        xlsx(input.resolve("merged.xlsx"), wb -> {
            Sheet sheet = wb.createSheet("第二批");
            rows(sheet, 0,
                    new Object[] {"城市", "省份"},
                    new Object[] {"Nanjing", "江苏"},
                    new Object[] {"Taizhou", null},   // Taizhou and Suzhou are ambiguous without their province
                    new Object[] {"Suzhou", null},
                    new Object[] {"Hangzhou", "浙江"});
            sheet.addMergedRegion(new CellRangeAddress(1, 3, 1, 1));
        });

        assertThat(run()).isZero();

        assertThat(rejectedRows()).isEmpty();
        PublishedWorkbook report = new PublishedWorkbook(report());
        assertThat(report.rowWhere("Pilot Zones", 0, "321200").orElseThrow().get(2)).isEqualTo("泰州市");
        assertThat(report.rowWhere("Pilot Zones", 0, "320500").orElseThrow().get(2)).isEqualTo("苏州市");
        assertThat(report.summary("Active pilot zones")).isEqualTo("4");
    }

    @Test
    void case15_hiddenAndVeryHiddenSheetsAreReadAndFlagged() throws Exception {
        Path file = RegistryWorkbook.allBatches().batches(2, 3, 4).writeTo(input.resolve("名单.xlsx"));
        Files.write(file, rewrite(file, wb -> {
            wb.setSheetVisibility(1, SheetVisibility.HIDDEN);
            wb.setSheetVisibility(2, SheetVisibility.VERY_HIDDEN);
        }));

        assertThat(run()).isZero();

        PublishedWorkbook dq = dataQuality();
        assertThat(hiddenFlag(dq.rowWhere("Files", SHEET, "第二批").orElseThrow())).isEmpty();
        List<String> hidden = dq.rowWhere("Files", SHEET, "第三批").orElseThrow();
        assertThat(hiddenFlag(hidden)).isEqualTo("hidden");
        assertThat(hidden.get(ACCEPTED)).isEqualTo(Integer.toString(ReferenceZones.batch(3).size()));
        assertThat(hiddenFlag(dq.rowWhere("Files", SHEET, "第四批").orElseThrow())).isEqualTo("hidden");
        int zones = 12 + ReferenceZones.batch(3).size() + ReferenceZones.batch(4).size();
        assertThat(new PublishedWorkbook(report()).summary("Active pilot zones")).isEqualTo(Integer.toString(zones));
    }

    /** The Hidden column; a row read back ends at its last non-empty cell. */
    private static String hiddenFlag(List<String> filesRow) {
        return filesRow.size() > HIDDEN ? filesRow.get(HIDDEN) : "";
    }

    // ---------------------------------------------------------------------------------------------------
    // 16-20: cell values

    @Test
    void case16_formulaErrorsRejectTheRowWithTheError() throws Exception {
        Path file = RegistryWorkbook.allBatches().batches(2).writeTo(input.resolve("errors.xlsx"));
        Files.write(file, rewrite(file, wb -> {
            Sheet sheet = wb.getSheetAt(0);
            sheet.getRow(4).getCell(2).setCellErrorValue(FormulaError.REF.getCode());
            sheet.getRow(5).getCell(3).setCellErrorValue(FormulaError.DIV0.getCode());
            sheet.getRow(6).getCell(1).setCellErrorValue(FormulaError.NA.getCode());
        }));

        assertThat(run()).isEqualTo(65);

        assertThat(report()).doesNotExist();
        List<List<String>> rejected = rejectedRows();
        assertThat(rejected).extracting(r -> r.get(R_ROW) + " " + r.get(R_COLUMN) + " " + r.get(R_REASON))
                .containsExactly("5 C (省份) formula error #REF! in the cell: fix the formula",
                        "6 D (批复日期) formula error #DIV/0! in the cell: fix the formula",
                        "7 B (城市) formula error #N/A in the cell: fix the formula");
        assertThat(filesRow("errors.xlsx").get(ACCEPTED)).isEqualTo("9");
    }

    @Test
    void case17_aFormulaWithoutACachedValueRejectsTheRow() throws Exception {
        Path file = RegistryWorkbook.allBatches().batches(2).writeTo(dir.resolve("source.xlsx"));
        // A formula as a program that never calculates writes it: <f> and no <v>.
        rewriteEntry(file, input.resolve("uncalculated.xlsx"), "xl/worksheets/sheet1.xml", xml -> xml.replaceFirst(
                "<c r=\"C5\"([^>]*)>.*?</c>", "<c r=\"C5\"><f>CONCATENATE(\"天\",\"津\")</f></c>"));

        assertThat(run()).isEqualTo(65);

        assertThat(report()).doesNotExist();
        List<List<String>> rejected = rejectedRows();
        assertThat(rejected).hasSize(1);
        assertThat(rejected.get(0).get(R_ROW)).isEqualTo("5");
        assertThat(rejected.get(0).get(R_REASON)).isEqualTo("formula not calculated; open and save the file in Excel");
    }

    @Test
    void case17_aFormulaWithAnEmptyCachedValueRejectsTheRowInsteadOfLosingTheFigure() throws Exception {
        Path source = dir.resolve("source.xlsx");
        xlsx(source, wb -> rows(wb.createSheet("2024-01"), 0,
                new Object[] {"城市", "出口额（亿元）", "海外仓数量（个）"},
                new Object[] {"杭州市", 3, 5},
                new Object[] {"宁波市", 4, 6}));
        // As openpyxl writes every formula (and every formula of a file it loaded and saved): <v/>, no type.
        rewriteEntry(source, input.resolve("openpyxl.xlsx"), "xl/worksheets/sheet1.xml",
                xml -> xml.replaceFirst("<c r=\"B2\"[^>]*>.*?</c>", "<c r=\"B2\"><f>1+2</f><v/></c>"));

        assertThat(run()).isEqualTo(65);

        assertThat(report()).doesNotExist();
        assertThat(rejectedRows()).extracting(r -> String.join(" | ", r.subList(R_ROW, R_REASON + 1)))
                .containsExactly("2 | B (出口额(亿元)) | =1+2 | formula not calculated; open and save the file in Excel");
        assertThat(filesRow("openpyxl.xlsx").get(ACCEPTED)).isEqualTo("1");
    }

    @Test
    void case18_numbersAsTextAreParsedWhenUnambiguousAndRejectedWhenNot() throws Exception {
        xlsx(input.resolve("batches.xlsx"), wb -> rows(wb.createSheet("Zones"), 0,
                new Object[] {"Zone", "Province", "Batch"},
                new Object[] {"Tianjin", "Tianjin", "第二批"},
                new Object[] {"Shanghai", "Shanghai", "II"},
                new Object[] {"Chongqing", "Chongqing", "2nd"},
                new Object[] {"Hefei", "Anhui", "２"},
                new Object[] {"Zhengzhou", "Henan", "2.5"},
                new Object[] {"Guangzhou", "Guangdong", "2 or 3"},
                new Object[] {"合计：６个", null, null}));

        assertThat(run()).isEqualTo(65);

        List<List<String>> rejected = rejectedRows();
        assertThat(rejected).extracting(r -> r.get(R_ROW) + " " + r.get(R_VALUE) + " " + r.get(R_REASON))
                .containsExactly("6 2.5 batch must be a whole number: 2.5",
                        "7 2 or 3 not a batch: 2 or 3 (write e.g. 7 or 第七批)");
        assertThat(console).as("each rejected row is one console line too")
                .contains("WARN  Rejected batches.xlsx!Zones row 6 column C (Batch) '2.5': batch must be a whole number: 2.5\n")
                .contains("WARN  Rejected batches.xlsx!Zones row 7 column C (Batch) '2 or 3': not a batch: 2 or 3");
        assertThat(filesRow("batches.xlsx").get(ACCEPTED)).isEqualTo("4");
        assertThat(console).as("the run summary adds up").contains("rows       7 read, 4 accepted, 2 rejected, 1 total rows");
        // The stated total "６" (full-width) is read as 6 and compared with the 6 rows above it.
        assertThat(dataQuality().rowWhere("Checks", 0, "Stated total").orElseThrow().subList(2, 5))
                .containsExactly("6", "6", "PASS");
    }

    @Test
    void case18_manyRejectedRowsNameTheFirstTwentyOnTheConsoleAndCountTheRest() throws Exception {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"Zone", "Province", "Batch"});
        for (int i = 0; i < 25; i++) {
            rows.add(new Object[] {"Tianjin", "Tianjin", "batch " + i + "?"});
        }
        xlsx(input.resolve("batches.xlsx"), wb -> rows(wb.createSheet("Zones"), 0, rows.toArray(Object[][]::new)));

        assertThat(run()).isEqualTo(65);

        assertThat(rejectedRows()).hasSize(25);
        assertThat(console.lines().filter(l -> l.contains("WARN  Rejected batches.xlsx!Zones row "))).hasSize(20);
        assertThat(console).contains("Rejected batches.xlsx!Zones row 21 column C (Batch) 'batch 19?'")
                .doesNotContain("Zones row 22 column")
                .contains("... and 5 more rejected row(s): see Rejected Rows in cbec-data-quality-2024-01-31.xlsx");
    }

    @Test
    void case19_a1904DatedWorkbookGivesTheRightDates() throws Exception {
        Path file = RegistryWorkbook.allBatches().batches(2).writeTo(input.resolve("mac.xlsx"));
        Files.write(file, rewrite(file, wb -> {
            wb.getCTWorkbook().getWorkbookPr().setDate1904(true);
            Sheet sheet = wb.getSheetAt(0);
            for (int r = 3; r < 3 + 12; r++) {
                sheet.getRow(r).getCell(3).setCellValue(LocalDate.of(2016, 1, 12)); // stored as a 1904 serial
            }
        }));
        assertThat(workbookXml(file)).contains("date1904=\"true\"");

        assertThat(run()).isZero();

        PublishedWorkbook report = new PublishedWorkbook(report());
        assertThat(report.rowWhere("Pilot Zones", 2, "天津市").orElseThrow().get(7)).isEqualTo("2016-01-12");
        assertThat(report.rows("Zones by Batch").get(1).get(1)).isEqualTo("2016-01-12");
    }

    @Test
    void case19_ambiguousDayMonthAndTwoDigitYearsAreRejectedNotGuessed() throws Exception {
        Path file = RegistryWorkbook.allBatches().batches(2).writeTo(input.resolve("dates.xlsx"));
        Files.write(file, rewrite(file, wb -> {
            Sheet sheet = wb.getSheetAt(0);
            replaceCell(sheet.getRow(4), 3, "01/12/2016");
            replaceCell(sheet.getRow(5), 3, "16-1-12");
            replaceCell(sheet.getRow(6), 3, "12 Jan 2016");
        }));

        assertThat(run()).isEqualTo(65);

        List<List<String>> rejected = rejectedRows();
        assertThat(rejected).extracting(r -> r.get(R_ROW)).containsExactly("5", "6");
        assertThat(rejected.get(0).get(R_REASON)).contains("ambiguous day/month order");
        assertThat(rejected.get(1).get(R_REASON)).contains("two-digit year");
        assertThat(filesRow("dates.xlsx").get(ACCEPTED)).isEqualTo("10");
    }

    @Test
    void case20_blankAndFormattedButEmptyRowsAreSkippedAndRowsAfterThemRead() throws Exception {
        Path file = RegistryWorkbook.allBatches().batches(2).writeTo(input.resolve("gaps.xlsx"));
        Files.write(file, rewrite(file, wb -> {
            Sheet sheet = wb.getSheetAt(0);
            CellStyle yellow = wb.createCellStyle();
            yellow.setFillForegroundColor(IndexedColors.YELLOW.getIndex());
            yellow.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            sheet.shiftRows(6, sheet.getLastRowNum(), 4);
            sheet.createRow(6); // an empty row element
            Row formatted = sheet.createRow(7);
            for (int c = 0; c < 5; c++) {
                formatted.createCell(c).setCellStyle(yellow); // styled cells, no values
            }
            sheet.createRow(8).createCell(1).setCellValue("   ");
            // row 10 is missing altogether
        }));

        assertThat(run()).isZero();

        assertThat(rejectedRows()).isEmpty();
        assertThat(filesRow("gaps.xlsx").get(ACCEPTED)).isEqualTo("12");
        assertThat(dataQuality().rowWhere("Checks", 0, "Stated total").orElseThrow().get(4)).isEqualTo("PASS");
    }

    // ---------------------------------------------------------------------------------------------------
    // 21-23: duplicates and totals

    @Test
    void case21_theSameFileUnderTwoNamesIsReadOnceAndFails() throws Exception {
        Path first = goodRegistry();
        Files.copy(first, input.resolve("名单_copy.xlsx"));

        assertThat(run()).isEqualTo(65);

        assertThat(report()).doesNotExist();
        List<String> copy = filesRow("名单_copy.xlsx");
        assertThat(copy.get(STATUS)).isEqualTo("REJECTED");
        assertThat(copy.get(ERROR)).contains("same content as 名单.xlsx");
        assertThat(copy.get(ROWS_READ)).isEqualTo("0");
        assertGoodRegistryListed();
        List<List<String>> failed = failedChecks();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get(0)).isEqualTo("File read once");
        assertThat(failed.get(0).get(5)).contains("名单_copy.xlsx").contains("名单.xlsx");
        assertThat(console).contains("名单_copy.xlsx: same content as 名单.xlsx");
    }

    @Test
    void case21_aDuplicateRowIsOneFailedCheckNamingBothRows() throws Exception {
        RegistryWorkbook.allBatches().batches(2).editRows(rows -> {
            rows.add(rows.get(0));
            return rows;
        }).writeTo(input.resolve("dup.xlsx"));

        assertThat(run()).isEqualTo(65);

        List<List<String>> failed = failedChecks();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).subList(0, 4)).containsExactly("Zone approved once", "天津市", "1 row per source", "2 rows");
        assertThat(failed.get(0).get(6)).isEqualTo("dup.xlsx!第二批!4 (batch 2); dup.xlsx!第二批!16 (batch 2)");
        assertThat(report()).doesNotExist();
    }

    @Test
    void case21_aZoneInTwoBatchesIsOneFailedCheckNamingBothAndACorroboratedZoneCountsOnce() throws Exception {
        RegistryWorkbook.allBatches().batches(2, 3).editRows(rows -> {
            if (rows.get(0)[0].equals(ReferenceZones.batch(3).get(0).nameZh())) {
                rows.add(new String[] {"天津市", "天津市"}); // batch 3 lists Tianjin, a batch-2 zone
            }
            return rows;
        }).writeTo(input.resolve("twice.xlsx"));
        // The same batch-2 approvals in a second source agree and must be counted once.
        xlsx(input.resolve("also.xlsx"), wb -> rows(wb.createSheet("Batch 2"), 0,
                new Object[] {"Zone", "Province"}, new Object[] {"Shanghai", "Shanghai"}));

        assertThat(run()).isEqualTo(65);

        List<List<String>> failed = failedChecks();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).subList(0, 4)).containsExactly("Zone approved once", "天津市", "1 batch", "2 batches");
        assertThat(failed.get(0).get(6)).startsWith("twice.xlsx!第二批!").contains("(batch 2); twice.xlsx!第三批!")
                .endsWith("(batch 3)");
        assertThat(report()).doesNotExist();

        // Counted once: with the wrong row gone, Shanghai (in two files) is one zone.
        Files.delete(input.resolve("twice.xlsx"));
        RegistryWorkbook.allBatches().batches(2, 3).writeTo(input.resolve("twice.xlsx"));
        assertThat(run()).isZero();
        int zones = 12 + ReferenceZones.batch(3).size();
        assertThat(new PublishedWorkbook(report()).summary("Active pilot zones")).isEqualTo(Integer.toString(zones));
    }

    private List<List<String>> failedChecks() throws Exception {
        return dataQuality().rows("Checks").stream().filter(r -> r.size() > 4 && r.get(4).equals("FAIL")).toList();
    }

    @Test
    void case22_subtotalRowsAreNotRecordsAndAreComparedWithTheirRows() throws Exception {
        xlsx(input.resolve("subtotals.xlsx"), wb -> rows(wb.createSheet("第二批"), 0,
                new Object[] {"城市", "省份"},
                new Object[] {"天津市", "天津"},
                new Object[] {"上海市", "上海"},
                new Object[] {"直辖市小计", 2},
                new Object[] {"合肥市", "安徽"},
                new Object[] {"郑州市", "河南"},
                new Object[] {"广州市", "广东"},
                new Object[] {"其他小计", 3},
                new Object[] {"合计", 5}));

        assertThat(run()).isZero();

        assertThat(filesRow("subtotals.xlsx").get(ACCEPTED)).isEqualTo("5");
        assertThat(filesRow("subtotals.xlsx").get(7)).isEqualTo("3");
        List<List<String>> checks = dataQuality().rows("Checks");
        assertThat(checks.stream().filter(r -> r.get(0).startsWith("Stated")).map(r -> r.get(0) + " " + r.get(2) + " "
                + r.get(3) + " " + r.get(4))).containsExactly("Stated subtotal 2 2 PASS", "Stated subtotal 3 3 PASS",
                "Stated total 5 5 PASS");
        assertThat(new PublishedWorkbook(report()).summary("Active pilot zones")).isEqualTo("5");
    }

    @Test
    void case22_aCountInWordsIsCheckedAndATotalRowWithoutACountFailsButIsCounted() throws Exception {
        xlsx(input.resolve("words.xlsx"), wb -> {
            rows(wb.createSheet("第七批"), 0, new Object[] {"序号", "城市", "省份"},
                    new Object[] {1, "廊坊市", "河北省"}, new Object[] {2, "沧州市", "河北省"},
                    new Object[] {3, "运城市", "山西省"}, new Object[] {"总计：三个"});
            rows(wb.createSheet("第六批"), 0, new Object[] {"序号", "城市", "省份"},
                    new Object[] {1, "扬州市", "江苏省"}, new Object[] {2, "镇江市", "江苏省"},
                    new Object[] {"合计：五个"});
            rows(wb.createSheet("第五批"), 0, new Object[] {"序号", "城市", "省份"},
                    new Object[] {1, "大同市", "山西省"}, new Object[] {2, "营口市", "辽宁省"},
                    new Object[] {"Total: three zones"});
            rows(wb.createSheet("第四批"), 0, new Object[] {"序号", "城市", "省份"},
                    new Object[] {1, "徐州市", "江苏省"}, new Object[] {2, "南通市", "江苏省"},
                    new Object[] {"合计"});
            rows(wb.createSheet("第三批"), 0, new Object[] {"序号", "城市", "省份"},
                    new Object[] {1, "南京市", "江苏省"}, new Object[] {2, "武汉市", "湖北省"},
                    new Object[] {"合计", null, "两个"});
        });

        assertThat(run()).isEqualTo(65);

        assertThat(report()).doesNotExist();
        assertThat(rejectedRows()).isEmpty();
        // Every row is a record, a rejected row or a total row: none is dropped unseen.
        assertThat(dataQuality().rows("Files").stream().filter(r -> r.get(FILE).equals("words.xlsx"))
                .map(r -> r.get(SHEET) + " " + String.join(" ", r.subList(ROWS_READ, 8))))
                .as("sheet, rows read, accepted, rejected, total rows")
                .containsExactly("第七批 4 3 0 1", "第六批 3 2 0 1", "第五批 3 2 0 1", "第四批 3 2 0 1", "第三批 3 2 0 1");
        assertThat(console).contains("rows       16 read, 11 accepted, 0 rejected, 5 total rows");
        List<List<String>> totals = dataQuality().rows("Checks").stream()
                .filter(r -> r.get(0).equals("Stated total")).toList();
        assertThat(totals).extracting(r -> String.join(" | ", r.get(1), r.get(2), r.get(3), r.get(4), r.get(6)))
                .containsExactly("words.xlsx!第七批 (batch 7) | 3 | 3 | PASS | words.xlsx!第七批!5 A (序号)",
                        "words.xlsx!第六批 (batch 6) | 5 | 2 | FAIL | words.xlsx!第六批!4 A (序号)",
                        "words.xlsx!第五批 (batch 5) | 3 | 2 | FAIL | words.xlsx!第五批!4 A (序号)",
                        "words.xlsx!第四批 (batch 4) | no count | 2 | FAIL | words.xlsx!第四批!4 A (序号)",
                        "words.xlsx!第三批 (batch 3) | 2 | 2 | PASS | words.xlsx!第三批!4 C (省份)");
        assertThat(totals.get(1).get(5)).isEqualTo("'合计:五个' states 5 zones but 2 are listed above it");
        assertThat(totals.get(3).get(5)).isEqualTo("'合计' is a total row but gives no count of zones that can be read: "
                + "write the number of zones in the row (e.g. 合计：2个), or delete the row");
    }

    @Test
    void case22_totalMarkersSpacedOutAsChineseTablesWriteThemAreTotals() throws Exception {
        xlsx(input.resolve("spaced.xlsx"), wb -> {
            rows(wb.createSheet("第七批"), 0,
                    new Object[] {"序号", "城市", "省份"},
                    new Object[] {1, "廊坊市", "河北省"},
                    new Object[] {2, "沧州市", "河北省"},
                    new Object[] {3, "运城市", "山西省"},
                    new Object[] {"合  计：3个"});
            rows(wb.createSheet("2024-03"), 0,
                    new Object[] {"城市", "期间", "海外仓数量（个）"},
                    new Object[] {"廊坊市", "2024-03", 10},
                    new Object[] {"沧州市", "2024-03", 20},
                    new Object[] {"总 计", "2024-03", 30});
            rows(wb.createSheet("2024-04"), 0,
                    new Object[] {"城市", "期间", "海外仓数量（个）"},
                    new Object[] {"廊坊市", "2024-04", 11},
                    new Object[] {"沧州市", "2024-04", 21},
                    new Object[] {"合\u3000计", "2024-04", 35}); // a full-width space; the rows sum to 32
        });

        assertThat(run()).isEqualTo(65);

        assertThat(rejectedRows()).isEmpty();
        assertThat(dataQuality().rows("Files").stream().filter(r -> r.get(FILE).equals("spaced.xlsx"))
                .map(r -> r.get(SHEET) + " " + String.join(" ", r.subList(ROWS_READ, 8))))
                .as("sheet, rows read, accepted, rejected, total rows")
                .containsExactly("第七批 4 3 0 1", "2024-03 3 2 0 1", "2024-04 3 2 0 1");
        assertThat(dataQuality().rows("Checks").stream().filter(r -> r.get(0).startsWith("Stated"))
                .map(r -> r.get(0) + " " + r.get(2) + " " + r.get(3) + " " + r.get(4) + " " + r.get(6)))
                .containsExactly("Stated total 3 3 PASS spaced.xlsx!第七批!5 A (序号)",
                        "Stated total 30 30 PASS spaced.xlsx!2024-03!C4 C (海外仓数量(个))",
                        "Stated total 35 32 FAIL spaced.xlsx!2024-04!C4 C (海外仓数量(个))");
    }

    @Test
    void case23_aStatedTotalThatDoesNotMatchFailsWithExpectedAndActual() throws Exception {
        RegistryWorkbook.allBatches().batches(2).statedTotal(2, 13).writeTo(input.resolve("total.xlsx"));

        assertThat(run()).isEqualTo(65);

        assertThat(report()).doesNotExist();
        List<List<String>> failed = failedChecks();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).subList(0, 5)).containsExactly("Stated total", "total.xlsx!第二批 (batch 2)", "13", "12",
                "FAIL");
        assertThat(failed.get(0).get(6)).startsWith("total.xlsx!第二批!16");
        // one level on the line (ERROR for a failed check, not "WARN  FAIL"), and the place, when there is one, last
        assertThat(console).containsPattern("(?m)^[0-9-]+ [0-9:]+ ERROR Check failed: Stated total: .*\\(expected 13,"
                + " actual 12\\) at total.xlsx!第二批!16 A \\(.*\\)$");
        // counted as they are recorded: as many as the Checks sheet lists, the one failure among them
        assertThat(console).contains("validate: " + (dataQuality().rows("Checks").size() - 1) + " check(s), 1 failed");
    }

    @Test
    void aCheckWarningIsLoggedOnceAtItsLevelWithNoTrailingSpace() throws Exception {
        goodRegistry();
        Files.writeString(input.resolve("other.csv"), "Colour,Size\nred,3\n");

        assertThat(run()).isZero();

        assertThat(console).contains("WARN  Check warning: Sheets recognised: ").doesNotContainPattern("WARN +WARN ")
                .doesNotContainPattern("(?m)Check warning: .* $");
    }

    // ---------------------------------------------------------------------------------------------------
    // 24: formula-like text

    @Test
    void case24_anEventsTextStartingWithATabOrAnEqualsSignIsKeptVerbatimAsQuotePrefixedText() throws Exception {
        Files.writeString(input.resolve("events.csv"), "Date,Platform,Market,Event,Value\n"
                + "2023-01-31,Temu,United States,note,\"\tTAB\"\n"
                + "2023-01-31,Temu,United States,formula,\"=1+2\"\n");

        assertThat(run()).isZero();

        try (XSSFWorkbook wb = new XSSFWorkbook(OPCPackage.open(report().toFile(), PackageAccess.READ))) {
            Sheet events = wb.getSheet("Platform Events");
            for (int r = 1; r <= 2; r++) {
                Cell text = events.getRow(r).getCell(7);
                assertThat(text.getStringCellValue()).isIn("\tTAB", "=1+2");
                assertThat(text.getCellStyle().getQuotePrefixed()).as("row %d quote prefix", r).isTrue();
            }
        }
    }

    @Test
    void case24_textThatLooksLikeAFormulaIsWrittenAsQuotePrefixedText() throws Exception {
        String hyperlink = "=HYPERLINK(\"http://x\",\"y\")";
        RegistryWorkbook.allBatches().batches(2).editRows(rows -> {
            rows.set(0, new String[] {hyperlink, rows.get(0)[1]});
            rows.set(1, new String[] {"+cmd|' /C calc'!A0", rows.get(1)[1]});
            rows.set(2, new String[] {"-2+3", rows.get(2)[1]});
            rows.set(3, new String[] {"@SUM(1,2)", rows.get(3)[1]});
            return rows;
        }).writeTo(input.resolve("inject.xlsx"));

        assertThat(run()).isEqualTo(65);

        List<List<String>> rejected = rejectedRows();
        assertThat(rejected).extracting(r -> r.get(R_VALUE))
                .containsExactly(hyperlink, "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)");
        assertThat(rejected.get(0).get(R_REASON)).startsWith("unknown zone '" + hyperlink + "'");
        try (OPCPackage pkg = OPCPackage.open(dir.resolve("output/cbec-data-quality-" + DATE + ".xlsx").toFile(),
                PackageAccess.READ); XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
            Sheet sheet = wb.getSheet("Rejected Rows");
            for (int r = 1; r <= 4; r++) {
                for (int c : new int[] {R_VALUE, R_REASON}) {
                    Cell cell = sheet.getRow(r).getCell(c);
                    assertThat(cell.getCellType()).as("row %d col %d", r, c).isEqualTo(CellType.STRING);
                    if (c == R_VALUE) {
                        assertThat(cell.getCellStyle().getQuotePrefixed()).as("row %d quote prefix", r).isTrue();
                    }
                }
            }
        }
        assertThat(allText(dir.resolve("output/cbec-data-quality-" + DATE + ".xlsx"))).doesNotContain("<f>");
    }

    // ---------------------------------------------------------------------------------------------------
    // 25: files being written, links, lock and dot files

    /**
     * A file still being copied in is not read, and no report is published without it: a report built on the
     * other files would say PASSED with exit 0 while the folder held a file it never read. 75: try later.
     */
    @Test
    void case25_aFileStillBeingWrittenIsNotReadAndNoReportIsPublishedWithoutIt() throws Exception {
        System.setProperty("cbec.input.settle-time", "1h");
        Path old = goodRegistry();
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        RegistryWorkbook.allBatches().batches(3).writeTo(input.resolve("copying.xlsx"));

        assertThat(run()).isEqualTo(75);

        assertThat(report()).as("no report built without copying.xlsx").doesNotExist();
        List<String> fresh = filesRow("copying.xlsx");
        assertThat(fresh.get(STATUS)).isEqualTo("REJECTED");
        assertThat(fresh.get(ERROR)).isEqualTo("not read: modified less than 3600 s before the run"
                + " (cbec.input.settle-time), so it may still be being written; the next run reads it");
        assertThat(fresh.get(ROWS_READ)).isEqualTo("0");
        assertThat(dataQuality().rowWhere("Checks", 0, "File settled").orElseThrow())
                .contains("copying.xlsx", "unchanged for 3600 s", "FAIL");
        assertThat(dataQuality().rowWhere("Checks", 0, "File read once")).as("not a copy of another file").isEmpty();
        assertThat(console).containsPattern("copying.xlsx: modified [0-9-]+ [0-9:]+, not read: modified less than 3600 s")
                .contains("No report published: copying.xlsx may still be being written")
                .contains("exit code  75");
        assertGoodRegistryListed();

        // Once it has settled, the next run reads it and publishes.
        Files.setLastModifiedTime(input.resolve("copying.xlsx"), FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        assertThat(run()).isZero();
        assertThat(new PublishedWorkbook(report()).summary("Active pilot zones")).isEqualTo("34");
    }

    /** The same inputs were reported; a file now being copied in beside them is no "nothing to do". */
    @Test
    void case25_aFileBeingWrittenBesideInputsAlreadyReportedIsNotNothingToDo() throws Exception {
        System.setProperty("cbec.input.settle-time", "1h");
        Path old = goodRegistry();
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));
        assertThat(run()).isZero();
        RegistryWorkbook.allBatches().batches(3).writeTo(input.resolve("copying.xlsx"));

        assertThat(run()).isEqualTo(75);

        assertThat(console).doesNotContain("Nothing to do").contains("No report published: copying.xlsx");
        assertThat(filesRow("copying.xlsx").get(STATUS)).isEqualTo("REJECTED");
    }

    /**
     * A modification time far in the future (a share's clock ahead, a file unpacked from an archive) is not a
     * file being written: else it would be skipped on every run until the clock caught up.
     */
    @Test
    void case25_aFileDatedInTheFutureIsReadWithAWarning() throws Exception {
        goodRegistry();
        Path future = RegistryWorkbook.allBatches().batches(3).writeTo(input.resolve("unpacked.xlsx"));
        Files.setLastModifiedTime(future, FileTime.from(Instant.now().plus(2, ChronoUnit.HOURS).plusSeconds(30)));

        assertThat(run()).isZero();

        assertThat(console).containsPattern("WARN +unpacked.xlsx: modified [0-9-]+ [0-9:]+, 2 h ahead of this machine's"
                + " clock .*: not being written, so it is read");
        assertThat(filesRow("unpacked.xlsx").get(STATUS)).isEqualTo("READ");
        assertThat(new PublishedWorkbook(report()).summary("Active pilot zones")).isEqualTo("34");
    }

    @Test
    void case25_aSymbolicLinkOutOfTheInputFolderIsNotFollowed() throws Exception {
        goodRegistry();
        Path outside = RegistryWorkbook.allBatches().batches(3).writeTo(dir.resolve("elsewhere/private.xlsx"));
        String outsideHash = sha256(outside);
        Files.createSymbolicLink(input.resolve("link.xlsx"), outside);

        assertThat(run()).isZero();

        assertThat(filesRow("link.xlsx").get(ERROR)).isEqualTo("symbolic link out of the input folder: not followed");
        assertThat(console).contains("link.xlsx: symbolic link out of the input folder");
        assertThat(new PublishedWorkbook(report()).summary("Active pilot zones")).isEqualTo("12");
        assertThat(sha256(outside)).isEqualTo(outsideHash);
        assertThat(Files.isSymbolicLink(input.resolve("link.xlsx"))).isTrue();
    }

    /**
     * Only spreadsheets directly in the input folder are inputs. A note beside them is passed over like any
     * other document (editing it is no new input), and a subfolder is said not to be read, since files dropped
     * into it would otherwise be missed without a word.
     */
    @Test
    void case25_notesAndSubfoldersInTheInputFolderAreListedAsNotRead() throws Exception {
        goodRegistry();
        Files.writeString(input.resolve("notes.txt"), "Batch,Pilot zone\n2,Tianjin\n");
        RegistryWorkbook.allBatches().batches(3).writeTo(input.resolve("sub/more.xlsx"));

        assertThat(run()).isZero();

        assertThat(filesRow("notes.txt").get(ERROR)).isEqualTo("not a spreadsheet file name (.xlsx, .xlsm, .xls, .csv): ignored");
        assertThat(filesRow("sub/").get(ERROR)).isEqualTo("a folder: not read (only the files directly in the input folder are)");
        assertThat(console).contains("WARN  sub/: a folder: not read").contains("WARN  notes.txt: not a spreadsheet file name");
        assertThat(new PublishedWorkbook(report()).summary("Active pilot zones")).isEqualTo("12");

        Files.writeString(input.resolve("notes.txt"), "checked 2024-02-01\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(run()).isZero();
        assertThat(console).contains("Nothing to do");
    }

    /** The next run would read the workbooks this one publishes (its Checks as control totals...): refused. */
    @Test
    void case25_anOutputFolderThatIsTheInputFolderOrInsideItIsRefused() throws Exception {
        goodRegistry();

        assertThat(run("--output=" + input)).isEqualTo(64);
        assertThat(console.strip()).as("one line, no usage text").isEqualTo("cbec-etl: --output=" + input
                + " is the input folder " + input + ": the published workbooks would be read as inputs; publish to"
                + " another folder");
        assertThat(run("--output=" + input.resolve("reports"))).isEqualTo(64);
        assertThat(console).contains("is inside the input folder");

        try (Stream<Path> files = Files.list(input)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("名单.xlsx");
        }
    }

    @Test
    void case25_excelLockFilesAndDotFilesAreIgnored() throws Exception {
        goodRegistry();
        Files.writeString(input.resolve("~$名单.xlsx"), "owner lock");
        Files.writeString(input.resolve(".名单.xlsx.swp"), "junk");
        Files.write(input.resolve("._名单.xlsx"), new byte[] {0, 5, 22, 7});

        assertThat(run()).isZero();

        assertThat(dataQuality().rows("Files").stream().map(r -> r.get(FILE))).containsExactly("File", "名单.xlsx");
    }

    // ---------------------------------------------------------------------------------------------------
    // 26: broken CSV

    @Test
    void case26_aCsvWithAnUnterminatedQuoteIsRejectedWithTheLineNumber() throws Exception {
        Files.writeString(input.resolve("quote.csv"),
                "Batch,Pilot zone,Province\n2,Tianjin,Tianjin\n2,\"Shanghai,Shanghai\n2,Hefei,Anhui\n");

        assertThat(run()).isEqualTo(66);

        assertRefused("quote.csv", "CSV line 3: unterminated quote");
    }

    @Test
    void case26_aCsvInMixedEncodingsIsRejectedWithTheLineNumber() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("城市,省份,批次\n天津市,天津,2\n上海市,上海,2\n".getBytes(StandardCharsets.UTF_8));
        bytes.write("合肥市,安徽,2\n".getBytes(java.nio.charset.Charset.forName("GB18030")));
        Files.write(input.resolve("mixed.csv"), bytes.toByteArray());

        assertThat(run()).isEqualTo(66);

        assertRefused("mixed.csv", "CSV line 4: bytes that are not UTF-8 text (mixed encodings?)");
    }

    @Test
    void case26_aCsvWithA10MbLineIsRejectedWithTheLineNumber() throws Exception {
        try (OutputStream out = Files.newOutputStream(input.resolve("huge.csv"))) {
            out.write("Batch,Pilot zone,Province\n2,Tianjin,Tianjin\n2,".getBytes(StandardCharsets.UTF_8));
            byte[] block = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 10; i++) {
                out.write(block);
            }
            out.write(",Shanghai\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(run()).isEqualTo(66);

        assertRefused("huge.csv", "CSV line 3: line longer than 1 MB");
    }

    // ---------------------------------------------------------------------------------------------------
    // 27: output failures

    @Test
    void case27_anOutputFolderThatCannotBeCreatedExits73AndWritesNothing() throws Exception {
        goodRegistry();
        Path notAFolder = Files.writeString(dir.resolve("output"), "a file where the output folder should be");

        int code = run("--state-dir=" + dir.resolve("state"));

        assertThat(code).isEqualTo(73);
        assertThat(Files.readString(notAFolder)).isEqualTo("a file where the output folder should be");
        assertThat(console).contains("Cannot create output folder " + notAFolder + ": already exists and is not a folder."
                + " Check that it is a folder this account can write, or pass --output=DIR.").doesNotContain("Exception");
        try (Stream<Path> tmp = Files.list(dir.resolve("state/tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }

    @Test
    void case27_aWriteFailureExits74KeepsThePreviousReportAndLeavesNoTempFile() throws Exception {
        goodRegistry();
        assertThat(run()).isZero();
        byte[] previous = Files.readAllBytes(report());
        FileTime previousTime = Files.getLastModifiedTime(report());
        // New inputs make a new run; its data-quality workbook cannot be put in place, as a folder is in the way.
        RegistryWorkbook.allBatches().batches(3).writeTo(input.resolve("更多.xlsx"));
        Path dataQuality = dir.resolve("output/cbec-data-quality-" + DATE + ".xlsx");
        Files.delete(dataQuality);
        Files.createDirectories(dataQuality.resolve("in-the-way"));

        assertThat(run()).isEqualTo(74);

        assertThat(Files.readAllBytes(report())).as("previous report byte-identical").isEqualTo(previous);
        assertThat(Files.getLastModifiedTime(report())).isEqualTo(previousTime);
        assertThat(dataQuality.resolve("in-the-way")).isDirectory();
        assertThat(console).contains("I/O error (disk full?) writing to");
        assertNoTempFiles();
    }

    @Test
    void case27_aReportThatCannotBePublishedLeavesThePreviousDataQualityWorkbookTooSoThePairStaysTogether()
            throws Exception {
        RegistryWorkbook.allBatches().batches(2).statedTotal(2, 13).writeTo(input.resolve("total.xlsx"));
        assertThat(run()).isEqualTo(65);
        Path dataQuality = dir.resolve("output/cbec-data-quality-" + DATE + ".xlsx");
        byte[] previous = Files.readAllBytes(dataQuality);
        FileTime previousTime = Files.getLastModifiedTime(dataQuality);
        // The total corrected, the run passes its checks, but its report cannot be put in place: a folder is in
        // the way, as a full disk or a failed rename would stop it. Its data-quality workbook ("all checks passed")
        // must not replace the previous one beside a report that was never published.
        RegistryWorkbook.allBatches().batches(2).statedTotal(2, 12).writeTo(input.resolve("total.xlsx"));
        Files.createDirectories(report().resolve("in-the-way"));

        assertThat(run()).isEqualTo(74);

        assertThat(Files.readAllBytes(dataQuality)).as("previous data-quality workbook byte-identical").isEqualTo(previous);
        assertThat(Files.getLastModifiedTime(dataQuality)).isEqualTo(previousTime);
        assertThat(dataQuality().rows("Checks").stream().filter(r -> r.get(0).equals("Stated total")).map(r -> r.get(4)))
                .containsExactly("FAIL");
        assertThat(report().resolve("in-the-way")).isDirectory();
        assertThat(console).contains("I/O error (disk full?) writing to " + dir.resolve("output") + ": ")
                .contains("Nothing was published; the previous report and data-quality workbook are untouched.")
                .contains("published  nothing").doesNotContain("Exception");
        assertNoTempFiles();
    }

    // ---------------------------------------------------------------------------------------------------
    // Fixture helpers

    private static void xlsx(Path file, Consumer<XSSFWorkbook> build) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            build.accept(wb);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
    }

    /** Writes rows from {@code first} (0-based): String, Number or LocalDate cells; null leaves a cell empty. */
    private static void rows(Sheet sheet, int first, Object[]... rows) {
        for (int r = 0; r < rows.length; r++) {
            Row row = sheet.createRow(first + r);
            for (int c = 0; c < rows[r].length; c++) {
                Object v = rows[r][c];
                if (v instanceof String s) {
                    row.createCell(c).setCellValue(s);
                } else if (v instanceof Number n) {
                    row.createCell(c).setCellValue(n.doubleValue());
                } else if (v instanceof LocalDate d) {
                    row.createCell(c).setCellValue(d);
                }
            }
        }
    }

    private static void replaceCell(Row row, int column, String text) {
        row.removeCell(row.getCell(column));
        row.createCell(column).setCellValue(text);
    }

    /** Loads a POI-written fixture, edits it, and answers the new bytes. */
    private static byte[] rewrite(Path file, Consumer<XSSFWorkbook> edit) throws IOException {
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            edit.accept(wb);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static Map<String, byte[]> readZip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile in = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                try (InputStream data = in.getInputStream(entry)) {
                    entries.put(entry.getName(), data.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static void writeZip(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }

    /** Copies {@code source} to {@code target} with one entry's text edited. */
    private static void rewriteEntry(Path source, Path target, String entry, UnaryOperator<String> edit)
            throws IOException {
        Map<String, byte[]> entries = readZip(source);
        entries.put(entry, utf8(edit.apply(new String(entries.get(entry), StandardCharsets.UTF_8))));
        writeZip(target, entries);
    }

    private static String workbookXml(Path xlsx) throws IOException {
        return new String(readZip(xlsx).get("xl/workbook.xml"), StandardCharsets.UTF_8);
    }

    /** Every entry of a zip as text: to show that something is nowhere in a published workbook. */
    private static String allText(Path xlsx) throws IOException {
        StringBuilder text = new StringBuilder();
        readZip(xlsx).values().forEach(bytes -> text.append(new String(bytes, StandardCharsets.UTF_8)));
        return text.toString();
    }

    private static String rels(String type, String target) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="%s" Target="%s"/></Relationships>""".formatted(type, target);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes to the real console and to a capture. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
