package io.merklebench.backends.mem;

import io.merklebench.core.Bytes;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** {@code mem}: a sorted in-memory map per directory name, kept for the life of the JVM. No options. */
public final class MemStoreFactory implements StoreFactory {
    public static final String NAME = "mem";

    /** Contents by normalised absolute directory, so a store reopened in the same JVM sees what was committed. */
    private static final ConcurrentHashMap<Path, ConcurrentSkipListMap<byte[], byte[]>> CONTENTS_BY_DIRECTORY =
        new ConcurrentHashMap<>();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "in-memory sorted map (no files, no syncs); contents live until the JVM exits";
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public KvStore open(final Path directory, final StoreOptions options) {
        options.requireOnly(NAME, Set.of());
        final Path key = canonical(directory);
        return new MemStore(directory, CONTENTS_BY_DIRECTORY.computeIfAbsent(
            key, ignored -> new ConcurrentSkipListMap<>(Bytes.UNSIGNED_ORDER)));
    }

    @Override
    public void destroy(final Path directory) {
        CONTENTS_BY_DIRECTORY.remove(canonical(directory));
        StoreFactory.deleteRecursively(directory);
    }

    private static Path canonical(final Path directory) {
        return directory.toAbsolutePath().normalize();
    }
}
