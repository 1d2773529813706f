package io.merklebench.mpt;

import io.merklebench.core.verify.Damage;
import io.merklebench.core.verify.VerifyProgress;
import io.merklebench.core.verify.VerifyResult;
import org.apache.tuweni.bytes.Bytes;
import org.apache.tuweni.bytes.Bytes32;
import org.apache.tuweni.crypto.Hash;
import org.apache.tuweni.rlp.RLP;
import org.apache.tuweni.rlp.RLPException;
import org.apache.tuweni.rlp.RLPReader;
import org.apache.tuweni.trie.MerkleTrie;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Checks one saved version of the trie without Tuweni: every node reachable from the version's root is read from the
 * store, its Keccak-256 recomputed and compared with the hash it is stored and referenced under, its RLP decoded as a
 * branch (16 children and a value), an extension (a hex-prefix path and a child) or a leaf (a hex-prefix path and a
 * value), children inlined in their parent (shorter than 32 bytes) included; the values found are counted against
 * the version's saved key count. The first damage is reported with the node's nibble path from the root and its
 * hash. Iterative (a stack of references), so a damaged reference cannot make it recurse without end; every
 * reference is to a hash of the node below, so it cannot loop either. Not thread-safe: one instance per walk.
 */
final class MptVerifier {
    private static final String CHECKS = "every node reachable from the root: read from the store, Keccak-256"
        + " recomputed against the hash it is stored under, node shape (branch, extension, leaf), the key count"
        + " against the saved size (eth-mpt)";
    private static final int BRANCH_ITEMS = 17;
    private static final int PROGRESS_EVERY = 4096;

    private final MptNodeStore store;
    private final VerifyProgress progress;
    private long nodes;
    private long keys;

    /** A node still to check: its hash and its nibble path from the root. */
    private record Reference(Bytes32 hash, String path) {
    }

    private MptVerifier(final MptNodeStore store, final VerifyProgress progress) {
        this.store = store;
        this.progress = progress;
    }

    static VerifyResult verify(final MptNodeStore store, final Bytes32 rootHash, final long size,
                               final VerifyProgress progress) {
        final MptVerifier verifier = new MptVerifier(store, progress);
        final Damage damage = verifier.walk(rootHash, size);
        progress.checked(verifier.nodes, -1);
        return new VerifyResult(CHECKS, verifier.nodes, "nodes", damage);
    }

    private Damage walk(final Bytes32 rootHash, final long size) {
        final Deque<Reference> toCheck = new ArrayDeque<>();
        if (!rootHash.equals(MerkleTrie.Companion.getEMPTY_TRIE_ROOT_HASH())) {
            toCheck.push(new Reference(rootHash, ""));
        }
        while (!toCheck.isEmpty()) {
            final Reference reference = toCheck.pop();
            final Damage damage = checkStored(reference, toCheck);
            if (damage != null) {
                return damage;
            }
        }
        if (keys != size) {
            return Damage.at("root", "the trie holds " + keys + " keys but the version's saved size is " + size);
        }
        return null;
    }

    private Damage checkStored(final Reference reference, final Deque<Reference> toCheck) {
        if (++nodes % PROGRESS_EVERY == 0) {
            progress.checked(nodes, -1);
        }
        final Bytes encoded;
        try {
            encoded = store.readNodeUnchecked(reference.hash());
        } catch (final RuntimeException e) {
            return damage(reference.path(), reference.hash(), "could not be read: " + e.getMessage());
        }
        if (encoded == null) {
            return damage(reference.path(), reference.hash(), "missing from the store");
        }
        final Bytes32 recomputed = Hash.keccak256(encoded);
        if (!recomputed.equals(reference.hash())) {
            return damage(reference.path(), reference.hash(), "stored under its hash, but its bytes hash to "
                + recomputed.toUnprefixedHexString());
        }
        final List<Object> items;
        try {
            items = RLP.decodeList(encoded, MptVerifier::readItems);
        } catch (final RLPException | IllegalArgumentException e) {
            return damage(reference.path(), reference.hash(), "not a trie node (RLP: " + e.getMessage() + ")");
        }
        return checkNode(items, reference.path(), reference.hash(), toCheck);
    }

    /** Checks one node's shape, counts its value, and pushes its stored children; inlined children are checked here. */
    private Damage checkNode(final List<Object> items, final String path, final Bytes32 hash,
                             final Deque<Reference> toCheck) {
        if (items.size() == BRANCH_ITEMS) {
            for (int nibble = 0; nibble < 16; nibble++) {
                final Damage damage = child(items.get(nibble), path + Integer.toHexString(nibble), hash, toCheck);
                if (damage != null) {
                    return damage;
                }
            }
            if (!(items.get(16) instanceof Bytes value)) {
                return damage(path, hash, "a branch's value must be a string");
            }
            keys += value.isEmpty() ? 0 : 1;
            return null;
        }
        if (items.size() != 2 || !(items.get(0) instanceof Bytes prefixed) || prefixed.isEmpty()) {
            return damage(path, hash, "a trie node has 17 items (branch) or 2 (extension, leaf), not " + items.size());
        }
        final int flag = (prefixed.get(0) & 0xff) >>> 4;
        if (flag > 3) {
            return damage(path, hash, "bad hex-prefix flag " + flag + " in the node's path");
        }
        final String nodePath = path + nibbles(prefixed, (flag & 1) == 1);
        if (flag >= 2) {
            if (!(items.get(1) instanceof Bytes)) {
                return damage(path, hash, "a leaf's value must be a string");
            }
            keys++;
            return null;
        }
        return child(items.get(1), nodePath, hash, toCheck);
    }

    /** An empty string (no child), a 32-byte reference (pushed), or an inlined node (checked now). */
    private Damage child(final Object item, final String path, final Bytes32 parentHash,
                         final Deque<Reference> toCheck) {
        if (item instanceof Bytes reference) {
            if (reference.isEmpty()) {
                return null;
            }
            if (reference.size() != Bytes32.SIZE) {
                return damage(path, parentHash, "a child reference must be 32 bytes, not " + reference.size());
            }
            toCheck.push(new Reference(Bytes32.wrap(reference), path));
            return null;
        }
        nodes++;
        @SuppressWarnings("unchecked") final List<Object> inlined = (List<Object>)item;
        return checkNode(inlined, path, parentHash, toCheck);
    }

    /**
     * The items of a node's list: {@link Bytes} for strings, a nested list for a child inlined in its parent (a node
     * shorter than 32 bytes is kept there instead of under its own hash).
     */
    private static List<Object> readItems(final RLPReader reader) {
        final List<Object> items = new ArrayList<>();
        while (!reader.isComplete()) {
            if (reader.nextIsList()) {
                items.add(reader.readList(MptVerifier::readItems));
            } else {
                items.add(reader.readValue());
            }
        }
        return items;
    }

    /** The nibbles of a hex-prefix encoded path, as hex digits. */
    private static String nibbles(final Bytes prefixed, final boolean odd) {
        final String hex = prefixed.toUnprefixedHexString();
        return odd ? hex.substring(1) : hex.substring(2);
    }

    private static Damage damage(final String path, final Bytes32 hash, final String problem) {
        return Damage.at("at nibble path '" + path + "' (hash " + hash.toUnprefixedHexString() + ")", problem);
    }
}
