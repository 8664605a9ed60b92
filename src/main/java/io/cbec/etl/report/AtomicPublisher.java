package io.cbec.etl.report;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.LinkOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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
        stage(target, writer).publish();
    }

    /**
     * Runs {@code writer} on a fresh temp file beside {@code target} and keeps it there, unpublished. Files that
     * belong together (a report and its data-quality workbook) are all staged before any is published
     * ({@link #publishTogether}): a full disk then fails a write before any target changed, never between two of
     * them. On failure the temp file is deleted and the exception propagates.
     */
    public static Staged stage(Path target, IOConsumer<Path> writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        Path temp = tempFileFor(target);
        try {
            writer.accept(temp);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        }
        return new Staged(temp, target);
    }

    /** A written temp file waiting to replace its target: {@link #publish()} it, or {@link #discard()} it. */
    public record Staged(Path temp, Path target) {

        /** Renames the temp file over the target ({@link AtomicPublisher#publish}); on failure it is deleted. */
        public void publish() throws IOException {
            AtomicPublisher.publish(temp, target);
        }

        /** Deletes the temp file unless it was published; the target stays as it was. */
        public void discard() {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a temp file left behind is swept at the next start (sweepStaleTemps)
            }
        }
    }

    /**
     * Publishes staged files as one: each is renamed over its target in turn and, should a rename fail, the
     * targets already replaced are put back as they were (from a hard link to each, kept until then) or removed
     * where there was none, so that the folder holds all the new files or all the previous ones: a report and
     * the data-quality workbook beside it always belong together. On a file system without hard links a
     * replaced target cannot be put back; the exception is then a {@link PartlyPublished} naming it.
     */
    public static void publishTogether(List<Staged> staged) throws IOException {
        List<Previous> previous = new ArrayList<>();
        try {
            for (Staged s : staged) {
                previous.add(Previous.keep(s.target()));
            }
            for (int i = 0; i < staged.size(); i++) {
                try {
                    staged.get(i).publish();
                } catch (IOException | RuntimeException | Error e) {
                    List<Path> left = new ArrayList<>();
                    for (int j = i - 1; j >= 0; j--) {
                        if (!previous.get(j).putBack(e)) {
                            left.add(staged.get(j).target());
                        }
                    }
                    if (!left.isEmpty() && e instanceof IOException io) {
                        throw new PartlyPublished(left, io);
                    }
                    throw e;
                }
            }
        } finally {
            previous.forEach(Previous::forget);
        }
    }

    /** A failed {@link #publishTogether} that left some targets replaced: which ones, and the failure. */
    public static final class PartlyPublished extends IOException {
        private final transient List<Path> published;

        PartlyPublished(List<Path> published, IOException failure) {
            super(failure.getMessage(), failure);
            this.published = List.copyOf(published);
        }

        public List<Path> published() {
            return published;
        }

        public IOException failure() {
            return (IOException) getCause();
        }
    }

    /** What a target was before {@link #publishTogether} replaced it: nothing, or a file kept by a hard link. */
    private record Previous(Path target, boolean existed, Path link) {

        static Previous keep(Path target) {
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                return new Previous(target, false, null);
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                return new Previous(target, true, null); // a folder in the way: its rename fails, nothing to put back
            }
            Path link = tempNameFor(target);
            try {
                // named like a temp file, so that a run killed right now leaves nothing the next start won't sweep
                Files.createLink(link, target);
                return new Previous(target, true, link);
            } catch (IOException | UnsupportedOperationException e) {
                return new Previous(target, true, null);
            }
        }

        /** Restores the target as it was; false when it cannot (no hard link, or the rename back failed). */
        boolean putBack(Throwable failure) {
            try {
                if (!existed) {
                    Files.deleteIfExists(target);
                    return true;
                }
                if (link == null) {
                    return false;
                }
                Files.move(link, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return true;
            } catch (IOException e) {
                failure.addSuppressed(e);
                return false;
            }
        }

        void forget() {
            if (link != null) {
                try {
                    Files.deleteIfExists(link);
                } catch (IOException e) {
                    // swept at the next start (sweepStaleTemps)
                }
            }
        }
    }

    /**
     * Creates an empty temp file in {@code target}'s folder, e.g.
     * {@code .cbec-report-2024-01-31.xlsx.3f9a0c1d2e4b5a69.tmp} for {@code cbec-report-2024-01-31.xlsx}.
     * Same folder, because only a rename within one file system is atomic.
     */
    public static Path tempFileFor(Path target) throws IOException {
        while (true) {
            // Files.createFile rather than createTempFile: the latter makes the file owner-only (0600),
            // and the rename would carry that to the published report; createFile honours the umask.
            try {
                return Files.createFile(tempNameFor(target));
            } catch (FileAlreadyExistsException e) {
                // 64 random bits collided: try another name
            }
        }
    }

    /** A fresh temp file name beside {@code target} (see {@link #tempFileFor}); the file is not created. */
    private static Path tempNameFor(Path target) {
        Path absolute = target.toAbsolutePath();
        String name = absolute.getFileName().toString();
        String prefix = name.startsWith("cbec-") ? "." + name : TEMP_PREFIX + name;
        return absolute.getParent().resolve(prefix + "." + randomHex() + TEMP_SUFFIX);
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
