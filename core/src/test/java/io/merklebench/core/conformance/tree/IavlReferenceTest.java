package io.merklebench.core.conformance.tree;

import io.merklebench.core.Bytes;
import io.merklebench.core.changeset.ChangesetReader;
import io.merklebench.core.changeset.Operation;
import io.merklebench.core.tree.NodeView;
import io.merklebench.core.tree.TreeReader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IAVL reference proves itself before it judges the engines: IAVL's published hashes (every version of the bundled
 * memiavl vector, hello -> world, the empty tree), Go's varint bytes, the version-stamping rules on small trees whose
 * shape is worked out by hand, and a seeded run checked against a {@code TreeMap} and {@link AvlInvariants}.
 */
class IavlReferenceTest {
    private static final byte[] HELLO = "hello".getBytes(UTF_8);
    private static final byte[] WORLD = "world".getBytes(UTF_8);

    @Test
    void shouldReproduceEveryRootHashOfThePublishedVector() throws IOException {
        final IavlReference reference = new IavlReference(1);
        final List<String> expected = new ArrayList<>();
        final List<String> actual = new ArrayList<>();
        try (ChangesetReader changeset = TreeContractTest.openVector()) {
            Operation operation;
            while ((operation = changeset.next()) != null) {
                switch (operation.kind()) {
                    case SET -> reference.set(operation.key(), operation.value());
                    case DELETE -> reference.remove(operation.key());
                    case COMMIT -> {
                        expected.add(reference.version() + " " + Bytes.toHex(operation.expectedHash()));
                        actual.add(reference.version() + " " + Bytes.toHex(reference.save()));
                    }
                }
            }
        }
        assertEquals(TreeContractTest.IAVL_VECTOR_VERSIONS, actual.size(), "versions saved");
        assertEquals(expected, actual, "version and root hash per commit of " + TreeContractTest.IAVL_VECTOR_RESOURCE);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).split(" ")[1], Bytes.toHex(reference.view(i + 1).rootHash()),
                "saved version " + (i + 1) + " still readable");
        }
    }

    @Test
    void shouldHashHelloWorldAndTheEmptyTreeLikeIavl() {
        final IavlReference reference = new IavlReference(1);
        assertEquals(TreeContractTest.EMPTY_TREE_HASH, Bytes.toHex(reference.rootHash()), "empty working tree");
        assertFalse(reference.set(HELLO, WORLD));
        assertEquals(TreeContractTest.HELLO_WORLD_V1_HASH, Bytes.toHex(reference.save()));
        assertEquals(TreeContractTest.HELLO_WORLD_V1_HASH, Bytes.toHex(reference.save()), "saving without changes");
        assertEquals(2, reference.lastSavedVersion());
        assertTrue(reference.remove(HELLO));
        assertFalse(reference.remove(HELLO), "removing an absent key");
        assertEquals(TreeContractTest.EMPTY_TREE_HASH, Bytes.toHex(reference.save()), "after removing the only key");
    }

    @Test
    void shouldEncodeVarintsLikeGo() {
        assertEquals("00", varint(0));
        assertEquals("02", varint(1));
        assertEquals("01", varint(-1));
        assertEquals("c801", varint(100));
        assertEquals("feffffffffffffffff01", varint(Long.MAX_VALUE));
        assertEquals("ffffffffffffffffff01", varint(Long.MIN_VALUE));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReferenceNode.writeUvarint(out, 300);
        assertEquals("ac02", Bytes.toHex(out.toByteArray()));
    }

    @Test
    void shouldStampFirstSaveWithInitialVersion() throws Exception {
        final IavlReference reference = new IavlReference(100);
        assertEquals(99, reference.lastSavedVersion());
        assertEquals(100, reference.version());
        reference.set(HELLO, WORLD);
        // varint(height 0) varint(size 1) varint(version 100) uvarint(5) "hello" uvarint(32) SHA-256("world")
        final MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(Bytes.fromHex("0002c80105"));
        sha256.update(HELLO);
        sha256.update((byte)0x20);
        sha256.update(MessageDigest.getInstance("SHA-256").digest(WORLD));
        assertEquals(Bytes.toHex(sha256.digest()), Bytes.toHex(reference.save()));
        assertEquals(100, reference.lastSavedVersion());
        assertEquals(100, reference.view(100).root().version());
        assertThrows(IllegalArgumentException.class, () -> reference.view(1));
    }

    @Test
    void shouldKeepOriginalLeafAndStampRotatedNodesWithWorkingVersion() {
        final IavlReference reference = new IavlReference(1);
        reference.set(key("b"), WORLD);
        reference.save();
        reference.set(key("a"), WORLD);
        reference.save();
        // Version 2: a new inner node over the new leaf a and the original leaf b, which keeps version 1.
        assertShape(reference.view(2), "b2[a2 b1]");
        reference.set(key("c"), WORLD);
        reference.save();
        assertShape(reference.view(3), "b3[a2 c3[b1 c3]]");
        reference.set(key("d"), WORLD);
        reference.save();
        // Version 4 is right-right heavy: rotating left rebuilds the old root and its right child, both at version 4;
        // the subtree moved across (leaf b) and the untouched leaves keep their versions.
        assertShape(reference.view(4), "c4[b4[a2 b1] d4[c3 d4]]");
        assertShape(reference.view(2), "b2[a2 b1]");
        AvlInvariants.check(reference, "after the rotation");
    }

    @Test
    void shouldPromoteSiblingUnchangedAndCarryNewLeftmostKeyUpOnRemove() {
        final IavlReference reference = new IavlReference(1);
        for (final String key : new String[] {"b", "a", "c", "d"}) {
            reference.set(key(key), WORLD);
            reference.save();
        }
        assertTrue(reference.remove(key("a")));
        reference.save();
        // The leaf b replaces its removed sibling's parent as it is, still version 1.
        assertShape(reference.view(5), "c5[b1 d4[c3 d4]]");
        assertTrue(reference.remove(key("c")));
        reference.save();
        // Removing the right subtree's leftmost leaf c: the root takes the new leftmost key d.
        assertShape(reference.view(6), "d6[b1 d4]");
        assertFalse(reference.remove(key("c")));
        assertEquals(Bytes.toHex(reference.view(6).rootHash()), Bytes.toHex(reference.rootHash()), "absent key");
    }

    @Test
    void shouldRebuildBothRotatedNodesInDoubleRotation() {
        final IavlReference reference = new IavlReference(1);
        for (final String key : new String[] {"b", "d", "a"}) {
            reference.set(key(key), WORLD);
        }
        reference.save();
        assertShape(reference.view(1), "d1[b1[a1 b1] d1]");
        reference.set(key("c"), WORLD);
        reference.save();
        // c lands right of b under the left child: left-right heavy, so the left child rotates left, the root right.
        assertShape(reference.view(2), "c2[b2[a1 b1] d2[c2 d1]]");
    }

    @Test
    void shouldRotateOnRemoveWithoutRestampingTheSubtreeMovedAcross() {
        final IavlReference reference = new IavlReference(1);
        for (final String key : new String[] {"b", "a", "d", "c", "e"}) {
            reference.set(key(key), WORLD);
        }
        reference.save();
        assertShape(reference.view(1), "c1[b1[a1 b1] d1[c1 e1[d1 e1]]]");
        assertTrue(reference.remove(key("a")));
        reference.save();
        // Leaf b takes its parent's place, the root is right heavy and rotates left: the old root and the lifted
        // node d are rebuilt at version 2, the subtree e1 that moves with d keeps version 1.
        assertShape(reference.view(2), "d2[c2[b1 c1] e1[d1 e1]]");
    }

    @Test
    void shouldAgreeWithTreeMapAndAvlInvariantsUnderSeededRandomOperations() {
        final SplittableRandom random = new SplittableRandom(20260601L);
        final IavlReference reference = new IavlReference(7);
        final ReferenceModel model = new ReferenceModel();
        final List<ReferenceModel> savedModels = new ArrayList<>();
        final List<byte[]> savedHashes = new ArrayList<>();
        for (int version = 7; version < 7 + 12; version++) {
            for (int i = 0; i < 400; i++) {
                final byte[] key = random.nextInt(3) == 0 && !model.isEmpty()
                    ? model.somePresentKey(random, KeyGenerator.randomKey(random)) : KeyGenerator.randomKey(random);
                if (random.nextInt(3) == 0) {
                    assertEquals(model.remove(key), reference.remove(key), "remove " + Bytes.toHex(key));
                } else {
                    final byte[] value = KeyGenerator.randomValue(random);
                    assertEquals(model.set(key, value), reference.set(key, value), "set " + Bytes.toHex(key));
                }
            }
            TreeChecks.checkState(reference, model, random, "working version " + version);
            savedHashes.add(reference.save());
            savedModels.add(model.snapshot());
        }
        for (int i = 0; i < savedHashes.size(); i++) {
            final TreeReader view = reference.view(7 + i);
            assertArrayEquals(savedHashes.get(i), view.rootHash(), "version " + (7 + i));
            TreeChecks.checkState(view, savedModels.get(i), random, "saved version " + (7 + i));
        }
    }

    @Test
    void shouldIsolateWorkingCopyAndRollBack() {
        final IavlReference reference = new IavlReference(1);
        reference.set(HELLO, WORLD);
        final byte[] saved = reference.save();
        final IavlReference copy = reference.workingCopy();
        copy.set(key("hello1"), WORLD);
        assertEquals(2, copy.version());
        assertEquals(2, copy.root().version(), "the copy stamps with the same working version");
        assertArrayEquals(saved, reference.rootHash());
        reference.set(key("x"), WORLD);
        reference.rollback();
        assertArrayEquals(saved, reference.rootHash());
        assertNull(reference.get(key("x")));
        final IavlReference early = new IavlReference(5).workingCopy();
        assertEquals(5, early.version(), "a copy before the first save starts empty at initialVersion");
        assertEquals(TreeContractTest.EMPTY_TREE_HASH, Bytes.toHex(early.rootHash()));
        assertThrows(IllegalArgumentException.class, () -> reference.set(new byte[0], WORLD));
    }

    @Test
    void shouldNameTheFirstNodeWhoseVersionDiffers() {
        final IavlReference expected = new IavlReference(1);
        final IavlReference restamped = new IavlReference(1);
        expected.set(HELLO, WORLD);
        restamped.set(HELLO, WORLD);
        expected.save();
        restamped.save();
        expected.set(key("hello1"), WORLD);
        restamped.set(key("hello1"), WORLD);
        restamped.set(HELLO, WORLD); // same value again: IAVL makes a new leaf, stamped with version 2
        expected.save();
        restamped.save();
        final AssertionError error = assertThrows(AssertionError.class,
            () -> ReferenceComparison.checkRootHash(expected.view(2), restamped, "seed=1"));
        final String message = error.getMessage();
        assertTrue(message.startsWith("seed=1: root hash differs from the IAVL reference at version=2"), message);
        assertTrue(message.contains("expected=" + Bytes.toHex(expected.rootHash())), message);
        assertTrue(message.contains("first differing node rootL") && message.contains("version expected=1 actual=2"),
            message);
        ReferenceComparison.checkRootHash(expected.view(2), expected, "same state");
    }

    /** Writes a subtree as {@code key+version[left right]} with one-letter keys, e.g. {@code b2[a2 b1]}. */
    private static String shape(final NodeView node) {
        final String self = new String(node.key(), UTF_8) + node.version();
        return node.isLeaf() ? self : self + "[" + shape(node.left()) + " " + shape(node.right()) + "]";
    }

    private static void assertShape(final TreeReader state, final String expected) {
        assertEquals(expected, shape(state.root()), "shape of version " + state.version());
        AvlInvariants.check(state, "version " + state.version());
    }

    private static byte[] key(final String text) {
        return text.getBytes(UTF_8);
    }

    private static String varint(final long value) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReferenceNode.writeVarint(out, value);
        return Bytes.toHex(out.toByteArray());
    }
}
