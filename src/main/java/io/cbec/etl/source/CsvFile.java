package io.cbec.etl.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A CSV file seen as a workbook of one sheet named after the file (without its extension). Every
 * {@link #rows} call reads the file again from the start with the dialect sniffed at open.
 */
final class CsvFile implements SpreadsheetFile {

    private final Path file;
    private final CsvDialect dialect;
    private final SheetInfo sheet;

    private CsvFile(Path file, CsvDialect dialect) {
        this.file = file;
        this.dialect = dialect;
        this.sheet = new SheetInfo(0, sheetName(file), SheetInfo.Visibility.VISIBLE);
    }

    static CsvFile open(Path file) throws SourceException {
        try {
            return new CsvFile(file, CsvDialect.sniff(file));
        } catch (IOException e) {
            throw new SourceException("cannot read the file: " + IoFailures.reason(e), e);
        }
    }

    static String sheetName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    CsvDialect dialect() {
        return dialect;
    }

    @Override
    public List<SheetInfo> sheets() {
        return List.of(sheet);
    }

    @Override
    public RowStream rows(SheetInfo requested) throws SourceException {
        if (!sheet.equals(requested)) {
            throw new IllegalArgumentException("sheet " + requested + " is not from this file");
        }
        try {
            return new CsvRowStream(Files.newInputStream(file), dialect);
        } catch (IOException e) {
            throw new SourceException("cannot read the file: " + IoFailures.reason(e), e);
        }
    }

    @Override
    public void close() {
        // each row stream owns and closes its own file handle
    }
}
