package io.cbec.etl.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Says in words what a failed file operation ran into. The JDK's exceptions name the failure by their class
 * ({@code AccessDeniedException: /srv/in/controls.xlsx}, with no reason at all), which means nothing to whoever
 * reads cron's mail; the messages of the exit codes 66, 73 and 74 say "permission denied", "no space left on
 * device" or "already exists and is not a folder" instead, with the file.
 */
public final class IoFailures {

    private IoFailures() {
    }

    /** "/srv/in/controls.xlsx: permission denied", or the reason alone when the exception names no file. */
    public static String describe(IOException e) {
        return describe(e, null);
    }

    /**
     * As {@link #describe(IOException)}, leaving out the file when it is {@code subject}, which the message names
     * already ("cannot create the output folder /srv/out: already exists and is not a folder"). A failed rename
     * names where it was going ("... -> /srv/out/cbec-report-2024-01-31.xlsx: Is a directory").
     */
    public static String describe(IOException e, Path subject) {
        if (!(e instanceof FileSystemException fs) || fs.getFile() == null) {
            return reason(e);
        }
        String file = fs.getOtherFile() == null ? fs.getFile() : fs.getFile() + " -> " + fs.getOtherFile();
        return subject != null && fs.getOtherFile() == null && Path.of(fs.getFile()).equals(subject)
                ? reason(e) : file + ": " + reason(e);
    }

    /** The reason alone, in words: "permission denied", "No space left on device". */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists and is not a folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a folder that is not empty is in the way";
        }
        if (e instanceof FileSystemException fs) {
            // the OS's own words (strerror), e.g. "No space left on device", "Read-only file system", "Is a directory"
            return fs.getReason() != null ? fs.getReason() : "I/O error";
        }
        return e.getMessage() != null && !e.getMessage().isBlank() ? e.getMessage() : "I/O error";
    }

    /**
     * The I/O failure under {@code failure}, however deeply it is wrapped (H2 wraps a failed write of its file in
     * an MVStoreException, then an SQLException, then Spring's DataAccessException), or null when there is none.
     */
    public static IOException find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return io;
            }
            if (t instanceof UncheckedIOException unchecked) {
                return unchecked.getCause();
            }
        }
        return null;
    }

    /**
     * Whether {@code e} is a full disk or an exhausted quota (ENOSPC, EDQUOT): the one I/O failure whose fix is
     * plain (free space), so the messages say it outright.
     */
    public static boolean diskFull(IOException e) {
        String reason = reason(e).toLowerCase(Locale.ROOT);
        return reason.contains("no space left") || reason.contains("quota exceeded");
    }

    /** No permission, or a read-only file system: nothing can be written there at all (73, not 74). */
    public static boolean notWritable(IOException e) {
        return e instanceof AccessDeniedException || reason(e).toLowerCase(Locale.ROOT).contains("read-only");
    }
}
