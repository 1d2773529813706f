package io.merklebench.heap;

import io.merklebench.core.changeset.ChangesetException;
import io.merklebench.core.changeset.ChangesetReader;
import io.merklebench.core.changeset.Replayer;
import io.merklebench.core.changeset.RootHashMismatchException;
import io.merklebench.core.conformance.tree.TreeContractTest;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Replayer} on a real engine: versions saved, mismatches and malformed lines stop it with nothing saved. */
class HeapReplayerTest {
    private static final String HELLO_HEX = "68656c6c6f";
    private static final String WORLD_HEX = "776f726c64";
    private static final String WRONG_HASH = "00".repeat(32);

    @TempDir
    Path directory;

    @AfterEach
    void destroyStore() {
        Registry.store("mem").destroy(directory);
    }

    @Test
    void shouldReportEachSavedVersionWithItsLine() throws Exception {
        final List<String> saved = new ArrayList<>();
        try (MerkleTree tree = open(); ChangesetReader changeset = TreeContractTest.openVector()) {
            new Replayer(tree).replay(changeset, (version, rootHash, line) -> saved.add(version + "@" + line));
        }
        assertEquals(TreeContractTest.IAVL_VECTOR_VERSIONS, saved.size());
        assertEquals("1@5", saved.get(0));
    }

    @Test
    void shouldStopAtWrongExpectedHashNamingLineAndBothHashesWithoutSaving() {
        final String text = String.join("\n",
            "set " + HELLO_HEX + " " + WORLD_HEX,
            "commit " + TreeContractTest.HELLO_WORLD_V1_HASH,
            "# a comment, then a blank line",
            "",
            "set " + HELLO_HEX + " -",
            "commit " + WRONG_HASH,
            "set " + WORLD_HEX + " " + WORLD_HEX,
            "commit");
        try (MerkleTree tree = open()) {
            final RootHashMismatchException error = assertThrows(RootHashMismatchException.class,
                () -> new Replayer(tree).replay(reader(text), (version, rootHash, line) -> { }));
            assertEquals(6, error.lineNumber());
            assertEquals(2, error.version());
            assertTrue(error.getMessage().contains("test.cs:6"), error.getMessage());
            assertTrue(error.getMessage().contains("expected=" + WRONG_HASH), error.getMessage());
            assertTrue(error.getMessage().contains("actual="), error.getMessage());
            assertEquals(1, tree.lastSavedVersion(), "the mismatching version is not saved");
            assertArrayEquals(new long[] {1}, tree.savedVersions());
            assertNull(tree.get(io.merklebench.core.Bytes.fromHex(WORLD_HEX)), "nothing after the bad line is applied");
        }
        try (MerkleTree reopened = open()) {
            assertEquals(1, reopened.lastSavedVersion());
            assertEquals(TreeContractTest.HELLO_WORLD_V1_HASH, io.merklebench.core.Bytes.toHex(reopened.rootHash()));
        }
    }

    @Test
    void shouldStopAtMalformedLineWithItsNumberWithoutSavingLaterVersions() {
        final String text = String.join("\n",
            "set " + HELLO_HEX + " " + WORLD_HEX,
            "commit",
            "set " + HELLO_HEX + " 7",
            "commit");
        try (MerkleTree tree = open()) {
            final ChangesetException error = assertThrows(ChangesetException.class,
                () -> new Replayer(tree).replay(reader(text), (version, rootHash, line) -> { }));
            assertEquals(3, error.lineNumber());
            assertTrue(error.getMessage().startsWith("test.cs:3: value:"), error.getMessage());
            assertEquals(1, tree.lastSavedVersion());
        }
    }

    private MerkleTree open() {
        return Registry.openTree(HeapEngine.NAME, "mem", directory, StoreOptions.DEFAULTS, TreeOptions.DEFAULTS);
    }

    private static ChangesetReader reader(final String text) {
        return new ChangesetReader(new BufferedReader(new StringReader(text)), "test.cs");
    }
}
