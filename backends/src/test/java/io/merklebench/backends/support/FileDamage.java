package io.merklebench.backends.support;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Damages a store's files the way a bad disk or a stray write would, for tests of what a store does with damage. */
public final class FileDamage {
    private FileDamage() {
    }

    /** Inverts {@code count} bytes of {@code file} from {@code offset}. */
    public static void flipBytes(final Path file, final long offset, final int count) {
        try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
            final byte[] bytes = new byte[count];
            access.seek(offset);
            access.readFully(bytes);
            for (int i = 0; i < count; i++) {
                bytes[i] ^= (byte) 0xff;
            }
            access.seek(offset);
            access.write(bytes);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot damage " + file, e);
        }
    }

    /**
     * Inverts {@code count} bytes in the middle of the largest file in {@code directory} whose name matches
     * {@code nameRegex}, after checking it holds at least {@code minimumBytes} (that the data is really there).
     *
     * @return the damaged file
     */
    public static Path damageLargestInTheMiddle(final Path directory, final String nameRegex, final int count,
                                                final long minimumBytes) {
        final Path file = largestFile(directory, nameRegex);
        final long length = file.toFile().length();
        if (length < minimumBytes) {
            throw new AssertionError(file + " holds " + length + " bytes, fewer than the " + minimumBytes + " expected");
        }
        flipBytes(file, length / 2, count);
        return file;
    }

    /** The largest file in {@code directory} whose name matches {@code nameRegex}. */
    public static Path largestFile(final Path directory, final String nameRegex) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().matches(nameRegex))
                .max(Comparator.comparingLong(file -> file.toFile().length()))
                .orElseThrow(() -> new AssertionError("no file matching " + nameRegex + " in " + directory));
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
