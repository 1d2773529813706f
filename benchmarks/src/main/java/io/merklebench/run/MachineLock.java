package io.merklebench.run;

import io.merklebench.analysis.cli.UserErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One measuring command at a time on a machine: {@code mbench run} and {@code mbench simulate} hold an exclusive lock
 * on {@value #FILE_NAME} in the temporary directory for as long as they measure. Two runs at once measure each other
 * (and JMH's own lock failed every case of the second one); the second is refused at start with the first one's PID,
 * command and results folder, which the holder writes into the file. The operating system releases the lock when
 * the holder exits, however it exits, so a killed run leaves nothing to clean up. Not thread-safe.
 */
public final class MachineLock implements AutoCloseable {
    static final String FILE_NAME = "mbench-measuring.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(final FileChannel channel, final FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock in the JVM's temporary directory. */
    public static MachineLock acquire(final String command, final Path resultsDirectory) {
        return acquire(Path.of(System.getProperty("java.io.tmpdir")), command, resultsDirectory);
    }

    /**
     * @throws UserErrors.UserException naming the holder, when another process holds the lock
     */
    static MachineLock acquire(final Path directory, final String command, final Path resultsDirectory) {
        final Path file = directory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            final FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (final OverlappingFileLockException e) {
                throw refused(file, channel, command);
            }
            if (lock == null) {
                throw refused(file, channel, command);
            }
            final String holder = "pid=" + ProcessHandle.current().pid() + " command=mbench " + command
                + " results=" + resultsDirectory.toAbsolutePath() + " started="
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n";
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
            return new MachineLock(channel, lock);
        } catch (final IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("could not open the lock file " + file, e);
        } catch (final RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static UserErrors.UserException refused(final Path file, final FileChannel channel, final String command)
        throws IOException {
        final ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
        channel.read(bytes, 0);
        final String holder = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).strip();
        return new UserErrors.UserException("another measuring mbench command is running on this machine ("
            + (holder.isEmpty() ? "holder unknown" : holder) + "; lock " + file + "); two at once would measure"
            + " each other. Wait for it to finish or stop it, then start mbench " + command + " again");
    }

    private static void closeQuietly(final FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (final IOException ignored) {
                // already failing with a better message
            }
        }
    }

    /** Releases the lock; the file stays (deleting it would let a third process lock a different file). */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (final IOException e) {
            throw new UncheckedIOException("could not release the lock file", e);
        }
    }
}
