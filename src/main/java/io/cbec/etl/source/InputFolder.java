package io.cbec.etl.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Lists the input folder: which files the run reads (with their SHA-256), which it passes over and why.
 * The fingerprint of what it reads identifies the job instance, so the same inputs are never reported
 * twice for a date and any changed byte makes a new instance.
 */
public final class InputFolder {

    /**
     * Extensions the job reads or refuses by name; anything else in the folder is listed and passed over. Not
     * .txt: the documented inputs are .xlsx, .xlsm, .xls and .csv, and a notes.txt beside them is no input (read,
     * its every edit would make the inputs new and the whole job run again).
     */
    private static final Set<String> SPREADSHEET_EXTENSIONS = Set.of("xlsx", "xlsm", "xls", "csv", "xlsb", "ods",
            "xltx", "xltm");

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private InputFolder() {
    }

    /**
     * A file the run will read; or, with a {@code problem}, one it cannot ("cannot read the file: permission
     * denied"), which is REJECTED with that reason and ends the run with 66 (its size and SHA-256 are then null).
     */
    public record InputFile(int fileNo, String name, Path path, Long size, String sha256, String problem) {

        public boolean readable() {
            return problem == null;
        }
    }

    /** A file the run passes over, with the reason shown in the Files sheet. */
    public record PassedOver(String name, String reason) { }

    /**
     * A spreadsheet modified within the settle time of the scan: it may still be being copied in, so it is
     * not read, and no report may be published without it (the run ends with 75; the next run reads it).
     */
    public record Unsettled(String name, Instant modified, Duration settleTime) {

        /** Why the file was not read and what to do, for the Files sheet and the log. */
        public String reason() {
            return "not read: modified less than " + settleTime.toSeconds() + " s before the run"
                    + " (cbec.input.settle-time), so it may still be being written; the next run reads it";
        }
    }

    /** A spreadsheet whose modification time is past the settle time in the future: read, with a warning. */
    public record FutureDated(String name, Instant modified, Duration ahead) { }

    /**
     * What the input folder holds. {@code folderProblem} is why a folder that exists cannot be listed
     * ("permission denied"), else null.
     */
    public record Snapshot(Path folder, boolean folderExists, String folderProblem, List<InputFile> files,
                           List<PassedOver> passedOver, List<Unsettled> unsettled, List<FutureDated> futureDated) {

        /**
         * SHA-256 over the sorted names and contents' hashes: the identity of these inputs. A file that cannot be
         * read counts by its name and reason, so that making it readable makes a new instance that reads it. A
         * file still being written counts by its name alone, so that inputs with one are never "already
         * reported" by the run of the same inputs without it; with none, the fingerprint is what it always was.
         */
        public String fingerprint() {
            MessageDigest digest = sha256();
            for (InputFile f : files) {
                String content = f.readable() ? f.sha256() : "unreadable: " + f.problem();
                digest.update((f.name() + "\t" + content + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (folderProblem != null) {
                digest.update(("unreadable folder: " + folderProblem).getBytes(StandardCharsets.UTF_8));
            }
            for (Unsettled u : unsettled) {
                digest.update((u.name() + "\tbeing written\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /**
     * Lists the folder. A file modified within {@code settleTime} of the clock, before or after, may still be
     * being written (a share's clock a little ahead included) and is not read; one modified further in the
     * future is not being written (a share's clock far ahead, a file unpacked from an archive) and is read.
     * The clock is read per file, since hashing the files before it can take a while.
     */
    public static Snapshot scan(Path folder, Duration settleTime, Clock clock) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new Snapshot(folder, false, null, List.of(), List.of(), List.of(), List.of());
        }
        Path realFolder;
        List<Path> entries = new ArrayList<>();
        // Input folders arrive on shared drives, dropped by other accounts: one this user may not list is a fault
        // of the input (66, named in one line), not of the job.
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            realFolder = folder.toRealPath();
            dir.forEach(entries::add);
        } catch (IOException | DirectoryIteratorException e) {
            IOException io = e instanceof DirectoryIteratorException d ? d.getCause() : (IOException) e;
            return new Snapshot(folder, true, IoFailures.reason(io), List.of(), List.of(), List.of(), List.of());
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<InputFile> files = new ArrayList<>();
        List<PassedOver> passed = new ArrayList<>();
        List<Unsettled> unsettled = new ArrayList<>();
        List<FutureDated> futureDated = new ArrayList<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".") || name.startsWith("~$")) {
                continue; // hidden files and Excel's lock files are never inputs
            }
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                // said, since files dropped into a subfolder would otherwise be missed without a word
                passed.add(new PassedOver(name + "/", "a folder: not read (only the files directly in the input"
                        + " folder are)"));
                continue;
            }
            if (!SPREADSHEET_EXTENSIONS.contains(extension(name))) {
                passed.add(new PassedOver(name, "not a spreadsheet file name (.xlsx, .xlsm, .xls, .csv): ignored"));
                continue;
            }
            Path target;
            try {
                target = entry.toRealPath();
            } catch (NoSuchFileException e) {
                passed.add(new PassedOver(name, "broken symbolic link: ignored"));
                continue;
            } catch (IOException e) {
                files.add(unreadable(files.size() + 1, name, entry, e));
                continue;
            }
            if (!target.startsWith(realFolder)) {
                passed.add(new PassedOver(name, "symbolic link out of the input folder: not followed"));
                continue;
            }
            if (!Files.isRegularFile(target)) {
                passed.add(new PassedOver(name, "not a regular file: ignored"));
                continue;
            }
            try {
                Instant modified = Files.getLastModifiedTime(target).toInstant();
                Instant now = clock.instant();
                if (modified.isAfter(now.plus(settleTime))) {
                    futureDated.add(new FutureDated(name, modified, Duration.between(now, modified)));
                } else if (modified.isAfter(now.minus(settleTime))) {
                    unsettled.add(new Unsettled(name, modified, settleTime));
                    continue;
                }
                files.add(new InputFile(files.size() + 1, name, target, Files.size(target), sha256Of(target), null));
            } catch (IOException e) {
                // e.g. a file another account dropped with mode 600: the others are still read, and the run ends 66
                files.add(unreadable(files.size() + 1, name, target, e));
            }
        }
        return new Snapshot(folder, true, null, List.copyOf(files), List.copyOf(passed), List.copyOf(unsettled),
                List.copyOf(futureDated));
    }

    /** A file time as the log and the workbooks show times: local, to the second. */
    public static String localTime(Instant instant) {
        return LOCAL_TIME.format(LocalDateTime.ofInstant(instant, ZoneId.systemDefault()));
    }

    private static InputFile unreadable(int fileNo, String name, Path path, IOException e) {
        return new InputFile(fileNo, name, path, null, null, "cannot read the file: " + IoFailures.reason(e)
                + (e instanceof AccessDeniedException ? " (give the account that runs cbec-etl read access to it)" : ""));
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
