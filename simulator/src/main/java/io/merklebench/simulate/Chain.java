package io.merklebench.simulate;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.simulate.plan.Plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named trees of a simulated chain, one per plan store, each an engine's tree on a store of its own kind in its
 * own directory ({@code <data-dir>/<store name>/}): a version saves every tree, so a durable version costs each tree's
 * syncs (one per tree on rocksdb, leveldb, lmdb and mmap; two on pagefile), as a Cosmos node with one IAVL store per
 * module pays them. Not thread-safe, except what {@link ReaderPool} reads.
 */
final class Chain implements AutoCloseable {
    private final Plan plan;
    private final List<MerkleTree> trees = new ArrayList<>();

    Chain(final Plan plan, final String engine, final String store, final Path dataDirectory) {
        this.plan = plan;
        // Not durable by default: each save says whether it syncs (durability.every), and version deletions (the
        // plan's pruning) never sync, so a version's syncs are its save's.
        final TreeOptions options = TreeOptions.DEFAULTS
            .withDurable(false)
            .withNodeCacheSize(plan.cache().nodes());
        try {
            for (final Plan.Store shape : plan.stores()) {
                trees.add(Registry.openTree(engine, store, dataDirectory.resolve(shape.name()), StoreOptions.DEFAULTS,
                    options));
            }
        } catch (final RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    MerkleTree tree(final int storeIndex) {
        return trees.get(storeIndex);
    }

    int size() {
        return trees.size();
    }

    /** The last saved version (the same in every tree). */
    long lastSavedVersion() {
        return trees.get(0).lastSavedVersion();
    }

    /** Store counters summed over the trees. */
    StoreCounters.Snapshot counters() {
        StoreCounters.Snapshot total = new StoreCounters.Snapshot(0, 0, 0);
        for (final MerkleTree tree : trees) {
            final StoreCounters.Snapshot one = tree.store().counters().snapshot();
            total = new StoreCounters.Snapshot(total.commitCount() + one.commitCount(),
                total.syncCount() + one.syncCount(), total.bytesWritten() + one.bytesWritten());
        }
        return total;
    }

    /** The app hash ({@link AppHash}) over the trees' last saved roots. */
    byte[] appHash(final byte[][] rootHashes) {
        final Map<String, byte[]> byName = new LinkedHashMap<>();
        for (int i = 0; i < trees.size(); i++) {
            byName.put(plan.stores().get(i).name(), rootHashes[i]);
        }
        return AppHash.of(byName);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (final MerkleTree tree : trees) {
            try {
                tree.close();
            } catch (final RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        trees.clear();
        if (first != null) {
            throw first;
        }
    }
}
