package io.cbec.etl.normalise;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a bundled CSV from {@code src/main/resources/reference}, tolerating a UTF-8 BOM. */
final class ReferenceCsv {

    private static final CSVFormat WITH_HEADER = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setTrim(true).get();

    private ReferenceCsv() {
    }

    static List<CSVRecord> read(String fileName) {
        String resource = "/reference/" + fileName;
        try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled reference file missing: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.mark(1);
            // The divisions file starts with a BOM, which would otherwise become part of the first header.
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
            try (CSVParser parser = WITH_HEADER.parse(reader)) {
                return parser.getRecords();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled reference file " + resource, e);
        }
    }
}
