package io.merklebench.cli;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.registry.StoreIdentity;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.store.StoreOptions;

import java.nio.file.Path;

/**
 * What {@code mbench inspect} and {@code mbench verify} share: the store directory the user named, its identity
 * (which store and engine to open, so neither command takes {@code --store} or {@code --engine}), and the tree opened
 * read-only ({@link Registry#openTreeReadOnly}). An open that fails in a way the store or engine did not word for the
 * user (an exception from decoding damaged bytes) is reported as a {@link StoreException} naming the directory, so
 * the user sees one line and a non-zero exit, never a stack trace or "ok".
 */
final class ReadOnlyStoreDirectory {
    private final Path directory;
    private final StoreIdentity.Recorded identity;

    ReadOnlyStoreDirectory(final Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.identity = StoreIdentity.of(this.directory);
    }

    Path directory() {
        return directory;
    }

    StoreIdentity.Recorded identity() {
        return identity;
    }

    /** How the store keeps its files unchanged while open: the store's own words. */
    String readOnlyMethod() {
        return Registry.store(identity.store()).readOnlyMethod();
    }

    /** {@code store=lmdb engine=heap directory=/d}: how messages name this store. */
    String describe() {
        return "store=" + identity.store() + " engine=" + identity.engine() + " directory=" + directory;
    }

    MerkleTree openTree(final StoreOptions storeOptions) {
        try {
            return Registry.openTreeReadOnly(directory, storeOptions);
        } catch (final IllegalArgumentException | IllegalStateException | StoreException e) {
            throw e;
        } catch (final RuntimeException e) {
            throw new StoreException(describe() + " could not be opened (damaged data?): " + e);
        }
    }
}
