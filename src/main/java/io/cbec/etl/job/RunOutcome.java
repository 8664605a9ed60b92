package io.cbec.etl.job;

import io.cbec.etl.cli.ExitCode;

/**
 * How a run ended, as the report step decides it. Stored as the report step's (and so the job's) exit
 * status so the command line can map it to an exit code, also for an instance finished earlier.
 */
public enum RunOutcome {
    PUBLISHED(ExitCode.OK),
    DATA_ERROR(ExitCode.DATA_ERROR),
    INPUT_ERROR(ExitCode.NO_INPUT),
    /** An input file was still being written: it was not read, so the report is not published. */
    UNSETTLED(ExitCode.UNSETTLED),
    CANT_CREATE(ExitCode.CANT_CREATE),
    IO_ERROR(ExitCode.IO_ERROR);

    private final ExitCode exitCode;

    RunOutcome(ExitCode exitCode) {
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public static RunOutcome fromExitStatus(String exitCode) {
        for (RunOutcome o : values()) {
            if (o.name().equals(exitCode)) {
                return o;
            }
        }
        return null;
    }
}
