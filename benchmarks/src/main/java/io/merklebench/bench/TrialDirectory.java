package io.merklebench.bench;

import io.merklebench.core.registry.Registry;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The fresh directory a trial's store lives in: {@code <data dir>/<BenchmarkParams.id()>-<n>}, where the data dir
 * is the system property {@value #DATA_DIR_PROPERTY} ({@code mbench run} sets it to a folder on the results disk)
 * or, when run from plain JMH, a new temporary directory. Deleted with the store's own {@code destroy} at the end
 * of the trial, so an in-memory store's contents go too.
 */
public final class TrialDirectory {
    /** System property naming the folder trial directories are created in. */
    public static final String DATA_DIR_PROPERTY = "merklebench.dataDir";

    private static final int MAX_NAME_LENGTH = 150;

    private TrialDirectory() {
    }

    /** Creates a new empty directory for one store of this trial; {@code role} tells two stores of one trial apart. */
    public static Path create(final BenchmarkParams params, final String role) {
        final String name = sanitize(params.id() + "-" + role);
        try {
            final Path parent = dataDirectory();
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, name + "-");
        } catch (final IOException e) {
            throw new UncheckedIOException("could not create the benchmark data directory under "
                + dataDirectory().toAbsolutePath() + " (set -D" + DATA_DIR_PROPERTY + " to a writable folder)", e);
        }
    }

    /** Removes the directory and whatever the store keeps for it. Safe to call with {@code null}. */
    public static void destroy(final String storeName, final Path directory) {
        if (directory != null) {
            Registry.store(storeName).destroy(directory);
        }
    }

    /** The folder trial directories are created in: {@value #DATA_DIR_PROPERTY}, else {@code <tmpdir>/mbench-data}. */
    public static Path dataDirectory() {
        final String configured = System.getProperty(DATA_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        return Paths.get(System.getProperty("java.io.tmpdir"), "mbench-data");
    }

    /** Keeps names portable: JMH ids hold '=' and ',' in param lists on some versions. */
    static String sanitize(final String text) {
        final String safe = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.length() <= MAX_NAME_LENGTH ? safe : safe.substring(safe.length() - MAX_NAME_LENGTH);
    }
}
