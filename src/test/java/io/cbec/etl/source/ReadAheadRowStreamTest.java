package io.cbec.etl.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows read ahead on a second thread come out as the sheet has them, failures included, and close stops it. */
class ReadAheadRowStreamTest {

    @TempDir
    Path dir;

    /** A CSV of a header and ROWS data rows, "row N" in column A and N in column B, then TAIL as written. */
    private Path csv(int rows, String tail) throws Exception {
        StringBuilder text = new StringBuilder("Label,Number\n");
        for (int r = 1; r <= rows; r++) {
            text.append("row ").append(r).append(',').append(r).append('\n');
        }
        return Files.writeString(dir.resolve("rows.csv"), text + tail, StandardCharsets.UTF_8);
    }

    @Test
    void handsOnEveryRowInOrderAcrossManyBatchesThenTheEnd() throws Exception {
        int rows = ReadAheadRowStream.BATCH * (ReadAheadRowStream.BATCHES_AHEAD + 3) + 17;
        try (SpreadsheetFile file = SpreadsheetFiles.open(csv(rows, ""), FileType.CSV);
             RowStream ahead = ReadAheadRowStream.of(file.rows(file.sheets().get(0)), "rows.csv")) {
            assertThat(ahead.next().cell(0)).isEqualTo(new CellValue.Text("Label"));
            for (int r = 1; r <= rows; r++) {
                SourceRow row = ahead.next();
                assertThat(row.rowNumber()).isEqualTo(r + 1);
                assertThat(row.cell(0)).isEqualTo(new CellValue.Text("row " + r));
            }
            assertThat(ahead.next()).isNull();
            assertThat(ahead.next()).as("the end stays the end").isNull();
        }
    }

    @Test
    void throwsTheReadersFailureAtTheRowWhereItHappenedAfterTheRowsBeforeIt() throws Exception {
        int rows = ReadAheadRowStream.BATCH * 2 + 5;
        try (SpreadsheetFile file = SpreadsheetFiles.open(csv(rows, "x,\"never closed\n"), FileType.CSV);
             RowStream ahead = ReadAheadRowStream.of(file.rows(file.sheets().get(0)), "rows.csv")) {
            for (int r = 0; r <= rows; r++) {
                assertThat(ahead.next()).as("row %d", r + 1).isNotNull(); // the rows of a batch cut short too
            }
            assertThatThrownBy(ahead::next).isInstanceOf(SourceException.class)
                    .hasMessageStartingWith("CSV line " + (rows + 2) + ": unterminated quote");
        }
    }

    @Test
    void closingHalfWayStopsTheReadingThreadBeforeTheFileIsClosed() throws Exception {
        int rows = ReadAheadRowStream.BATCH * ReadAheadRowStream.BATCHES_AHEAD * 20;
        try (SpreadsheetFile file = SpreadsheetFiles.open(csv(rows, ""), FileType.CSV)) {
            RowStream ahead = ReadAheadRowStream.of(file.rows(file.sheets().get(0)), "rows.csv");
            assertThat(ahead.next()).isNotNull();
            ahead.close();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("read-ahead rows.csv"));
        }
    }
}
