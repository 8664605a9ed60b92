package io.cbec.etl.bench;

import io.cbec.etl.fixtures.ReferenceZones;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Generates benchmark inputs of any size, deterministically (fixed seed), and caches them by name so a
 * rerun measures the same bytes. Files are written the way exporters write them: text in the shared
 * strings table, dates as serial numbers with a date style.
 */
public final class BenchInputs {

    static final String[] APP_HEADERS = {"Date", "App", "Publisher", "Country", "iOS Downloads",
            "Android Downloads", "Revenue (USD)", "Rating"};
    private static final String[] COUNTRIES = {"US", "CN", "JP", "KR", "DE", "GB", "FR", "BR", "IN", "ID", "RU",
            "MX", "TR", "VN", "TH", "PH", "MY", "SG", "AU", "CA", "IT", "ES", "NL", "SE", "PL", "SA", "AE", "EG",
            "NG", "ZA", "AR", "CL", "CO", "PE", "PK", "BD", "HK", "TW", "NZ", "IE"};

    private BenchInputs() {
    }

    /** An app-analytics export: N data rows x 8 columns (date, app, publisher, country, 4 numbers). */
    public static Path appAnalyticsXlsx(Path dir, int rows) throws IOException {
        Path file = dir.resolve("app-analytics-" + rows + ".xlsx");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        SplittableRandom random = new SplittableRandom(42);
        // compressTmpFiles=true keeps the generator's own temp file small; shared strings like Excel writes
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, true)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.createDataFormat().getFormat("#,##0.00"));
            Sheet sheet = wb.createSheet("Downloads");
            Row header = sheet.createRow(0);
            for (int c = 0; c < APP_HEADERS.length; c++) {
                header.createCell(c).setCellValue(APP_HEADERS[c]);
            }
            LocalDate start = LocalDate.of(2024, 1, 1);
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                int app = random.nextInt(2000);
                row.createCell(0).setCellValue(start.plusDays(random.nextInt(366)));
                row.getCell(0).setCellStyle(date);
                row.createCell(1).setCellValue("App " + app);
                row.createCell(2).setCellValue("Publisher " + (app % 300));
                row.createCell(3).setCellValue(COUNTRIES[random.nextInt(COUNTRIES.length)]);
                row.createCell(4).setCellValue(random.nextInt(250_000));
                row.createCell(5).setCellValue(random.nextInt(400_000));
                row.createCell(6).setCellValue(Math.round(random.nextDouble() * 5_000_000) / 100.0);
                row.getCell(6).setCellStyle(money);
                row.createCell(7).setCellValue(Math.round((1 + random.nextDouble() * 4) * 10) / 10.0);
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                wb.write(out);
            }
        }
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static final String[] EXPORT_APPS = {"Temu", "AliExpress", "Shein", "TikTok Shop", "Shopee", "Lazada",
            "DHgate", "Trendyol"};

    /**
     * A daily app-analytics export as the platform-metrics kind reads it: Date, App, Country, iOS Downloads,
     * Android Downloads; for each day and app one row per country (40 countries), then a "Worldwide" row
     * whose figures are the sums of those countries, so the stated-total checks pass and the report is
     * published. About N rows in all (whole days; 41 rows per app and day).
     */
    public static Path appExportXlsx(Path dir, int rows) throws IOException {
        Path file = dir.resolve("app-export-" + rows + ".xlsx");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        SplittableRandom random = new SplittableRandom(7);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, true)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet sheet = wb.createSheet("Downloads");
            String[] headers = {"Date", "App", "Country", "iOS Downloads", "Android Downloads"};
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                header.createCell(c).setCellValue(headers[c]);
            }
            LocalDate start = LocalDate.of(2015, 1, 1);
            int r = 1;
            for (int day = 0; r <= rows; day++) {
                LocalDate d = start.plusDays(day);
                for (int a = 0; a < EXPORT_APPS.length && r <= rows; a++) {
                    long ios = 0;
                    long android = 0;
                    for (String country : COUNTRIES) {
                        int i = random.nextInt(50_000);
                        int an = random.nextInt(80_000);
                        ios += i;
                        android += an;
                        exportRow(sheet.createRow(r++), date, d, EXPORT_APPS[a], country, i, an);
                    }
                    exportRow(sheet.createRow(r++), date, d, EXPORT_APPS[a], "Worldwide", ios, android);
                }
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                wb.write(out);
            }
        }
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void exportRow(Row row, CellStyle dateStyle, LocalDate date, String app, String country, long ios,
                                  long android) {
        row.createCell(0).setCellValue(date);
        row.getCell(0).setCellStyle(dateStyle);
        row.createCell(1).setCellValue(app);
        row.createCell(2).setCellValue(country);
        row.createCell(3).setCellValue(ios);
        row.createCell(4).setCellValue(android);
    }

    /**
     * A registry-like workbook with N data rows: the 165 pilot zones repeated with English headers the
     * zone-registry kind recognises. Repeats fail the job's duplicate checks, yet every step still runs
     * (read, normalise, stage, validate, data-quality workbook), which is what an end-to-end run measures.
     */
    public static Path registryXlsx(Path dir, int rows) throws IOException {
        Path file = dir.resolve("registry-" + rows + ".xlsx");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        List<ReferenceZones.Zone> zones = ReferenceZones.all();
        try (SXSSFWorkbook wb = new SXSSFWorkbook(null, 200, true, true)) {
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd"));
            Sheet sheet = wb.createSheet("Pilot zones");
            String[] headers = {"Batch", "Pilot zone", "Province", "Approval date", "Document"};
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.length; c++) {
                header.createCell(c).setCellValue(headers[c]);
            }
            for (int r = 1; r <= rows; r++) {
                ReferenceZones.Zone z = zones.get((r - 1) % zones.size());
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(z.batch());
                row.createCell(1).setCellValue(z.nameEn());
                row.createCell(2).setCellValue(z.provinceEn());
                if (z.approved().length() == 10) {
                    row.createCell(3).setCellValue(LocalDate.parse(z.approved()));
                    row.getCell(3).setCellStyle(date);
                } else {
                    row.createCell(3).setCellValue(z.approved()); // month precision, as the reference has it
                }
                row.createCell(4).setCellValue(z.document());
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                wb.write(out);
            }
        }
        return Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }

    /** The same registry rows as a CSV export. */
    public static Path registryCsv(Path dir, int rows) throws IOException {
        Path file = dir.resolve("registry-" + rows + ".csv");
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(dir);
        List<ReferenceZones.Zone> zones = ReferenceZones.all();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("Batch,Pilot zone,Province,Approval date,Document\r\n");
            for (int r = 0; r < rows; r++) {
                ReferenceZones.Zone z = zones.get(r % zones.size());
                w.write(z.batch() + "," + z.nameEn() + "," + z.provinceEn() + "," + z.approved() + "," + z.document() + "\r\n");
            }
        }
        return file;
    }

    /** Uncompressed size of the first worksheet part, the figure MB/s is computed from. */
    public static long sheetXmlBytes(Path xlsx) throws IOException {
        try (ZipFile zip = new ZipFile(xlsx.toFile())) {
            ZipEntry entry = zip.getEntry("xl/worksheets/sheet1.xml");
            return entry.getSize();
        }
    }
}
