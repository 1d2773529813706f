package io.merklebench.array;

import io.merklebench.core.Bytes;
import io.merklebench.core.tree.TreeOptions;
import io.merklebench.core.tree.TreeView;
import io.merklebench.core.tree.WorkingTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.merklebench.array.ArrayTestTrees.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Array-specific behaviour beyond the common kit ({@link ArrayTreeContractTest}): node freeing, copy lifetime. */
class ArrayTreeTest {
    @TempDir
    Path directory;

    @AfterEach
    void destroyStore() {
        ArrayTestTrees.destroy(directory);
    }

    @Test
    void shouldAcceptEmptyValue() {
        try (ArrayTree tree = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            assertFalse(tree.set(bytes("k"), new byte[0]));
            assertArrayEquals(new byte[0], tree.get(bytes("k")));
            tree.save();
        }
        try (ArrayTree reopened = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            assertArrayEquals(new byte[0], reopened.get(bytes("k")));
        }
    }

    @Test
    void shouldRejectKeysLongerThanTheRecordKeyLengthAndKeepTheLongestAllowed() {
        final byte[] longest = new byte[ArrayLayout.MAX_KEY_LENGTH];
        longest[ArrayLayout.MAX_KEY_LENGTH - 1] = 7;
        final byte[] tooLong = new byte[ArrayLayout.MAX_KEY_LENGTH + 1];
        try (ArrayTree tree = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            tree.set(bytes("a"), bytes("1"));
            assertEquals("array engine keys must be at most 65535 bytes: key.length=65536",
                assertThrows(IllegalArgumentException.class, () -> tree.set(tooLong, bytes("2"))).getMessage());
            assertFalse(tree.set(longest, bytes("3")));
            assertNull(tree.get(tooLong));
            assertFalse(tree.remove(tooLong));
            assertEquals(2, tree.size(), "the rejected set changed nothing");
            tree.save();
        }
        try (ArrayTree reopened = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            assertArrayEquals(bytes("3"), reopened.get(longest));
            assertArrayEquals(bytes("1"), reopened.get(bytes("a")));
        }
    }

    @Test
    void shouldRejectUnknownVersionsNamingThem() {
        try (ArrayTree tree = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            assertEquals("unknown version: version=1; saved versions: none",
                assertThrows(IllegalArgumentException.class, () -> tree.view(1)).getMessage());
            tree.set(bytes("a"), bytes("1"));
            tree.save();
            tree.save();
            assertEquals("unknown version: version=9; saved versions: [1, 2]",
                assertThrows(IllegalArgumentException.class, () -> tree.deleteVersion(9)).getMessage());
            assertEquals("cannot delete the last saved version: version=2",
                assertThrows(IllegalArgumentException.class, () -> tree.deleteVersion(2)).getMessage());
        }
    }

    @Test
    void shouldReportUpdatesAndRemovals() {
        try (ArrayTree tree = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            assertFalse(tree.set(bytes("a"), bytes("1")));
            assertTrue(tree.set(bytes("a"), bytes("2")));
            assertArrayEquals(bytes("2"), tree.get(bytes("a")));
            assertFalse(tree.remove(bytes("b")));
            assertTrue(tree.remove(bytes("a")));
            assertNull(tree.get(bytes("a")));
            assertEquals(0, tree.size());
        }
    }

    @Test
    void shouldIsolateCheckAndRealCopiesFromEachOtherAndTheTree() {
        try (ArrayTree tree = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 20; i++) {
                tree.set(bytes("key" + i), bytes("v" + i));
            }
            final byte[] savedHash = tree.save();
            tree.set(bytes("key0"), bytes("working"));
            final WorkingTree check = tree.workingCopy();
            assertArrayEquals(bytes("v0"), check.get(bytes("key0")), "copy starts from the saved version");
            check.set(bytes("key1"), bytes("check"));
            check.remove(bytes("key2"));
            check.set(bytes("extra"), bytes("e"));
            final WorkingTree real = tree.workingCopy();
            real.set(bytes("key1"), bytes("real"));
            assertArrayEquals(bytes("check"), check.get(bytes("key1")));
            assertArrayEquals(bytes("real"), real.get(bytes("key1")));
            assertArrayEquals(bytes("v1"), tree.get(bytes("key1")));
            assertArrayEquals(bytes("v2"), tree.get(bytes("key2")));
            assertNull(tree.get(bytes("extra")));
            assertArrayEquals(savedHash, tree.view(1).rootHash());
            assertEquals(20, tree.view(1).size());
            assertEquals(2, check.version());
        }
    }

    @Test
    void shouldEndWorkingCopyAtNextSave() {
        try (ArrayTree tree = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            tree.set(bytes("a"), bytes("1"));
            tree.save();
            final WorkingTree copy = tree.workingCopy();
            copy.set(bytes("b"), bytes("2"));
            final int allocatedWithCopy = (int)tree.memoryStats().nodeCount();
            tree.save();
            final IllegalStateException error = assertThrows(IllegalStateException.class, () -> copy.get(bytes("a")));
            assertEquals("working copy of version 1 is no longer usable: version 2 was saved", error.getMessage());
            assertTrue(tree.memoryStats().nodeCount() < allocatedWithCopy, "the copy's nodes are freed at save");
        }
    }

    @Test
    void shouldRollBackToLastSavedVersion() {
        try (ArrayTree tree = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            tree.set(bytes("a"), bytes("1"));
            final byte[] saved = tree.save();
            final long nodesAfterSave = tree.memoryStats().nodeCount();
            tree.set(bytes("a"), bytes("2"));
            tree.set(bytes("b"), bytes("3"));
            tree.rollback();
            assertArrayEquals(saved, tree.rootHash());
            assertArrayEquals(bytes("1"), tree.get(bytes("a")));
            assertEquals(nodesAfterSave, tree.memoryStats().nodeCount(), "rolled-back nodes are freed");
        }
    }

    @Test
    void shouldRefuseViewOfDeletedVersion() {
        try (ArrayTree tree = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            tree.set(bytes("a"), bytes("1"));
            tree.save();
            final TreeView first = tree.view(1);
            tree.set(bytes("a"), bytes("2"));
            tree.save();
            tree.deleteVersion(1);
            assertEquals("version 1 was deleted: this view is no longer readable",
                assertThrows(IllegalStateException.class, () -> first.get(bytes("a"))).getMessage());
            assertArrayEquals(new long[]{2}, tree.savedVersions());
        }
    }

    @Test
    void shouldIterateKeyRangesInUnsignedOrder() {
        try (ArrayTree tree = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            final byte[][] keys = {{0x01}, {0x01, 0x00}, {0x7f}, {(byte)0x80}, {(byte)0xff}};
            for (final byte[] key : keys) {
                tree.set(key, key);
            }
            final List<String> seen = new ArrayList<>();
            tree.iterate(new byte[]{0x01, 0x00}, new byte[]{(byte)0xff}, (key, value) -> seen.add(Bytes.toHex(key)));
            assertEquals(List.of("0100", "7f", "80"), seen);
            seen.clear();
            tree.iterate(null, null, (key, value) -> seen.add(Bytes.toHex(key)) && seen.size() < 2);
            assertEquals(List.of("01", "0100"), seen);
        }
    }

    @Test
    void shouldFreeNodesOfDroppedWorkingCopiesWithoutASave() throws InterruptedException {
        try (ArrayTree tree = ArrayTestTrees.open(directory, TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 100; i++) {
                tree.set(bytes("key" + i), bytes("v" + i));
            }
            tree.save();
            final long savedNodes = tree.memoryStats().nodeCount();
            long maxNodes = 0;
            for (int round = 0; round < 2_000; round++) {
                final WorkingTree copy = tree.workingCopy();
                copy.set(bytes("key" + round % 100), bytes("copy"));
                maxNodes = Math.max(maxNodes, tree.memoryStats().nodeCount());
                if (round % 500 == 0) {
                    System.gc();
                    Thread.sleep(10);
                }
            }
            // each copy adds about one path (8 nodes); 2000 live copies would add 16000
            assertTrue(maxNodes < savedNodes + 12_000, "dropped copies are freed: savedNodes=" + savedNodes + " maxNodes=" + maxNodes);
            tree.save();
            assertEquals(savedNodes, tree.memoryStats().nodeCount(), "no copy node outlives the save");
        }
    }
}
