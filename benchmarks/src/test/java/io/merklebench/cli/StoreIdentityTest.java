package io.merklebench.cli;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.registry.StoreIdentity;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16 item 3: a directory opened with the wrong store or the wrong engine is refused, with one message naming
 * both, before any store library touches its files. Before the identity file, 8 of these 12 combinations started an
 * empty tree beside the old one or rewrote the files (rocksdb on a LevelDB directory made it unreadable to LevelDB).
 * Each case writes a tree, opens it wrong, checks that every file is byte-for-byte unchanged, then reopens it right
 * and checks the root.
 */
class StoreIdentityTest {
    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}:{1} opened as {2}:{3}")
    @CsvSource({
        "array,   leveldb,  heap,    rocksdb",
        "heap,    rocksdb,  heap,    leveldb",
        "heap,    rocksdb,  heap,    lmdb",
        "heap,    rocksdb,  heap,    mmap",
        "array,   lmdb,     array,   rocksdb",
        "array,   mmap,     array,   leveldb",
        "heap,    rocksdb,  paged15, rocksdb",
        "paged15, pagefile, paged31, pagefile",
        "paged15, mmap,     heap,    mmap",
        "heap,    lmdb,     array,   lmdb",
        "array,   rocksdb,  mpt,     rocksdb",
        "heap,    leveldb,  array,   mem",
    })
    void shouldRefuseAnotherStoreOrEngineAndLeaveTheFilesAlone(final String engine, final String store,
                                                               final String wrongEngine, final String wrongStore)
        throws IOException {
        final Path storeDirectory = directory.resolve("d");
        final byte[] root = writeTree(engine, store, storeDirectory);
        final Map<String, String> before = digests(storeDirectory);

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> Registry.openTree(wrongEngine, wrongStore, storeDirectory, StoreOptions.DEFAULTS,
                TreeOptions.DEFAULTS).close());

        assertTrue(refused.getMessage().contains("store=" + store + " engine=" + engine)
            && refused.getMessage().contains("store=" + wrongStore + " engine=" + wrongEngine), refused.getMessage());
        assertEquals(before, digests(storeDirectory), "the refused open changed the directory");
        try (MerkleTree tree = Registry.openTree(engine, store, storeDirectory, StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS)) {
            assertEquals(2, tree.lastSavedVersion());
            assertArrayEquals(root, tree.rootHash());
        }
    }

    @Test
    void shouldWriteTheIdentityBeforeTheStoreAndReopenWithIt() throws IOException {
        final Path storeDirectory = directory.resolve("r");
        writeTree("array", "rocksdb", storeDirectory);
        final String identity = Files.readString(storeDirectory.resolve(StoreIdentity.FILE_NAME));
        assertTrue(identity.contains("store=rocksdb\n") && identity.contains("engine=array\n")
            && identity.contains("format=1\n") && identity.contains("\ntoolkit="), identity);
        try (Stream<Path> files = Files.list(storeDirectory)) {
            assertTrue(files.noneMatch(file -> file.getFileName().toString().endsWith(".tmp")), "temporary left");
        }
    }

    @Test
    void shouldRefuseADirectoryThatHoldsFilesButNoIdentity() throws IOException {
        final Path storeDirectory = directory.resolve("legacy");
        try (KvStore store = Registry.store("leveldb").open(storeDirectory, StoreOptions.DEFAULTS)) {
            store.put(bytes("k"), bytes("v"), true); // a store made without the registry, e.g. by an older toolkit
        }
        final Map<String, String> before = digests(storeDirectory);

        final IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
            () -> Registry.openTree("heap", "leveldb", storeDirectory, StoreOptions.DEFAULTS, TreeOptions.DEFAULTS));

        assertTrue(refused.getMessage().contains("no " + StoreIdentity.FILE_NAME)
            && refused.getMessage().contains("store=leveldb engine=heap"), refused.getMessage());
        assertEquals(before, digests(storeDirectory));
    }

    @Test
    void shouldRefuseADamagedOrNewerIdentity() throws IOException {
        final Path storeDirectory = directory.resolve("x");
        writeTree("heap", "lmdb", storeDirectory);
        final Path identity = storeDirectory.resolve(StoreIdentity.FILE_NAME);

        Files.writeString(identity, "store=lmdb\n");
        final IllegalArgumentException damaged = assertThrows(IllegalArgumentException.class,
            () -> Registry.openTree("heap", "lmdb", storeDirectory, StoreOptions.DEFAULTS, TreeOptions.DEFAULTS));
        assertTrue(damaged.getMessage().contains("is damaged"), damaged.getMessage());

        Files.writeString(identity, "format=9\nstore=lmdb\nengine=heap\ntoolkit=9.0\n");
        final IllegalArgumentException newer = assertThrows(IllegalArgumentException.class,
            () -> Registry.openTree("heap", "lmdb", storeDirectory, StoreOptions.DEFAULTS, TreeOptions.DEFAULTS));
        assertTrue(newer.getMessage().contains("format 9, newer than"), newer.getMessage());
    }

    @Test
    void shouldOpenMemOnAnEmptyDirectoryWithoutWritingThere() throws IOException {
        final Path storeDirectory = Files.createDirectory(directory.resolve("m"));
        try (MerkleTree tree = Registry.openTree("array", "mem", storeDirectory, StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS)) {
            tree.set(bytes("a"), bytes("1"));
            tree.save();
        }
        try (Stream<Path> files = Files.list(storeDirectory)) {
            assertEquals(0, files.count(), "mem keeps nothing on disk");
        }
        Registry.store("mem").destroy(storeDirectory);
    }

    private static byte[] writeTree(final String engine, final String store, final Path storeDirectory) {
        try (MerkleTree tree = Registry.openTree(engine, store, storeDirectory, StoreOptions.DEFAULTS,
            TreeOptions.DEFAULTS)) {
            for (int i = 0; i < 50; i++) {
                tree.set(bytes("key-" + i), bytes("value-" + i));
            }
            tree.save();
            tree.set(bytes("key-7"), bytes("changed"));
            return tree.save();
        }
    }

    /** Every file under the directory with the SHA-256 of its bytes. */
    private static Map<String, String> digests(final Path root) throws IOException {
        final Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (final Path file : files.filter(Files::isRegularFile).toList()) {
                digests.put(root.relativize(file).toString(), Bytes.toHex(sha256(Files.readAllBytes(file))));
            }
        }
        return digests;
    }

    private static byte[] sha256(final byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (final NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
