package io.merklebench.backends.group;

/**
 * Told by a {@link GroupCommitter} about each group it is about to commit, for metrics (group-size histograms) and
 * for tests that need to hold a group open while others queue up behind it.
 *
 * <p>Called on the leader thread, outside the committer's lock, right before the merged batch goes to the store. Every
 * caller in the group waits while this runs, so a listener that blocks delays all of them (and nothing else: requests
 * arriving meanwhile queue for the next group). An exception thrown here fails the whole group, like a failed sync.
 */
@FunctionalInterface
public interface GroupCommitListener {
    /** Does nothing; the default. */
    GroupCommitListener NONE = (groupSequence, batchCount, operationCount) -> { };

    /**
     * @param groupSequence  1 for the committer's first group, then 2, 3, ...
     * @param batchCount     caller batches merged into this group (at least 1)
     * @param operationCount puts and deletes in the merged batch
     */
    void beforeCommit(long groupSequence, int batchCount, int operationCount);
}
