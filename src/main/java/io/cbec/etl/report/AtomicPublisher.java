package io.cbec.etl.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Publishes output files so that readers see the old file or the new one, never half of one: write
 * to a temp file in the target's folder, force it to disk, then rename it over the target in one step.
 * A failure leaves the previous target untouched and deletes the temp file. Temp files are named
 * {@code .cbec-<target name>.<random>.tmp}, hidden on Unix, so that {@link #sweepStaleTemps(Path)} can
 * remove what a killed run left behind.
 */
public final class AtomicPublisher {

    static final String TEMP_PREFIX = ".cbec-";
    static final String TEMP_SUFFIX = ".tmp";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicPublisher() {
    }

    /**
     * Runs {@code writer} on a fresh temp file beside {@code target}, then {@link #publish}es it. On any
     * failure the temp file is deleted and the exception propagates; the target is untouched.
     */
    public static void writeAtomically(Path target, IOConsumer<Path> writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        Path temp = tempFileFor(target);
        try {
            writer.accept(temp);
            publish(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /**
     * Creates an empty temp file in {@code target}'s folder, e.g.
     * {@code .cbec-report-2024-01-31.xlsx.3f9a0c1d2e4b5a69.tmp} for {@code cbec-report-2024-01-31.xlsx}.
     * Same folder, because only a rename within one file system is atomic.
     */
    public static Path tempFileFor(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        String name = absolute.getFileName().toString();
        String prefix = name.startsWith("cbec-") ? "." + name : TEMP_PREFIX + name;
        while (true) {
            // Files.createFile rather than createTempFile: the latter makes the file owner-only (0600),
            // and the rename would carry that to the published report; createFile honours the umask.
            Path temp = folder.resolve(prefix + "." + randomHex() + TEMP_SUFFIX);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                // 64 random bits collided: try another name
            }
        }
    }

    /**
     * Forces {@code source} to disk and renames it over {@code target} atomically (replacing it).
     * {@code source} must be in {@code target}'s folder (see {@link #tempFileFor}); it is deleted if
     * publishing fails. There is no non-atomic fallback: a file system without atomic rename fails.
     */
    public static void publish(Path source, Path target) throws IOException {
        Path absoluteSource = source.toAbsolutePath().normalize();
        Path absoluteTarget = target.toAbsolutePath().normalize();
        try {
            if (!Objects.equals(absoluteSource.getParent(), absoluteTarget.getParent())) {
                throw new IOException("Cannot publish " + source + " as " + target
                        + ": an atomic move needs both in the same folder");
            }
            try (FileChannel channel = FileChannel.open(absoluteSource, StandardOpenOption.WRITE)) {
                channel.force(true); // the data must be on disk before the rename makes it visible
            }
            Files.move(absoluteSource, absoluteTarget, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(absoluteSource, e);
            throw e;
        }
        forceFolder(absoluteTarget.getParent());
    }

    /**
     * Deletes temp files ({@code .cbec-*.tmp}) left in {@code folder} by a run that died; answers how
     * many. Call it only while holding the run lock, or it may delete a live run's temp file.
     */
    public static int sweepStaleTemps(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(folder, TEMP_PREFIX + "*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                if (Files.isRegularFile(temp, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(temp)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Makes the rename itself durable; best effort, as some systems (Windows) cannot open folders. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // The file is published; only its survival of a power cut right now is less certain.
        }
    }

    private static void deleteQuietly(Path temp, Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    private static String randomHex() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
