package io.merklebench.heap;

import io.merklebench.core.NodeHashing;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;

import java.util.NavigableSet;

/**
 * The heap engine's versioned tree (cosmos/iavl {@code MutableTree}): a {@link HeapWorkingTree} on top of the last
 * saved version, the saved versions kept in the store, and saving, viewing and deleting them.
 *
 * <p>Opening reads only the version list and the root entry of the last version; nodes load lazily through the
 * bounded node cache ({@link TreeOptions#nodeCacheSize()}, default {@value HeapNodeCache#DEFAULT_CAPACITY}).
 *
 * <p>Owns its store. Not thread-safe, except that views may be read from other threads while nobody calls
 * {@code save}, {@code deleteVersion} or {@code close}. Keeps the key and value arrays passed to {@code set}.
 */
final class HeapTree implements MerkleTree {
    /** How many saved versions an unknown-version message lists before it abbreviates. */
    private static final int VERSIONS_LISTED_IN_ERRORS = 10;

    private final HeapNodeStore nodes;
    private final TreeOptions options;
    private final NavigableSet<Long> savedVersions;
    private final Runnable openCheck = this::ensureOpen;
    /** Hashes the working tree's dirty nodes; working copies get their own, as they may live on another thread. */
    private final NodeHashing hashing = new NodeHashing();
    private long lastSavedVersion;
    /** The root of {@link #lastSavedVersion}, or {@code null} for an empty tree or before the first save. */
    private HeapNode savedRoot;
    private HeapWorkingTree working;
    private boolean closed;

    HeapTree(final KvStore store, final TreeOptions options) {
        this.options = options;
        this.nodes = HeapNodeStore.open(store,
            options.nodeCacheSize() == 0 ? HeapNodeCache.DEFAULT_CAPACITY : options.nodeCacheSize());
        this.savedVersions = nodes.readSavedVersions();
        if (savedVersions.isEmpty()) {
            lastSavedVersion = options.initialVersion() - 1;
            savedRoot = null;
        } else {
            lastSavedVersion = savedVersions.last();
            savedRoot = nodes.readRoot(lastSavedVersion);
        }
        working = newWorkingTree();
    }

    @Override
    public String engine() {
        return HeapEngine.NAME;
    }

    @Override
    public KvStore store() {
        return nodes.kvStore();
    }

    @Override
    public long lastSavedVersion() {
        return lastSavedVersion;
    }

    @Override
    public byte[] save() {
        ensureOpen();
        final long version = lastSavedVersion + 1;
        final HeapNode root = working.rootNode();
        final byte[] rootHash = root == null
            ? NodeHashing.emptyTreeHash() : root.hash(working.hashing(), nodes).clone();
        nodes.saveVersion(version, root, working.orphans(), savedVersions.isEmpty(), options.durable());
        savedVersions.add(version);
        lastSavedVersion = version;
        savedRoot = root;
        working = newWorkingTree();
        pruneToKeepRecent();
        return rootHash;
    }

    @Override
    public void rollback() {
        ensureOpen();
        working = newWorkingTree();
    }

    @Override
    public TreeView view(final long version) {
        ensureOpen();
        requireSaved(version);
        final HeapNode root = version == lastSavedVersion ? savedRoot : nodes.readRoot(version);
        return new HeapTreeView(nodes, version, root, openCheck);
    }

    @Override
    public WorkingTree workingCopy() {
        ensureOpen();
        return new HeapWorkingTree(nodes, savedRoot, lastSavedVersion + 1, null, new NodeHashing(), openCheck);
    }

    @Override
    public long[] savedVersions() {
        ensureOpen();
        return savedVersions.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void deleteVersion(final long version) {
        ensureOpen();
        requireSaved(version);
        if (version == lastSavedVersion) {
            throw new IllegalArgumentException("cannot delete the last saved version: version=" + version);
        }
        nodes.deleteVersion(version, savedVersions.lower(version), options.durable());
        savedVersions.remove(version);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            nodes.kvStore().close();
        }
    }

    // The working tree's reads and writes.

    @Override
    public long version() {
        ensureOpen();
        return working.version();
    }

    @Override
    public byte[] get(final byte[] key) {
        return working.get(key);
    }

    @Override
    public long size() {
        return working.size();
    }

    @Override
    public byte[] rootHash() {
        return working.rootHash();
    }

    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        working.iterate(fromInclusive, toExclusive, visitor);
    }

    @Override
    public NodeView root() {
        return working.root();
    }

    @Override
    public boolean set(final byte[] key, final byte[] value) {
        return working.set(key, value);
    }

    @Override
    public boolean remove(final byte[] key) {
        return working.remove(key);
    }

    /** The node cache, for tests and memory reports. */
    HeapNodeCache nodeCache() {
        return nodes.cache();
    }

    /**
     * Deletes saved versions older than the {@link TreeOptions#keepRecent()} latest. These commits never sync: if a
     * crash loses one, the version is still complete in the store and the next save deletes it again, so a save
     * costs one sync however much it prunes.
     */
    private void pruneToKeepRecent() {
        if (options.keepRecent() == 0) {
            return;
        }
        final long oldestKept = lastSavedVersion - options.keepRecent() + 1;
        while (savedVersions.first() < oldestKept) {
            final long version = savedVersions.first();
            nodes.deleteVersion(version, savedVersions.lower(version), false);
            savedVersions.remove(version);
        }
    }

    private HeapWorkingTree newWorkingTree() {
        return new HeapWorkingTree(nodes, savedRoot, lastSavedVersion + 1, new HeapOrphanList(), hashing, openCheck);
    }

    private void requireSaved(final long version) {
        if (!savedVersions.contains(version)) {
            throw new IllegalArgumentException("unknown version: version=" + version + "; saved versions: "
                + describeSavedVersions());
        }
    }

    private String describeSavedVersions() {
        if (savedVersions.isEmpty()) {
            return "none";
        }
        if (savedVersions.size() <= VERSIONS_LISTED_IN_ERRORS) {
            return savedVersions.toString();
        }
        final long span = savedVersions.last() - savedVersions.first() + 1;
        return savedVersions.first() + ".." + savedVersions.last() + " (" + savedVersions.size() + " versions"
            + (span == savedVersions.size() ? ")" : ", some in between deleted)");
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("heap tree is closed: store=" + nodes.kvStore().kind() + " directory="
                + nodes.kvStore().directory().toAbsolutePath());
        }
    }
}
