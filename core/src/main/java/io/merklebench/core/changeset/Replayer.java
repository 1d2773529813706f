package io.merklebench.core.changeset;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;

import java.util.Arrays;

/**
 * Applies a changeset to a tree: sets and deletes go to the working tree, each {@code commit} saves a version.
 * A commit with an expected hash is checked <em>before</em> saving, so a mismatching version is never saved; a
 * malformed line stops the replay before anything after it is applied.
 */
public final class Replayer {
    private final MerkleTree tree;
    /** Sets and deletes after the last commit of the last replay: applied to the working tree, never saved. */
    private long uncommittedOperations;

    public Replayer(final MerkleTree tree) {
        this.tree = tree;
    }

    /** Called after each saved version. */
    @FunctionalInterface
    public interface CommitListener {
        void saved(long version, byte[] rootHash, long lineNumber);
    }

    /**
     * Replays every operation of {@code changeset}.
     *
     * @return the number of versions saved
     * @throws ChangesetException        for a malformed line (nothing past it applied)
     * @throws RootHashMismatchException for a commit whose expected hash differs (that version not saved)
     */
    public long replay(final ChangesetReader changeset, final CommitListener listener) {
        long savedCount = 0;
        uncommittedOperations = 0;
        Operation operation;
        while ((operation = changeset.next()) != null) {
            switch (operation.kind()) {
                case SET -> {
                    tree.set(operation.key(), operation.value());
                    uncommittedOperations++;
                }
                case DELETE -> {
                    tree.remove(operation.key());
                    uncommittedOperations++;
                }
                case COMMIT -> {
                    uncommittedOperations = 0;
                    final long version = tree.lastSavedVersion() + 1;
                    if (operation.expectedHash() != null) {
                        requireHashingEngine(changeset, operation);
                        final byte[] actual = tree.rootHash();
                        if (!Arrays.equals(actual, operation.expectedHash())) {
                            throw new RootHashMismatchException(
                                changeset.source(), operation.lineNumber(), version, operation.expectedHash(), actual);
                        }
                    }
                    final byte[] rootHash = tree.save();
                    savedCount++;
                    listener.saved(version, rootHash, operation.lineNumber());
                }
            }
        }
        return savedCount;
    }

    /**
     * The sets and deletes the last {@link #replay} applied after its last commit: a changeset that does not end with
     * {@code commit} leaves them unsaved, which its reader should be told.
     */
    public long uncommittedOperations() {
        return uncommittedOperations;
    }

    /** An expected root cannot be checked against an engine without hashes ({@code flat}): say so. */
    private void requireHashingEngine(final ChangesetReader changeset, final Operation commit) {
        final TreeEngine engine = Registry.engine(tree.engine());
        if (TreeEngine.HASH_SCHEME_NONE.equals(engine.hashScheme())) {
            throw new ChangesetException(changeset.source(), commit.lineNumber(), "commit expects a root hash, but"
                + " engine " + engine.name() + " has no root hash (hash scheme none); replay it with an engine that"
                + " hashes, or drop the expected roots");
        }
    }
}
