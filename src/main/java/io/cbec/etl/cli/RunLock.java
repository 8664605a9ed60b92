package io.cbec.etl.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * An exclusive OS lock on the state folder, held for the whole run. The OS drops it when the process
 * dies, so a killed run never leaves a lock behind; the file keeps the holder's pid and start time only
 * so that a second run can say who holds it.
 */
public final class RunLock implements AutoCloseable {

    static final String FILE_NAME = "run.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process holds it. */
    public static Optional<RunLock> tryAcquire(Path stateDir) throws IOException {
        Path file = stateDir.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        String holder = "pid " + ProcessHandle.current().pid() + " since " + Instant.now() + "\n";
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return Optional.of(new RunLock(channel, lock));
    }

    /** Who holds the lock, as its holder wrote it ("pid 123 since 2024-...") or "unknown". */
    public static String holder(Path stateDir) {
        try {
            String text = Files.readString(stateDir.resolve(FILE_NAME), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "unknown" : text;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
