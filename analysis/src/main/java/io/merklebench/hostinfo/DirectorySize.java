package io.merklebench.hostinfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Bytes a directory takes on disk: the blocks its files have allocated, as POSIX {@code du -sk} reports them. Not
 * the files' lengths: the paged engines' page file is extended sparsely a segment (1 GiB) at a time, so its length
 * says how far it may grow, not what it holds. Java has no portable call for allocated blocks, hence {@code du}.
 */
public final class DirectorySize {
    private static final long DU_TIMEOUT_SECONDS = 60;

    private DirectorySize() {
    }

    /** 0 for {@code null} or a directory that does not exist (an in-memory store creates none). */
    public static long bytes(final Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return 0;
        }
        final ProcessBuilder du = new ProcessBuilder("du", "-sk", directory.toAbsolutePath().toString())
            .redirectErrorStream(true);
        try {
            final Process process = du.start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(DU_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("du -sk " + directory.toAbsolutePath() + " failed: " + output);
            }
            return Long.parseLong(output.split("\\s+", 2)[0]) * 1024;
        } catch (final IOException e) {
            throw new UncheckedIOException("could not run du to measure " + directory.toAbsolutePath(), e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + directory.toAbsolutePath(), e);
        }
    }
}
