package io.cbec.etl.kind.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a reference CSV bundled under {@code /reference/} and, when a reference folder is configured
 * ({@code cbec.reference-dir}), the file of the same name there too: its rows extend the bundled ones
 * (and win where they name the same key), so users add platforms or country spellings without a rebuild.
 */
final class ReferenceTable {

    private static final CSVFormat WITH_HEADER = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setTrim(true).get();

    private ReferenceTable() {
    }

    static List<CSVRecord> read(String fileName, Path extraDir) {
        List<CSVRecord> rows = new ArrayList<>();
        String resource = "/reference/" + fileName;
        try (InputStream in = ReferenceTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled reference file missing: " + resource);
            }
            rows.addAll(parse(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled reference file " + resource, e);
        }
        if (extraDir != null && Files.isRegularFile(extraDir.resolve(fileName))) {
            try (Reader reader = Files.newBufferedReader(extraDir.resolve(fileName), StandardCharsets.UTF_8)) {
                rows.addAll(parse(reader));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read reference file " + extraDir.resolve(fileName), e);
            }
        }
        return rows;
    }

    private static List<CSVRecord> parse(Reader raw) throws IOException {
        BufferedReader reader = new BufferedReader(raw);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        try (CSVParser parser = WITH_HEADER.parse(reader)) {
            return parser.getRecords();
        }
    }

    static List<String> aliases(CSVRecord row) {
        String text = row.isMapped("aliases") ? row.get("aliases") : "";
        List<String> list = new ArrayList<>();
        for (String a : text.split(";")) {
            if (!a.isBlank()) {
                list.add(a.strip());
            }
        }
        return list;
    }
}
