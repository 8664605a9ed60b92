package io.cbec.etl.cli;

import io.cbec.etl.source.IoFailures;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * An I/O failure outside the report step's own publishing, which says its own: the state folder's database or
 * temp files could not be written (a full disk, most often), or a file the run needed could not be read or
 * written. One line for cron's mail with the folder, the reason in words and what to do, and the exit code:
 * 73 where nothing can be written there at all (no permission, a read-only disk), else 74.
 */
public final class StateWriteFailure {

    private StateWriteFailure() {
    }

    public static ExitCode exitCode(IOException e) {
        return IoFailures.notWritable(e) ? ExitCode.CANT_CREATE : ExitCode.IO_ERROR;
    }

    /**
     * "I/O error (disk full?) writing the state folder /srv/state: No space left on device. Free space ..." H2 and
     * the checks' sort name no file when a write fails, so the state folder is named; a failure that names a file
     * elsewhere (the output folder swept at start) names that file instead.
     */
    public static String message(IOException e, Path stateDir) {
        Path state = stateDir.toAbsolutePath().normalize();
        String file = e instanceof FileSystemException fs ? fs.getFile() : null;
        boolean elsewhere = file != null && !Path.of(file).toAbsolutePath().normalize().startsWith(state);
        String where = elsewhere ? file : "the state folder " + stateDir;
        String what = elsewhere ? IoFailures.reason(e) : IoFailures.describe(e, stateDir);
        if (IoFailures.diskFull(e)) {
            return "I/O error (disk full?) writing " + where + ": " + what + ". Free space on that disk and run again:"
                    + " the run resumes where it stopped.";
        }
        if (IoFailures.notWritable(e)) {
            return "cannot write " + where + ": " + what + ". Give the account that runs cbec-etl write access to it"
                    + " (check its owner and permissions)" + (elsewhere ? "" : ", or pass --state-dir=DIR") + ".";
        }
        return "I/O error in " + where + ": " + what + ". Run again once the disk is fixed: the run resumes where it"
                + " stopped.";
    }
}
