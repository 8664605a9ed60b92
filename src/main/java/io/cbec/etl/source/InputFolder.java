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
import java.time.Duration;
import java.time.Instant;
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

    /** Extensions the job reads or refuses by name; anything else in the folder is listed and passed over. */
    private static final Set<String> SPREADSHEET_EXTENSIONS = Set.of("xlsx", "xlsm", "xls", "csv", "xlsb", "ods",
            "xltx", "xltm", "txt");

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
     * What the input folder holds. {@code folderProblem} is why a folder that exists cannot be listed
     * ("permission denied"), else null.
     */
    public record Snapshot(Path folder, boolean folderExists, String folderProblem, List<InputFile> files,
                           List<PassedOver> passedOver) {

        /**
         * SHA-256 over the sorted names and contents' hashes: the identity of these inputs. A file that cannot be
         * read counts by its name and reason, so that making it readable makes a new instance that reads it.
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
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    public static Snapshot scan(Path folder, Duration settleTime, Instant now) throws IOException {
        if (!Files.isDirectory(folder)) {
            return new Snapshot(folder, false, null, List.of(), List.of());
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
            return new Snapshot(folder, true, IoFailures.reason(io), List.of(), List.of());
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<InputFile> files = new ArrayList<>();
        List<PassedOver> passed = new ArrayList<>();
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".") || name.startsWith("~$")) {
                continue; // hidden files and Excel's lock files are never inputs
            }
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
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
                if (modified.isAfter(now.minus(settleTime))) {
                    passed.add(new PassedOver(name, "modified less than " + settleTime.toSeconds()
                            + " s ago, may still be being written: skipped this run"));
                    continue;
                }
                files.add(new InputFile(files.size() + 1, name, target, Files.size(target), sha256Of(target), null));
            } catch (IOException e) {
                // e.g. a file another account dropped with mode 600: the others are still read, and the run ends 66
                files.add(unreadable(files.size() + 1, name, target, e));
            }
        }
        return new Snapshot(folder, true, null, List.copyOf(files), List.copyOf(passed));
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
