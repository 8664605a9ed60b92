package io.cbec.etl.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;

/**
 * JDBC batch inserts into H2 in file mode (as the job stages), committing every {@code batch} rows the
 * way the ingest step commits every chunk. The table is shaped like zone_entry with its two indexes.
 * java ... StagingBenchmark DIR ROWS BATCH...; prints "BATCH size nanos" per batch size.
 */
public final class StagingBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int rows = Integer.parseInt(args[1]);
        for (int i = 2; i < args.length; i++) {
            int batch = Integer.parseInt(args[i]);
            run(dir, Math.min(rows, 50_000), batch); // warm-up
            long nanos = run(dir, rows, batch);
            System.out.println("BATCH " + batch + " " + nanos);
        }
    }

    static long run(Path dir, int rows, int batch) throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("staging-bench") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection db = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = db.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_entry");
                s.execute("""
                        CREATE TABLE bench_entry (instance_id BIGINT NOT NULL, file_no INT NOT NULL,
                            sheet_no INT NOT NULL, row_no INT NOT NULL, zone_key VARCHAR(100) NOT NULL,
                            zone_zh VARCHAR(200) NOT NULL, zone_en VARCHAR(200) NOT NULL, batch INT,
                            approved_on DATE, document VARCHAR(200), revoked BOOLEAN NOT NULL)""");
                s.execute("CREATE INDEX bench_entry_key ON bench_entry (instance_id, zone_key)");
                s.execute("CREATE INDEX bench_entry_sheet ON bench_entry (instance_id, file_no, sheet_no, row_no)");
            }
            db.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = db.prepareStatement(
                    "INSERT INTO bench_entry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                Date approved = Date.valueOf(LocalDate.of(2016, 1, 12));
                for (int r = 1; r <= rows; r++) {
                    insert.setLong(1, 1);
                    insert.setInt(2, 1);
                    insert.setInt(3, 0);
                    insert.setInt(4, r + 1);
                    insert.setString(5, "3301" + (r % 165));
                    insert.setString(6, "杭州" + (r % 165));
                    insert.setString(7, "Hangzhou " + (r % 165));
                    insert.setInt(8, 1 + r % 7);
                    insert.setDate(9, approved);
                    insert.setString(10, "国函〔2016〕17号");
                    insert.setBoolean(11, false);
                    insert.addBatch();
                    if (r % batch == 0 || r == rows) {
                        insert.executeBatch();
                        db.commit();
                    }
                }
            }
            long nanos = System.nanoTime() - start;
            try (Statement s = db.createStatement()) {
                s.execute("DROP TABLE bench_entry");
            }
            db.commit();
            return nanos;
        }
    }
}
