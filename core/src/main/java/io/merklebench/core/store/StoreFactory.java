package io.merklebench.core.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Opens one kind of {@link KvStore}. Implementations are found by {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.merklebench.core.store.StoreFactory}), so a new store is one class plus one line.
 */
public interface StoreFactory {
    /** The name users type ({@code --store rocksdb}) and results carry. Lower case, no spaces. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** Whether the data outlives the process (false for {@code mem}). */
    boolean persistent();

    /**
     * Whether the store holds one engine's tree pages instead of key-value entries. Such a store ({@code pagefile},
     * the paged engines' page file) gives the engine a locked directory, counters and settings, and the engine writes
     * its own files there; its {@link KvStore} holds no entries and refuses gets and commits. Only an engine that
     * {@linkplain io.merklebench.core.tree.TreeEngine#usesPageStores() uses page stores} can open a tree on it, and no
     * store benchmark can use it: {@link io.merklebench.core.registry.Registry#canUse} is the one place that applies
     * this rule. Default: false, an ordered key-value store every engine can use.
     */
    default boolean holdsTreePages() {
        return false;
    }

    /**
     * Opens (creating if needed) the store whose files live under {@code directory}.
     *
     * @throws IllegalArgumentException for an unknown or malformed option
     * @throws StoreException when the directory cannot be used, naming it
     */
    KvStore open(Path directory, StoreOptions options);

    /**
     * Opens the existing store under {@code directory} for reading only, for {@code mbench inspect} and
     * {@code mbench verify}: no file under the directory may change, neither its bytes nor its modification time, and
     * no file may be created there (no lock file, no log, no recovery). A store whose library cannot open read-only
     * may open a temporary copy instead and says so in {@link #readOnlyMethod()}. The store's commits are refused
     * ({@link io.merklebench.core.registry.Registry#openTreeReadOnly} wraps it in a {@link ReadOnlyStore}); a writer
     * of this toolkit cannot open the directory while it is open (a shared lock where the store locks at all).
     * Default: refused, for a store that cannot do it.
     *
     * @throws StoreException when there is no such store in the directory, it is damaged, or it is open for writing
     */
    default KvStore openReadOnly(final Path directory, final StoreOptions options) {
        throw new StoreException("store " + name() + " cannot be opened read-only: " + readOnlyMethod());
    }

    /**
     * How {@link #openReadOnly} leaves the files unchanged, in one line that {@code inspect} and {@code verify}
     * print ({@code "RocksDB's read-only open"}, {@code "a temporary copy: LevelDB has no read-only open"}).
     */
    default String readOnlyMethod() {
        return "this store has no read-only open";
    }

    /** Removes the store's data for good: its directory and, for in-memory stores, what they keep in the JVM. */
    default void destroy(final Path directory) {
        deleteRecursively(directory);
    }

    static void deleteRecursively(final Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (final IOException e) {
                    throw new UncheckedIOException("could not delete store file: " + path.toAbsolutePath(), e);
                }
            });
        } catch (final IOException e) {
            throw new UncheckedIOException("could not list store directory: " + directory.toAbsolutePath(), e);
        }
    }
}
