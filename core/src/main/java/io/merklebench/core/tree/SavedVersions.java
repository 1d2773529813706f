package io.merklebench.core.tree;

import java.util.TreeSet;

/**
 * The saved versions of one tree that are still readable, ascending, and the last version saved: what
 * {@link MerkleTree#savedVersions()} lists, what {@code view} and {@code deleteVersion} check against, and what
 * {@link TreeOptions#keepRecent()} prunes. Owned and changed by {@link AbstractMerkleTree} alone (the changing
 * methods are package-private); an engine reads it to find the neighbours of a version it frees.
 *
 * <p>The last saved version is never deleted, so it is the largest element whenever there is one; before the first
 * save it is {@code initialVersion - 1}. Not thread-safe.
 */
public final class SavedVersions {
    /** What {@link #lower} returns when no smaller version is kept; below every version (they are at least 1). */
    public static final long NONE = Long.MIN_VALUE;
    /** How many versions an unknown-version message lists before it abbreviates to a range. */
    private static final int VERSIONS_LISTED_IN_ERRORS = 10;

    private final TreeSet<Long> versions = new TreeSet<>();
    private long last;

    SavedVersions(final long initialVersion) {
        this.last = initialVersion - 1;
    }

    /** The last saved version, or {@code initialVersion - 1} before the first save. */
    public long last() {
        return last;
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    public int size() {
        return versions.size();
    }

    public boolean contains(final long version) {
        return versions.contains(version);
    }

    /** The oldest kept version; the tree must have one. */
    public long first() {
        return versions.first();
    }

    /** The largest kept version below {@code version}, or {@link #NONE}. */
    public long lower(final long version) {
        final Long lower = versions.lower(version);
        return lower == null ? NONE : lower;
    }

    /** The smallest kept version above {@code version}; there is one for every version but the last. */
    public long higher(final long version) {
        return versions.higher(version);
    }

    public long[] toArray() {
        return versions.stream().mapToLong(Long::longValue).toArray();
    }

    /** Records a saved (or, at open, a stored) version; versions come in ascending order. */
    void add(final long version) {
        if (!versions.isEmpty() && version <= last) {
            throw new IllegalStateException("saved versions must ascend: version=" + version + " after last=" + last);
        }
        versions.add(version);
        last = version;
    }

    void remove(final long version) {
        versions.remove(version);
    }

    /** Throws {@link IllegalArgumentException} naming {@code version} and the saved ones when it is not kept. */
    void requireSaved(final long version) {
        if (!versions.contains(version)) {
            throw new IllegalArgumentException("unknown version: version=" + version + "; saved versions: "
                + describe());
        }
    }

    /** {@code none}, {@code [1, 3, 4]}, or past ten versions {@code 1..20 (19 versions, some in between deleted)}. */
    String describe() {
        if (versions.isEmpty()) {
            return "none";
        }
        if (versions.size() <= VERSIONS_LISTED_IN_ERRORS) {
            return versions.toString();
        }
        final long span = versions.last() - versions.first() + 1;
        return versions.first() + ".." + versions.last() + " (" + versions.size() + " versions"
            + (span == versions.size() ? ")" : ", some in between deleted)");
    }

    @Override
    public String toString() {
        return describe();
    }
}
