package io.merklebench.backends.leveldb;

import io.merklebench.backends.support.DirectoryLock;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.WriteBatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The read-only open of a LevelDB store: LevelDB (leveldbjni 1.8) has no read-only mode; every open takes its
 * {@code LOCK}, rotates {@code LOG} and may write a new MANIFEST, log and table while it recovers. So the store's
 * files are copied to a temporary directory, the copy is opened normally, and the copy is deleted at close; the
 * original is only read, under a shared {@link DirectoryLock} so that no writer of this toolkit changes it during
 * the copy or the reads. The copy costs the store's size in the temporary directory and the time to copy it.
 * Errors name the original directory. Thread-safe as {@link LevelDbStore}.
 */
final class LevelDbCopyStore implements KvStore {
    private final Path directory;
    private final Path copy;
    private final DirectoryLock sharedLock;
    private final LevelDbStore store;

    private LevelDbCopyStore(final Path directory, final Path copy, final DirectoryLock sharedLock,
                             final LevelDbStore store) {
        this.directory = directory;
        this.copy = copy;
        this.sharedLock = sharedLock;
        this.store = store;
    }

    static LevelDbCopyStore open(final Path directory, final LevelDbSettings settings) {
        final DirectoryLock sharedLock = DirectoryLock.acquireShared(LevelDbStoreFactory.NAME, directory);
        Path copy = null;
        try {
            if (!Files.isRegularFile(directory.resolve("CURRENT"))) {
                throw new StoreException("leveldb holds no CURRENT file in " + directory.toAbsolutePath());
            }
            copy = Files.createTempDirectory("mbench-leveldb-readonly-");
            copyFiles(directory, copy);
            final LevelDbStore store = LevelDbStore.open(copy, settings);
            return new LevelDbCopyStore(directory, copy, sharedLock, store);
        } catch (final IOException | RuntimeException e) {
            deleteCopy(copy);
            sharedLock.close();
            if (e instanceof StoreException storeException) {
                throw new StoreException(named(storeException.getMessage(), copy, directory));
            }
            throw new StoreException("leveldb could not copy " + directory.toAbsolutePath() + " to open it read-only", e);
        }
    }

    /** The store's own files (not the toolkit's lock, which the copy gets anew), flat: LevelDB has no subdirectories. */
    private static void copyFiles(final Path from, final Path to) throws IOException {
        final List<Path> files;
        try (Stream<Path> listing = Files.list(from)) {
            files = listing.filter(Files::isRegularFile)
                .filter(file -> !file.getFileName().toString().equals(DirectoryLock.LOCK_FILE_NAME))
                .toList();
        }
        for (final Path file : files) {
            Files.copy(file, to.resolve(file.getFileName()));
        }
    }

    private static void deleteCopy(final Path copy) {
        if (copy != null) {
            try {
                StoreFactory.deleteRecursively(copy);
            } catch (final UncheckedIOException ignored) {
                // a leftover temporary copy is only disk space in the temporary directory
            }
        }
    }

    /** A message about the copy, naming the original directory instead. */
    private static String named(final String message, final Path copy, final Path directory) {
        final String text = copy == null ? message
            : message.replace(copy.toAbsolutePath().toString(), directory.toAbsolutePath().toString());
        return text + " (read from a temporary copy: LevelDB has no read-only open)";
    }

    private StoreException renamed(final StoreException e) {
        return new StoreException(named(e.getMessage(), copy, directory));
    }

    @Override
    public String kind() {
        return store.kind();
    }

    /** The original directory, not the copy. */
    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public byte[] get(final byte[] key) {
        try {
            return store.get(key);
        } catch (final StoreException e) {
            throw renamed(e);
        }
    }

    /** @throws StoreException always: a commit would change only the copy */
    @Override
    public void commit(final WriteBatch batch, final boolean durable) {
        throw new StoreException("leveldb store in " + directory.toAbsolutePath() + " is open read-only (a temporary"
            + " copy): a commit of " + batch.size() + " operations was refused");
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        try {
            store.iterate(fromInclusive, toExclusive, visitor);
        } catch (final StoreException e) {
            throw renamed(e);
        }
    }

    @Override
    public StoreCounters counters() {
        return store.counters();
    }

    @Override
    public Map<String, String> settings() {
        return store.settings();
    }

    @Override
    public String recoveryNote() {
        final String note = store.recoveryNote();
        return note == null ? null : note + " (in the temporary copy; the directory itself is unchanged)";
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            deleteCopy(copy);
            sharedLock.close();
        }
    }
}
