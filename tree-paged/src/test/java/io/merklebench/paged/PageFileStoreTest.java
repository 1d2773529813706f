package io.merklebench.paged;

import io.merklebench.core.registry.Registry;
import io.merklebench.core.registry.StoreIdentity;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code pagefile} store: registered as a persistent store of tree pages, kept in its page file alone. */
class PageFileStoreTest {
    private static final String PAGEFILE = PageFileStoreFactory.NAME;

    @TempDir
    Path directory;

    @Test
    void shouldBeRegisteredAsAPersistentStoreOfTreePagesThatOnlyPagedEnginesUse() {
        assertTrue(Registry.storeNames().contains(PAGEFILE), Registry.storeNames().toString());
        assertTrue(Registry.store(PAGEFILE).persistent());
        assertTrue(Registry.store(PAGEFILE).holdsTreePages());
        assertFalse(Registry.keyValueStoreNames().contains(PAGEFILE), Registry.keyValueStoreNames().toString());
        for (final String engine : List.of("paged15", "paged31")) {
            assertEquals(Registry.storeNames(), Registry.storeNamesFor(engine), engine + " uses every store");
            assertEquals(null, Registry.refusal(engine, PAGEFILE));
        }
    }

    @Test
    void shouldKeepPagesAndHeadersInThePageFileAloneWithTwoSyncsPerDurableSave() throws IOException {
        final Path storeDirectory = directory.resolve("tree");
        final byte[] rootHash;
        try (MerkleTree tree = openTree(storeDirectory)) {
            assertEquals(PAGEFILE, tree.store().kind());
            tree.set(bytes("hello"), bytes("world"));
            final long syncsBefore = tree.store().counters().syncCount();
            rootHash = tree.save();
            assertEquals(2, tree.store().counters().syncCount() - syncsBefore, "syncs of one durable save");
            assertTrue(tree.store().counters().bytesWritten() > 0);
        }
        try (Stream<Path> files = Files.list(storeDirectory)) {
            assertEquals(List.of(StoreIdentity.FILE_NAME, MappedPageFile.FILE_NAME),
                files.map(file -> file.getFileName().toString()).sorted().toList(),
                "the page file holds the pages, the meta chain and the commit header (beside the store identity)");
        }
        try (MerkleTree tree = openTree(storeDirectory)) {
            assertEquals(1, tree.lastSavedVersion());
            assertArrayEquals(rootHash, tree.rootHash());
            assertArrayEquals(bytes("world"), tree.get(bytes("hello")));
        }
    }

    @Test
    void shouldRefuseKeyValueOperationsNamingTheKeyValueStores() {
        try (KvStore store = Registry.store(PAGEFILE).open(directory.resolve("kv"), StoreOptions.DEFAULTS)) {
            final UnsupportedOperationException error = assertThrows(UnsupportedOperationException.class,
                () -> store.get(bytes("k")));
            assertEquals(Registry.keyValueRefusal(PAGEFILE) + ": directory=" + directory.resolve("kv").toAbsolutePath(),
                error.getMessage());
            assertTrue(error.getMessage().startsWith("store pagefile holds tree pages, not key-value entries;"
                + " key-value use needs one of: "), error.getMessage());
            assertThrows(UnsupportedOperationException.class, () -> store.put(bytes("k"), bytes("v"), true));
            assertThrows(UnsupportedOperationException.class, () -> store.iterate(null, null, (key, value) -> true));
        }
    }

    @Test
    void shouldRefuseASecondOpenOfAnOpenPageFile() {
        final Path storeDirectory = directory.resolve("twice");
        try (MerkleTree first = openTree(storeDirectory)) {
            final StoreException error = assertThrows(StoreException.class, () -> openTree(storeDirectory));
            assertEquals("page file is already open in this JVM (close it first): file="
                + storeDirectory.resolve(MappedPageFile.FILE_NAME).toAbsolutePath(), error.getMessage());
            first.set(bytes("still"), bytes("usable"));
            first.save();
        }
        try (MerkleTree reopened = openTree(storeDirectory)) {
            assertArrayEquals(bytes("usable"), reopened.get(bytes("still")));
        }
    }

    @Test
    void shouldRejectASegmentLengthThePageFileCannotMap() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> Registry.store(PAGEFILE).open(directory, StoreOptions.parse("segmentBytes=12288")));
        assertEquals("store option segmentBytes must be a multiple of 8192 between 8192 and 1073741824:"
            + " segmentBytes=12288", error.getMessage());
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> Registry.store(PAGEFILE).open(directory, StoreOptions.parse("cacheBytes=1")));
        assertEquals("unknown option 'cacheBytes' for store pagefile; expected one of: segmentBytes", unknown.getMessage());
    }

    private static MerkleTree openTree(final Path storeDirectory) {
        return Registry.openTree("paged15", PAGEFILE, storeDirectory, StoreOptions.DEFAULTS, TreeOptions.DEFAULTS);
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(UTF_8);
    }
}
