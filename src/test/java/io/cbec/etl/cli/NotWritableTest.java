package io.cbec.etl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cbec.etl.cli.CronOperationsTest.Run;
import io.cbec.etl.fixtures.RegistryWorkbook;
import io.cbec.etl.fixtures.Unprivileged;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Folders this account may not write: exit 73 with one line that names the folder and says "permission denied"
 * and what to do, never a Java exception's class name. The runs are child processes that honour permissions even
 * when the suite runs as root ({@link Unprivileged}).
 */
class NotWritableTest {

    private static final String DATE = "2024-01-31";

    @TempDir
    Path dir;

    @Test
    void anOutputFolderThisAccountCannotWriteExits73SayingPermissionDenied() throws Exception {
        Path input = dir.resolve("input");
        RegistryWorkbook.allBatches().writeTo(input.resolve("名单.xlsx"));
        Path output = Files.createDirectories(dir.resolve("output"));
        Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("r-xr-xr-x"));
        Run run;
        try {
            run = Run.start(Unprivileged.commandPrefix(dir), null, input, output, "--state-dir=" + dir.resolve("state"));
            assertThat(run.await()).as(run.output()).isEqualTo(73);
        } finally {
            Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        assertThat(run.output()).contains("ERROR Cannot create output in " + output + ": permission denied. Give the"
                        + " account that runs cbec-etl write access to it, or pass --output=DIR. Nothing was published;"
                        + " the previous report and data-quality workbook are untouched.")
                .contains("Run summary:").doesNotContain("Exception").doesNotContain(".tmp");
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aStateFolderWhoseLockThisAccountCannotWriteExits73SuggestingStateDir() throws Exception {
        Path input = dir.resolve("input");
        RegistryWorkbook.allBatches().batches(1).writeTo(input.resolve("名单.xlsx"));
        Path state = Files.createDirectories(dir.resolve("state"));
        Path lock = Files.writeString(state.resolve("run.lock"), "pid 1 since 2024-01-01T00:00:00Z\n");
        Files.setPosixFilePermissions(lock, PosixFilePermissions.fromString("r--r--r--")); // left by another account

        Run run = Run.start(Unprivileged.commandPrefix(dir), null, input, dir.resolve("output"), "--state-dir=" + state);

        assertThat(run.await()).as(run.output()).isEqualTo(73);
        assertThat(run.output().lines()).containsExactly("cbec-etl: cannot lock the state folder " + state + ": "
                + lock + ": permission denied. Give the account that runs cbec-etl write access to the folder and its"
                + " run.lock (check their owner and permissions), or pass --state-dir=DIR.");
    }
}
