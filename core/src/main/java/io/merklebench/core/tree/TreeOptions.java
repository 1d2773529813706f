package io.merklebench.core.tree;

/**
 * How a tree is opened.
 *
 * @param initialVersion the number of the first saved version (IAVL's {@code InitialVersion}); at least 1
 * @param durable        whether {@code save} commits to the store with a sync
 * @param keepRecent     how many latest versions to keep readable; older ones are deleted at {@code save}.
 *                       0 keeps every version (IAVL's default)
 * @param nodeCacheSize  bound on decoded nodes an engine keeps in memory beyond the working tree (0: engine default)
 */
public record TreeOptions(long initialVersion, boolean durable, int keepRecent, int nodeCacheSize) {
    public static final TreeOptions DEFAULTS = new TreeOptions(1, true, 0, 0);

    public TreeOptions {
        if (initialVersion < 1) {
            throw new IllegalArgumentException("initialVersion must be at least 1: initialVersion=" + initialVersion);
        }
        if (keepRecent < 0) {
            throw new IllegalArgumentException("keepRecent must be 0 (keep all) or positive: keepRecent=" + keepRecent);
        }
        if (nodeCacheSize < 0) {
            throw new IllegalArgumentException("nodeCacheSize must be 0 (default) or positive: nodeCacheSize=" + nodeCacheSize);
        }
    }

    public TreeOptions withInitialVersion(final long version) {
        return new TreeOptions(version, durable, keepRecent, nodeCacheSize);
    }

    public TreeOptions withDurable(final boolean durableSave) {
        return new TreeOptions(initialVersion, durableSave, keepRecent, nodeCacheSize);
    }

    public TreeOptions withKeepRecent(final int versions) {
        return new TreeOptions(initialVersion, durable, versions, nodeCacheSize);
    }

    public TreeOptions withNodeCacheSize(final int nodes) {
        return new TreeOptions(initialVersion, durable, keepRecent, nodes);
    }
}
