package io.cbec.etl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cbec.etl.cli.CronOperationsTest.Run;
import io.cbec.etl.fixtures.PublishedWorkbook;
import io.cbec.etl.fixtures.RegistryWorkbook;
import io.cbec.etl.fixtures.SampleInputGenerator;
import io.cbec.etl.fixtures.Unprivileged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs the account running the job may not read, as files dropped on a shared drive by another account are:
 * exit 66 with one line naming the file or folder and saying "permission denied", the data-quality workbook
 * saying the same, a Run summary, and no stack trace. The OS refuses the read for real: the run is a child
 * process that honours permissions even when the suite runs as root ({@link Unprivileged}).
 */
class UnreadableInputTest {

    private static final String DATE = "2024-01-31";

    @TempDir
    Path dir;

    @Test
    void aFileThisAccountCannotReadIsRejectedWithItsReasonTheOthersAreReadAndTheRunExits66() throws Exception {
        Path input = dir.resolve("input");
        RegistryWorkbook.allBatches().writeTo(input.resolve("名单.xlsx"));
        Path unreadable = input.resolve("export-en.csv");
        SampleInputGenerator.writeEnglishCsv(unreadable);
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        Path output = dir.resolve("output");

        Run run = Run.start(Unprivileged.commandPrefix(dir), null, input, output);
        int code = run.await();

        String log = run.output();
        assertThat(code).as(log).isEqualTo(66);
        assertThat(log).contains("ERROR export-en.csv: cannot read the file: permission denied")
                .contains("Run summary:").contains("exit code  66")
                .doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ");
        try (Stream<Path> published = Files.list(output)) {
            assertThat(published.map(p -> p.getFileName().toString()).filter(name -> !name.equals(".state")))
                    .containsExactly("cbec-data-quality-" + DATE + ".xlsx"); // no report: nothing built on part of the inputs
        }
        PublishedWorkbook dataQuality = new PublishedWorkbook(output.resolve("cbec-data-quality-" + DATE + ".xlsx"));
        List<String> refused = dataQuality.rowWhere("Files", 0, "export-en.csv").orElseThrow();
        assertThat(refused.get(3)).isEqualTo("REJECTED");
        assertThat(refused.get(9)).startsWith("cannot read the file: permission denied");
        assertThat(dataQuality.rowWhere("Files", 0, "名单.xlsx").orElseThrow().get(3)).isEqualTo("READ");
        assertThat(dataQuality.rowWhere("Checks", 1, "export-en.csv").orElseThrow())
                .contains("File readable", "FAIL");

        // given read access, the next run reads it: its inputs are new, so it is a new run that publishes
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("rw-r--r--"));
        Run fixed = Run.start(Unprivileged.commandPrefix(dir), null, input, output);
        assertThat(fixed.await()).as(fixed.output()).isZero();
        assertThat(new PublishedWorkbook(output.resolve("cbec-report-" + DATE + ".xlsx")).summary("Active pilot zones"))
                .isEqualTo("165");
    }

    @Test
    void anInputFolderThisAccountCannotListExits66NamingIt() throws Exception {
        Path input = dir.resolve("input");
        RegistryWorkbook.allBatches().writeTo(input.resolve("名单.xlsx"));
        Files.setPosixFilePermissions(input, PosixFilePermissions.fromString("---------"));
        Path output = dir.resolve("output");
        int code;
        String log;
        try {
            Run run = Run.start(Unprivileged.commandPrefix(dir), null, input, output);
            code = run.await();
            log = run.output();
        } finally {
            Files.setPosixFilePermissions(input, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        assertThat(code).as(log).isEqualTo(66);
        assertThat(log).contains("ERROR Cannot read the input folder " + input + ": permission denied.")
                .contains("Run summary:").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(output.resolve("cbec-report-" + DATE + ".xlsx")).doesNotExist();
        PublishedWorkbook dataQuality = new PublishedWorkbook(output.resolve("cbec-data-quality-" + DATE + ".xlsx"));
        assertThat(dataQuality.rowWhere("Checks", 0, "Input files present").orElseThrow())
                .contains(input.toString(), "a readable folder", "permission denied", "FAIL");
    }
}
