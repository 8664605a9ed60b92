package io.cbec.etl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cbec.etl.cli.CronOperationsTest.Run;
import io.cbec.etl.fixtures.PublishedWorkbook;
import io.cbec.etl.fixtures.RegistryWorkbook;
import io.cbec.etl.fixtures.Unprivileged;
import io.cbec.etl.source.IoFailures;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A state folder that cannot be written while the job runs: exit 74 (73 where nothing may be written there) with
 * one line naming the folder and saying what to do, a Run summary, no stack trace; and the next run resumes.
 */
class StateWriteFailureTest {

    private static final String DATE = "2024-01-31";
    private static final Pattern RESUMED_AFTER = Pattern.compile("ingest: resuming after (\\d+) row");

    @TempDir
    Path dir;

    /**
     * The state database stops growing mid-ingest. A test cannot fill a disk without root (a small tmpfs), so the
     * child JVM runs under a file-size limit ({@code ulimit -f}): H2's write of its file then fails for real,
     * through the same MVStore, JDBC and Spring Batch layers as on a full disk, with EFBIG ("File too large")
     * instead of ENOSPC. How ENOSPC itself is worded is {@link #aFullDiskIsSaidOutrightWithWhatToDo}.
     */
    @Test
    void aStateDatabaseThatCannotGrowMidIngestExits74InOneLineWithARunSummaryAndTheNextRunResumes() throws Exception {
        Path input = exportInput(dir.resolve("input"));
        Path output = dir.resolve("output");
        Path state = dir.resolve("state");
        // 1.5 MB: the new database with its tables fits (about 0.7 MB), an ingest of 41,000 rows does not (3 MB)
        List<String> fileSizeLimit = List.of("bash", "-c", "ulimit -f 1500 && exec \"$@\"", "bash");

        Run limited = Run.start(fileSizeLimit, null, input, output, "--state-dir=" + state);
        int code = limited.await();

        String log = limited.output();
        assertThat(code).as(log).isEqualTo(74);
        assertThat(log).contains("ERROR I/O error in the state folder " + state + ": File too large. Run again once"
                        + " the disk is fixed: the run resumes where it stopped.")
                .contains("Run summary:").contains("exit code  74 (I/O error while writing)")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("should not be restarted");
        assertThat(log.lines().filter(l -> l.contains("ERROR"))).hasSize(1);
        assertThat(output.resolve("cbec-report-" + DATE + ".xlsx")).doesNotExist();
        assertThat(output.resolve("cbec-data-quality-" + DATE + ".xlsx")).doesNotExist();

        Run resumed = Run.start(input, output, "--state-dir=" + state);
        assertThat(resumed.await()).as(resumed.output()).isZero();
        Matcher after = RESUMED_AFTER.matcher(resumed.output());
        assertThat(after.find()).as("resumed from the last chunk committed before the failure:\n" + resumed.output())
                .isTrue();
        assertThat(Long.parseLong(after.group(1))).isPositive();
        PublishedWorkbook dataQuality = new PublishedWorkbook(output.resolve("cbec-data-quality-" + DATE + ".xlsx"));
        assertThat(dataQuality.rowWhere("Files", 0, "export.csv").orElseThrow().get(4))
                .isEqualTo(String.format("%,d", EXPORT_DAYS * 2 * 41));
    }

    /**
     * A state database this account may not write, as a run by hand as root leaves it for cron's account: H2 opens
     * it read-only without a word, and the run failed at its first write with an SQL stack trace (exit 70). The
     * child honours the file's mode even when the suite runs as root ({@link Unprivileged}).
     */
    @Test
    void aStateDatabaseThisAccountCannotWriteExits74InOneLineSayingToFixItsOwnerOrMoveItAside() throws Exception {
        Path input = dir.resolve("input");
        RegistryWorkbook.allBatches().writeTo(input.resolve("名单.xlsx"));
        Path output = dir.resolve("output");
        Run first = Run.start(input, output);
        assertThat(first.await()).as(first.output()).isZero();
        Path database = output.resolve(".state/cbec-etl.mv.db");
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(database);
        byte[] report = Files.readAllBytes(output.resolve("cbec-report-" + DATE + ".xlsx"));

        Run readOnly = Run.start(Unprivileged.commandPrefix(dir), null, input, output);
        int code = readOnly.await();

        String log = readOnly.output();
        assertThat(code).as(log).isEqualTo(74);
        ConfigurationErrorTest.assertOneLineThenTheRunSummary(log, 74);
        assertThat(log).startsWith("cbec-etl: the state database " + database + " (owner ")
                .contains(") is read-only for the account running cbec-etl (")
                .contains("fix its owner or permissions (chown ")
                .contains("or move it aside (mv " + database + " " + database + ".broken) and run again");
        assertThat(Files.readAllBytes(database)).as("left as it was").isEqualTo(before);
        assertThat(Files.readAllBytes(output.resolve("cbec-report-" + DATE + ".xlsx"))).isEqualTo(report);

        // given write access again, the run finds the inputs reported
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
        Run fixed = Run.start(Unprivileged.commandPrefix(dir), null, input, output);
        assertThat(fixed.await()).as(fixed.output()).isZero();
        assertThat(fixed.output()).contains("Nothing to do: these inputs were already reported for " + DATE);
    }

    /** What H2 throws when the disk under its file is full (MVStoreException omitted), and the checks' sort. */
    @Test
    void aFullDiskIsSaidOutrightWithWhatToDo() {
        Path state = Path.of("/srv/cbec/state");
        IOException enospc = new IOException("No space left on device");
        RuntimeException h2 = new DataAccessResourceFailureException("JDBC rollback; The database has been closed",
                new SQLException("The database has been closed [90098-240]", enospc));
        IOException found = IoFailures.find(h2);
        assertThat(found).isSameAs(enospc);
        assertThat(StateWriteFailure.exitCode(found)).isEqualTo(ExitCode.IO_ERROR);
        assertThat(StateWriteFailure.message(found, state)).isEqualTo("I/O error (disk full?) writing the state folder"
                + " /srv/cbec/state: No space left on device. Free space on that disk and run again: the run resumes"
                + " where it stopped.");
        assertThat(IoFailures.find(new UncheckedIOException(enospc))).isSameAs(enospc);
    }

    @Test
    void noPermissionIs73AndSaysSoWithoutTheJavaExceptionsName() {
        Path state = Path.of("/srv/cbec/state");
        AccessDeniedException denied = new AccessDeniedException("/srv/cbec/state/tmp/figures-3");
        assertThat(StateWriteFailure.exitCode(denied)).isEqualTo(ExitCode.CANT_CREATE);
        assertThat(StateWriteFailure.message(denied, state)).isEqualTo("cannot write the state folder /srv/cbec/state:"
                + " /srv/cbec/state/tmp/figures-3: permission denied. Give the account that runs cbec-etl write access"
                + " to it (check its owner and permissions), or pass --state-dir=DIR.");
        // a file elsewhere (the output folder, swept at start) is named as such
        assertThat(StateWriteFailure.message(new AccessDeniedException("/srv/cbec/out"), state))
                .isEqualTo("cannot write /srv/cbec/out: permission denied. Give the account that runs cbec-etl write"
                        + " access to it (check its owner and permissions).");
    }

    private static final int EXPORT_DAYS = 500;

    /** A daily export of two apps in 40 countries, each app and day with a Worldwide row equal to its countries. */
    private static Path exportInput(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<String> countries = List.of("US", "CN", "JP", "KR", "DE", "GB", "FR", "BR", "IN", "ID", "RU", "MX", "TR",
                "VN", "TH", "PH", "MY", "SG", "AU", "CA", "IT", "ES", "NL", "SE", "PL", "SA", "AE", "EG", "NG", "ZA",
                "AR", "CL", "CO", "PE", "PK", "BD", "HK", "TW", "NZ", "IE");
        try (BufferedWriter w = Files.newBufferedWriter(folder.resolve("export.csv"), StandardCharsets.UTF_8)) {
            w.write("Date,App,Country,Downloads\r\n");
            LocalDate start = LocalDate.of(2019, 1, 1);
            for (int day = 0; day < EXPORT_DAYS; day++) {
                for (String app : List.of("Temu", "Shein")) {
                    long total = 0;
                    for (int c = 0; c < countries.size(); c++) {
                        long downloads = (day * 7L + c * 13L) % 1000 + 1;
                        total += downloads;
                        w.write(start.plusDays(day) + "," + app + "," + countries.get(c) + "," + downloads + "\r\n");
                    }
                    w.write(start.plusDays(day) + "," + app + ",Worldwide," + total + "\r\n");
                }
            }
        }
        return folder;
    }
}
