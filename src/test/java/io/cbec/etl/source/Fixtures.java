package io.cbec.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Workbook;

/** Builds test inputs in code: POI-written workbooks, edited zip parts, hashes for "unchanged" checks. */
final class Fixtures {

    private Fixtures() {
    }

    static Path write(Workbook workbook, Path file) throws IOException {
        try (workbook; OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        return file;
    }

    /** Rewrites a zip with {@code replacements} (entry name to content) replacing or adding entries. */
    static Path replaceEntries(Path zip, Map<String, String> replacements) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile in = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                try (InputStream data = in.getInputStream(entry)) {
                    entries.put(entry.getName(), data.readAllBytes());
                }
            }
        }
        replacements.forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        writeZip(zip, entries);
        return zip;
    }

    static Path writeZip(Path zip, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return zip;
    }

    /** A worksheet part with the given {@code <sheetData>} content and anything that follows it. */
    static String sheetXml(String sheetData, String afterSheetData) {
        return """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheetData>%s</sheetData>%s</worksheet>""".formatted(sheetData, afterSheetData);
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of every sheet, each as "rowNumber: raw|raw|..." with empty cells as blanks. */
    static List<String> dump(SpreadsheetFile file, SheetInfo sheet) throws SourceException {
        List<String> lines = new ArrayList<>();
        try (RowStream rows = file.rows(sheet)) {
            for (SourceRow row = rows.next(); row != null; row = rows.next()) {
                lines.add(describe(row));
            }
        }
        return lines;
    }

    static String describe(SourceRow row) {
        StringBuilder text = new StringBuilder().append(row.rowNumber()).append(':');
        for (int i = 0; i < row.cells().size(); i++) {
            CellValue cell = row.cells().get(i);
            text.append(i == 0 ? " " : "|").append(cell == null ? "" : cell.raw());
        }
        return text.toString();
    }
}
