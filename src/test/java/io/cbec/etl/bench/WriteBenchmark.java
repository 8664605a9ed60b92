package io.cbec.etl.bench;

import io.cbec.etl.report.Column;
import io.cbec.etl.report.ListSheet;
import io.cbec.etl.report.ReportWorkbook;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes N rows x 4 columns (date, text, integer, decimal) through the report writer (SXSSF, widths
 * from the data written, styles cached per column) to a real .xlsx; prints "RUN nanos bytes" per run and
 * the heap line. java ... WriteBenchmark DIR ROWS RUNS
 */
public final class WriteBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int rows = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        HeapWatch heap = HeapWatch.start();
        write(dir, Math.min(rows, 100_000)); // warm-up
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            long bytes = write(dir, rows);
            System.out.println("RUN " + (System.nanoTime() - start) + " " + bytes);
        }
        System.out.println("HEAP " + heap.peakAfterGc() + " " + heap.peakUsed());
    }

    static long write(Path dir, int rows) throws Exception {
        Path target = dir.resolve("written-" + rows + ".xlsx");
        LocalDate day = LocalDate.of(2024, 1, 1);
        try (ReportWorkbook workbook = new ReportWorkbook(dir.resolve("tmp"))) {
            ListSheet sheet = workbook.listSheet("Rows", List.of(Column.date("Date"), Column.text("App"),
                    Column.integer("Downloads"), Column.decimal("Revenue (USD)")));
            for (int r = 0; r < rows; r++) {
                sheet.row(day.plusDays(r % 366), "App " + (r % 2000), r % 250_000, (r % 5_000_000) / 100.0);
            }
            workbook.write(target);
        }
        return Files.size(target);
    }
}
