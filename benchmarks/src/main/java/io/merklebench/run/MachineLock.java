package io.merklebench.run;

import io.merklebench.analysis.cli.UserErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One measuring command at a time on a machine: {@code mbench run} and {@code mbench simulate} hold an exclusive lock
 * on {@value #FILE_NAME} in the temporary directory for as long as they measure. Two runs at once measure each other
 * (and JMH's own lock failed every case of the second one); the second is refused at start with the first one's PID,
 * command and results folder, which the holder writes into the file. The operating system releases the lock when
 * the holder exits, however it exits, so a killed run leaves nothing to clean up. Not thread-safe.
 *
 * <p>The lock is the machine's, not one user's: the file is readable and writable by every user (as JMH does with
 * its {@code /tmp/jmh.lock}), since an exclusive lock needs a file open for writing, and a file only its creator may
 * write would make every other user's run fail at start (two users on one host, like the fleet test's hosts).
 * The file is opened without {@code O_CREAT} when it exists, so that {@code fs.protected_regular} (which refuses
 * {@code O_CREAT} on another user's file in a sticky directory) does not refuse it either.
 */
public final class MachineLock implements AutoCloseable {
    static final String FILE_NAME = "mbench-measuring.lock";
    private static final java.util.Set<PosixFilePermission> EVERY_USER_READ_WRITE =
        PosixFilePermissions.fromString("rw-rw-rw-");

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
            channel = open(file);
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
        } catch (final AccessDeniedException e) {
            throw new UserErrors.UserException("cannot take the measuring lock " + file + ": user "
                + System.getProperty("user.name") + " may not write it (another user created it before mbench made"
                + " the lock every user's); its owner or root can share it: chmod 666 " + file);
        } catch (final IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("could not open the lock file " + file, e);
        } catch (final RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Opens the lock file, creating it for every user when it is missing; shares one its owner opens. */
    private static FileChannel open(final Path file) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (final NoSuchFileException missing) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            } catch (final FileAlreadyExistsException createdMeanwhile) {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            }
        }
        shareWithEveryUser(file);
        return channel;
    }

    /**
     * Makes the file every user's when this user may (its owner, or root): new files get the umask's mode, and files
     * of older versions were left at 644. Another user's file is left as it is: it is writable, or open failed.
     */
    private static void shareWithEveryUser(final Path file) {
        try {
            if (!Files.getPosixFilePermissions(file).equals(EVERY_USER_READ_WRITE)) {
                Files.setPosixFilePermissions(file, EVERY_USER_READ_WRITE);
            }
        } catch (final IOException | UnsupportedOperationException notOwnerOrNotPosix) {
            // the lock works for this user; sharing it is its owner's to do
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
