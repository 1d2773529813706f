package io.merklebench.core.tree;

/**
 * How a tree is opened.
 *
 * <p>{@code keepRecent} counts heights (version numbers), not kept versions: a version deleted with
 * {@code deleteVersion} inside the window leaves a gap that no older version fills. With {@code keepRecent=3},
 * versions 2 and 4 kept (3 deleted) and version 5 saved, the tree keeps 4 and 5, not 2, 4 and 5. That is how the
 * Cosmos SDK prunes IAVL stores: at a commit of height {@code h} its pruning manager ({@code store/pruning},
 * {@code GetPruningHeight}) deletes every version up to {@code h - K - 1} for {@code pruning-keep-recent=K},
 * whatever was deleted before. Two differences: the SDK's {@code K} counts the versions kept <em>before</em> the
 * latest, {@code keepRecent} here includes the latest (SDK {@code pruning-keep-recent=K} is {@code keepRecent=K+1});
 * and the SDK prunes every {@code pruning-interval} commits, an engine at every save.
 *
 * @param initialVersion the number of the first saved version (IAVL's {@code InitialVersion}); at least 1
 * @param durable        whether {@code save} commits to the store with a sync
 * @param keepRecent     how far back from the latest version saved versions stay readable, by height: the save of
 *                       version {@code v} deletes every saved version up to {@code v - keepRecent}, so the kept ones
 *                       lie in {@code v - keepRecent + 1 .. v} (see above). 0 keeps every version (IAVL's default)
 * @param nodeCacheSize  bound on decoded nodes an engine keeps in memory beyond the working tree (0: engine default)
 * @param nodeChecks     whether every node the engine reads back from its store is checked against the hash that
 *                       refers to it (its parent's, or the version's root entry), so damage below a trusted root is
 *                       an error instead of a wrong answer: {@link NodeChecks#ENGINE_DEFAULT} leaves it to the engine,
 *                       on where its cost is small ({@link #checkNodes(boolean)}); what each engine checks, when, and
 *                       what it costs is in {@code docs/damage.md}
 */
public record TreeOptions(long initialVersion, boolean durable, int keepRecent, int nodeCacheSize,
                          NodeChecks nodeChecks, boolean fastIndex) {
    public static final TreeOptions DEFAULTS = new TreeOptions(1, true, 0, 0, NodeChecks.ENGINE_DEFAULT, false);

    /** Whether nodes read back from the store are checked against their parent's hash. */
    public enum NodeChecks {
        /** As the engine decides: on where the check costs little (see {@code docs/damage.md}). */
        ENGINE_DEFAULT,
        ON,
        OFF
    }

    public TreeOptions {
        if (initialVersion < 1) {
            throw new IllegalArgumentException("initialVersion must be at least 1: initialVersion=" + initialVersion);
        }
        if (keepRecent < 0) {
            throw new IllegalArgumentException("keepRecent must be 0 (keep all) or positive: keepRecent=" + keepRecent);
        }
        if (nodeChecks == null) {
            throw new IllegalArgumentException("nodeChecks must be given: ENGINE_DEFAULT, ON or OFF");
        }
        if (nodeCacheSize < 0) {
            throw new IllegalArgumentException("nodeCacheSize must be 0 (default) or positive: nodeCacheSize=" + nodeCacheSize);
        }
    }

    public TreeOptions withInitialVersion(final long version) {
        return new TreeOptions(version, durable, keepRecent, nodeCacheSize, nodeChecks, fastIndex);
    }

    public TreeOptions withDurable(final boolean durableSave) {
        return new TreeOptions(initialVersion, durableSave, keepRecent, nodeCacheSize, nodeChecks, fastIndex);
    }

    public TreeOptions withKeepRecent(final int versions) {
        return new TreeOptions(initialVersion, durable, versions, nodeCacheSize, nodeChecks, fastIndex);
    }

    public TreeOptions withNodeCacheSize(final int nodes) {
        return new TreeOptions(initialVersion, durable, keepRecent, nodes, nodeChecks, fastIndex);
    }

    public TreeOptions withCheckNodes(final boolean check) {
        final NodeChecks checks = check ? NodeChecks.ON : NodeChecks.OFF;
        return new TreeOptions(initialVersion, durable, keepRecent, nodeCacheSize, checks, fastIndex);
    }

    public TreeOptions withFastIndex(final boolean keepIndex) {
        return new TreeOptions(initialVersion, durable, keepRecent, nodeCacheSize, nodeChecks, keepIndex);
    }

    /** Whether the engine checks nodes, given what it does by default ({@code engineDefault}). */
    public boolean checkNodes(final boolean engineDefault) {
        return nodeChecks == NodeChecks.ENGINE_DEFAULT ? engineDefault : nodeChecks == NodeChecks.ON;
    }
}
