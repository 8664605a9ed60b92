package io.cbec.etl.report;

import io.cbec.etl.job.RunOutcome;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which exit a failed write gives. The job tests cover 73 (a file where the output folder should be) and
 * 74 (a failed publish) end to end; permissions cannot be tested there because the suite may run as root.
 */
class ReportTaskletOutcomeTest {

    @Test
    void noPermissionOrAReadOnlyFileSystemCannotCreateOutput() {
        assertThat(ReportTasklet.writeFailure(new AccessDeniedException("/out/.cbec-report.tmp")))
                .isEqualTo(RunOutcome.CANT_CREATE);
        assertThat(ReportTasklet.writeFailure(new FileSystemException("/out/x", null, "Read-only file system")))
                .isEqualTo(RunOutcome.CANT_CREATE);
    }

    @Test
    void anyOtherWriteFailureIsAnIoError() {
        assertThat(ReportTasklet.writeFailure(new IOException("No space left on device"))).isEqualTo(RunOutcome.IO_ERROR);
        assertThat(ReportTasklet.writeFailure(new FileSystemException("/out/x", null, "No space left on device")))
                .isEqualTo(RunOutcome.IO_ERROR);
        assertThat(ReportTasklet.writeFailure(new DirectoryNotEmptyException("/out/cbec-report.xlsx")))
                .isEqualTo(RunOutcome.IO_ERROR);
        assertThat(RunOutcome.CANT_CREATE.exitCode().code()).isEqualTo(73);
        assertThat(RunOutcome.IO_ERROR.exitCode().code()).isEqualTo(74);
    }
}
