package io.cbec.etl.bench;

import io.cbec.etl.source.FileType;
import io.cbec.etl.source.RowStream;
import io.cbec.etl.source.SourceRow;
import io.cbec.etl.source.SpreadsheetFile;
import io.cbec.etl.source.SpreadsheetFiles;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * The readers the benchmark compares, each reading the first sheet of an .xlsx to its end and answering
 * a count (rows or events) so the JIT cannot drop the work. Every contender reads the same file.
 */
final class ReadContenders {

    interface Contender {
        long read(Path xlsx) throws Exception;
    }

    private static final String SHEET = "xl/worksheets/sheet1.xml";

    private ReadContenders() {
    }

    static final Map<String, Contender> ALL = new java.util.LinkedHashMap<>();

    static {
        ALL.put("unzip only", ReadContenders::unzipOnly);
        ALL.put("floor: unzip + Aalto no-op", ReadContenders::aaltoNoOp);
        ALL.put("unzip + JDK SAX no-op", ReadContenders::jdkSaxNoOp);
        ALL.put("POI XSSF event API (XSSFSheetXMLHandler)", ReadContenders::poiEventApi);
        ALL.put("fastexcel-reader", ReadContenders::fastexcel);
        ALL.put("cbec-etl reader", ReadContenders::project);
    }

    static long unzipOnly(Path xlsx) throws Exception {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (ZipFile zip = new ZipFile(xlsx.toFile()); InputStream in = zip.getInputStream(zip.getEntry(SHEET))) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        }
        return total;
    }

    private static final XMLInputFactory AALTO = aalto();

    private static XMLInputFactory aalto() {
        XMLInputFactory factory = new com.fasterxml.aalto.stax.InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }

    static long aaltoNoOp(Path xlsx) throws Exception {
        long events = 0;
        try (ZipFile zip = new ZipFile(xlsx.toFile()); InputStream in = zip.getInputStream(zip.getEntry(SHEET))) {
            XMLStreamReader xml = AALTO.createXMLStreamReader(in);
            while (xml.hasNext()) {
                xml.next();
                events++;
            }
            xml.close();
        }
        return events;
    }

    static long jdkSaxNoOp(Path xlsx) throws Exception {
        long[] events = {0};
        try (ZipFile zip = new ZipFile(xlsx.toFile()); InputStream in = zip.getInputStream(zip.getEntry(SHEET))) {
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.newSAXParser().parse(in, new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, org.xml.sax.Attributes a) {
                    events[0]++;
                }
            });
        }
        return events[0];
    }

    /** POI's documented streaming path: SAX + XSSFSheetXMLHandler formatting each cell to text. */
    static long poiEventApi(Path xlsx) throws Exception {
        long[] cells = {0};
        try (OPCPackage pkg = OPCPackage.open(xlsx.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            XSSFSheetXMLHandler.SheetContentsHandler handler = new XSSFSheetXMLHandler.SheetContentsHandler() {
                public void startRow(int rowNum) { }
                public void endRow(int rowNum) { }
                public void cell(String ref, String value, XSSFComment comment) {
                    cells[0]++;
                }
            };
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), null, strings, handler,
                    new DataFormatter(), false));
            try (InputStream sheet = reader.getSheetsData().next()) {
                parser.parse(new InputSource(sheet));
            }
            pkg.revert();
        }
        return cells[0];
    }

    static long fastexcel(Path xlsx) throws Exception {
        long cells = 0;
        try (org.dhatim.fastexcel.reader.ReadableWorkbook wb = new org.dhatim.fastexcel.reader.ReadableWorkbook(xlsx.toFile());
             java.util.stream.Stream<org.dhatim.fastexcel.reader.Row> rows = wb.getFirstSheet().openStream()) {
            for (var it = rows.iterator(); it.hasNext(); ) {
                org.dhatim.fastexcel.reader.Row row = it.next();
                for (int c = 0; c < row.getCellCount(); c++) {
                    if (row.getCell(c) != null && row.getCell(c).getValue() != null) {
                        cells++;
                    }
                }
            }
        }
        return cells;
    }

    static long project(Path xlsx) throws Exception {
        long cells = 0;
        try (SpreadsheetFile file = SpreadsheetFiles.open(xlsx, FileType.XLSX);
             RowStream rows = file.rows(file.sheets().get(0))) {
            for (SourceRow row; (row = rows.next()) != null; ) {
                for (var cell : row.cells()) {
                    if (cell != null) {
                        cells++;
                    }
                }
            }
        }
        return cells;
    }

    /**
     * java ... ReadContenders NAME FILE RUNS runs one contender (warm-up, then RUNS timed runs, one
     * "RUN nanos count" line each, then the heap line). With NAME "all", every contender runs in turn,
     * round after round, and each timed run prints "TIME name nanos": on a shared, noisy machine,
     * interleaving spreads the noise over all contenders instead of landing on whichever ran then.
     */
    public static void main(String[] args) throws Exception {
        if (args[0].equals("all")) {
            Path file = Path.of(args[1]);
            int runs = Integer.parseInt(args[2]);
            for (Contender c : ALL.values()) {
                c.read(file); // warm-up
            }
            for (int i = 0; i < runs; i++) {
                for (var entry : ALL.entrySet()) {
                    long start = System.nanoTime();
                    entry.getValue().read(file);
                    System.out.println("TIME\t" + entry.getKey() + "\t" + (System.nanoTime() - start));
                }
            }
            return;
        }
        Contender contender = ALL.get(args[0]);
        Path file = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        HeapWatch heap = HeapWatch.start();
        contender.read(file); // warm-up
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            long count = contender.read(file);
            long nanos = System.nanoTime() - start;
            System.out.println("RUN " + nanos + " " + count);
        }
        System.out.println("HEAP " + heap.peakAfterGc() + " " + heap.peakUsed());
    }
}
