package io.merklebench.cli;

import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options of the commands that read a store directory back without writing ({@code inspect}, {@code verify}):
 * which directory, and the store settings of the read-only open. A picocli mixin.
 */
final class StoreDirectoryOptions {
    @Option(names = "--dir", required = true, paramLabel = "DIR",
        description = "store directory, as given to 'mbench replay --dir' (it must hold merklebench.identity)")
    private Path directory;

    @Option(names = "--store-options", defaultValue = "", paramLabel = "NAME=VALUE,...",
        description = "store-specific settings for the read-only open, e.g. mapSizeBytes=... for lmdb (default: the"
            + " store's defaults; they do not change what is read)")
    private String storeOptions;

    /** The directory with its identity read (refused when it has none). */
    ReadOnlyStoreDirectory storeDirectory() {
        return new ReadOnlyStoreDirectory(directory);
    }

    /** Opens {@code store}'s tree read-only with the given store settings. */
    MerkleTree openTree(final ReadOnlyStoreDirectory store) {
        return store.openTree(StoreOptions.parse(storeOptions));
    }
}
