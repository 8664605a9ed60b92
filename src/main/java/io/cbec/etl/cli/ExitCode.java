package io.cbec.etl.cli;

/**
 * The process exit codes (sysexits.h), the interface cron relies on. See docs/operations.md.
 */
public enum ExitCode {
    OK(0, "completed, or nothing to do"),
    USAGE(64, "usage error"),
    DATA_ERROR(65, "data error: a check failed or rows were rejected"),
    NO_INPUT(66, "input missing or unreadable"),
    INTERNAL(70, "unexpected internal error"),
    CANT_CREATE(73, "cannot create output"),
    IO_ERROR(74, "I/O error while writing"),
    /** EX_IOERR too: the state folder's database cannot be read; the message says how to start afresh. */
    STATE_UNREADABLE(74, "the state database cannot be opened"),
    LOCKED(75, "another run holds the lock; try later"),
    /** EX_TEMPFAIL as for the lock: nothing is wrong with the data, and running again finishes the work. */
    STOPPED(75, "stopped on request at a chunk boundary; the next run resumes"),
    /** EX_TEMPFAIL: a file was still being written, so no report was published; the next run reads it. */
    UNSETTLED(75, "an input file may still be being written: not read, nothing published; the next run reads it");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** The first constant with this code (74 and 75 have several: a caller that can tell names its own). */
    public static ExitCode of(int code) {
        for (ExitCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        throw new IllegalArgumentException("not an exit code of cbec-etl: " + code);
    }
}
