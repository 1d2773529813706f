package io.merklebench.mpt;

import kotlin.Unit;
import kotlin.coroutines.Continuation;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPReader;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tuweni's {@code MerkleStorage} over our store, for one trie: Tuweni writes every node it creates at once (each put
 * makes the nodes on the key's path), so those writes are held here, in memory, and reads see them before the
 * store's committed nodes. At a save {@link #takeReachable} hands over only the new nodes the saved root reaches: the
 * nodes a later put of the same block replaced are dropped, never written (an Ethereum client commits the same way).
 * A check copy gets its own instance, so its nodes never reach the store.
 *
 * <p>Not thread-safe; Tuweni may call it from its IO thread while the owning call waits ({@link SuspendingCall}).
 */
final class MptPendingNodes implements org.apache.tuweni.trie.MerkleStorage {
    /** An RLP string of this length in a node is a child reference (shorter children are inlined lists). */
    private static final int REFERENCE_LENGTH = Bytes32.SIZE;

    private final MptNodeStore store;
    /** Held nodes below which no compaction is tried: the walk costs about as much as the puts that made them. */
    static final int COMPACT_AT_LEAST = 1 << 16;

    private final Map<Bytes32, Bytes> pending = new HashMap<>();
    private int compactAt = COMPACT_AT_LEAST;
    /** Nodes Tuweni has put since this trie was made, for tests. */
    private long putCount;

    MptPendingNodes(final MptNodeStore store) {
        this.store = store;
    }

    @Override
    public Object get(final Bytes32 hash, final Continuation<? super Bytes> continuation) {
        final Bytes written = pending.get(hash);
        return written != null ? written : store.readNode(hash);
    }

    @Override
    public Object put(final Bytes32 hash, final Bytes content, final Continuation<? super Unit> continuation) {
        pending.put(hash, content);
        putCount++;
        return Unit.INSTANCE;
    }

    /**
     * Removes and returns the held nodes reachable from {@code rootHash} (walking down through held nodes only: a
     * node not held is committed already, and so is everything below it); drops every other held node.
     */
    Map<Bytes32, Bytes> takeReachable(final Bytes32 rootHash) {
        final Map<Bytes32, Bytes> reachable = reachable(rootHash);
        pending.clear();
        return reachable;
    }

    /**
     * Drops the held nodes {@code rootHash} no longer reaches, when there are many: every put holds the new nodes on
     * its key's path and the ones they replace stay until the save, so loading 1M keys in one version held about 7M
     * nodes (several GB; the 1M-key benchmarks filled a 6 GB heap). Compacting whenever the held nodes double keeps
     * them within a few times the live ones at a cost of one walk per doubling.
     */
    void compactIfLarge(final Bytes32 rootHash) {
        if (pending.size() < compactAt) {
            return;
        }
        final Map<Bytes32, Bytes> reachable = reachable(rootHash);
        pending.clear();
        pending.putAll(reachable);
        compactAt = Math.max(COMPACT_AT_LEAST, 2 * pending.size());
    }

    /** The held nodes reachable from {@code rootHash}, walking down through held nodes only. */
    private Map<Bytes32, Bytes> reachable(final Bytes32 rootHash) {
        final Map<Bytes32, Bytes> reachable = new LinkedHashMap<>();
        final Deque<Bytes32> toVisit = new ArrayDeque<>();
        toVisit.push(rootHash);
        while (!toVisit.isEmpty()) {
            final Bytes32 hash = toVisit.pop();
            final Bytes encoded = pending.get(hash);
            if (encoded != null && !reachable.containsKey(hash)) {
                reachable.put(hash, encoded);
                RLP.decode(encoded, reader -> {
                    // The empty trie's node is the RLP string 0x80, not a list; it references nothing.
                    if (reader.nextIsList()) {
                        pushReferences(reader, toVisit);
                    }
                    return null;
                });
            }
        }
        return reachable;
    }

    /** Number of nodes held, for tests. */
    int heldCount() {
        return pending.size();
    }

    /** Number of nodes put, for tests. */
    long putCount() {
        return putCount;
    }

    /**
     * Pushes every 32-byte string of the node's list, inlined children included: a child hash, or (rarely) a value
     * of 32 bytes, which is simply not found among the held nodes.
     */
    private static void pushReferences(final RLPReader reader, final Deque<Bytes32> toVisit) {
        reader.readList((final RLPReader items) -> {
            while (!items.isComplete()) {
                if (items.nextIsList()) {
                    pushReferences(items, toVisit);
                } else {
                    final Bytes item = items.readValue();
                    if (item.size() == REFERENCE_LENGTH) {
                        toVisit.push(Bytes32.wrap(item));
                    }
                }
            }
            return null;
        });
    }
}
