package io.merklebench.flat;

import io.merklebench.core.Bytes;
import io.merklebench.core.store.EntryVisitor;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeGuard;
import io.merklebench.core.tree.WorkingTree;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Flat's working state: the committed entries of the store plus the changes since the last save, kept in a sorted map
 * until {@link FlatTree} commits them (a tree engine keeps its dirty nodes the same way). Also the TMSP check copy: a
 * copy's changes stay in its own map and are never committed. A copy reads the store, so it is valid until the next
 * save, as {@code MerkleTree#workingCopy} allows.
 *
 * <p>Not thread-safe. Keeps the key and value arrays passed to {@link #set}; values returned are copies.
 */
final class FlatWorkingTree implements WorkingTree {
    /** The change that marks a delete, compared by identity (a caller's empty value is another array). */
    static final byte[] DELETED = new byte[0];

    private final FlatEntryStore entries;
    private final TreeGuard guard;
    private final long version;
    private final NavigableMap<byte[], byte[]> changes = new TreeMap<>(Bytes.UNSIGNED_ORDER);
    private long size;

    FlatWorkingTree(final FlatEntryStore entries, final TreeGuard guard, final long version, final long savedSize) {
        this.entries = entries;
        this.guard = guard;
        this.version = version;
        this.size = savedSize;
    }

    /** The changes since the last save: key to value, or to {@link #DELETED}. */
    NavigableMap<byte[], byte[]> changes() {
        return changes;
    }

    @Override
    public long version() {
        guard.ensureOpen();
        return version;
    }

    @Override
    public byte[] get(final byte[] key) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        final byte[] changed = changes.get(key);
        if (changed != null) {
            return changed == DELETED ? null : changed.clone();
        }
        return entries.get(key);
    }

    @Override
    public long size() {
        guard.ensureOpen();
        return size;
    }

    /** Flat commits to nothing: the constant {@link FlatEngine#NO_ROOT_HASH}. */
    @Override
    public byte[] rootHash() {
        guard.ensureOpen();
        return FlatEngine.NO_ROOT_HASH.clone();
    }

    /** The committed entries and the changes merged in key order, a change winning over the entry it replaces. */
    @Override
    public void iterate(final byte[] fromInclusive, final byte[] toExclusive, final EntryVisitor visitor) {
        guard.ensureOpen();
        final ChangeCursor pending = new ChangeCursor(changesBetween(fromInclusive, toExclusive).entrySet().iterator());
        entries.iterate(fromInclusive, toExclusive, (key, value) -> {
            while (pending.current != null && Bytes.compare(pending.current.getKey(), key) < 0) {
                if (!pending.visitAndAdvance(visitor)) {
                    return false;
                }
            }
            if (pending.current != null && Bytes.compare(pending.current.getKey(), key) == 0) {
                return pending.visitAndAdvance(visitor);
            }
            if (!visitor.visit(key, value)) {
                pending.stopped = true;
            }
            return !pending.stopped;
        });
        while (!pending.stopped && pending.current != null) {
            pending.visitAndAdvance(visitor);
        }
    }

    /** Flat has no nodes. */
    @Override
    public NodeView root() {
        guard.ensureOpen();
        throw new UnsupportedOperationException("flat has no tree nodes (hash scheme none): root() is for tree engines");
    }

    @Override
    public boolean set(final byte[] key, final byte[] value) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        Bytes.requireValue(value);
        final boolean present = contains(key);
        changes.put(key, value);
        if (!present) {
            size++;
        }
        return present;
    }

    @Override
    public boolean remove(final byte[] key) {
        guard.ensureOpen();
        TreeGuard.requireKey(key);
        final boolean present = contains(key);
        if (present) {
            changes.put(key, DELETED);
            size--;
        }
        return present;
    }

    private boolean contains(final byte[] key) {
        final byte[] changed = changes.get(key);
        return changed != null ? changed != DELETED : entries.get(key) != null;
    }

    private NavigableMap<byte[], byte[]> changesBetween(final byte[] fromInclusive, final byte[] toExclusive) {
        if (fromInclusive != null && toExclusive != null) {
            return Bytes.compare(fromInclusive, toExclusive) >= 0
                ? new TreeMap<>(Bytes.UNSIGNED_ORDER) : changes.subMap(fromInclusive, true, toExclusive, false);
        }
        if (fromInclusive != null) {
            return changes.tailMap(fromInclusive, true);
        }
        return toExclusive != null ? changes.headMap(toExclusive, false) : changes;
    }

    /** The next change of a merge, and whether the visitor stopped the iteration. */
    private static final class ChangeCursor {
        private final Iterator<Map.Entry<byte[], byte[]>> changes;
        Map.Entry<byte[], byte[]> current;
        boolean stopped;

        ChangeCursor(final Iterator<Map.Entry<byte[], byte[]>> changes) {
            this.changes = changes;
            this.current = changes.hasNext() ? changes.next() : null;
        }

        /** Visits the current change (a delete is skipped, a value visited as a copy); false once the visitor stops. */
        boolean visitAndAdvance(final EntryVisitor visitor) {
            final Map.Entry<byte[], byte[]> change = current;
            current = changes.hasNext() ? changes.next() : null;
            if (change.getValue() != DELETED && !visitor.visit(change.getKey().clone(), change.getValue().clone())) {
                stopped = true;
            }
            return !stopped;
        }
    }
}
