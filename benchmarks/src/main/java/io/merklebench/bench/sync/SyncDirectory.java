package io.merklebench.bench.sync;

import io.merklebench.bench.TrialDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the sync benchmarks put their files: the data directory {@code mbench run --data-dir} passes as the system
 * property {@value #DATA_DIR_PROPERTY}, else {@value #DEFAULT_DATA_DIR} under the working directory. Never
 * {@code java.io.tmpdir}: /tmp is often tmpfs, and a sync there measures nothing. A directory on a volatile filesystem
 * is refused unless {@value #ALLOW_VOLATILE_PROPERTY}{@code =true}.
 */
public final class SyncDirectory {
    /** The benchmarks' data directory property, shared with the other families' trial directories. */
    public static final String DATA_DIR_PROPERTY = TrialDirectory.DATA_DIR_PROPERTY;
    /** Set to {@code true} to measure on tmpfs anyway (to test the benchmark itself, not a disk). */
    public static final String ALLOW_VOLATILE_PROPERTY = "merklebench.fsync.allowVolatile";
    public static final String DEFAULT_DATA_DIR = "mbench-data";

    private SyncDirectory() {
    }

    /** Creates (if needed) and checks the data directory; returns its absolute path. */
    public static Path resolve() {
        final String configured = System.getProperty(DATA_DIR_PROPERTY);
        final Path directory = (configured == null || configured.isBlank()
            ? Path.of(DEFAULT_DATA_DIR) : Path.of(configured)).toAbsolutePath().normalize();
        try {
            Files.createDirectories(directory);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not create the benchmark data directory (set -D" + DATA_DIR_PROPERTY
                + " to a writable folder on the disk to measure): " + directory, e);
        }
        final SyncFilesystem mount = SyncFilesystem.of(directory);
        if (mount.volatileStorage() && !Boolean.getBoolean(ALLOW_VOLATILE_PROPERTY)) {
            throw new IllegalStateException("the sync benchmarks need a directory on a persistent disk, but "
                + directory + " is on " + mount.describe() + ": set -D" + DATA_DIR_PROPERTY
                + " to a folder on the disk to measure (or -D" + ALLOW_VOLATILE_PROPERTY + "=true to run anyway)");
        }
        return directory;
    }

    /** A new file name in {@code directory} for one trial, e.g. {@code fsync-<id>.dat}. */
    public static Path trialFile(final Path directory, final String trialId) {
        return directory.resolve("fsync-" + trialId.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + ProcessHandle.current().pid()
            + "-" + System.nanoTime() + ".dat");
    }
}
