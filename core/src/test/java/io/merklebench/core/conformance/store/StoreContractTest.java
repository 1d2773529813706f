package io.merklebench.core.conformance.store;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.KvStore;
import io.merklebench.core.store.StoreClosedException;
import io.merklebench.core.store.StoreCounters;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.store.WriteBatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store conformance kit: what every {@link KvStore} must do, whatever its backend. Subclass it once per store
 * ({@code RocksDbStoreTest extends StoreContractTest}) and name the store; the store is found through the
 * {@link Registry}, so the test also proves the {@code META-INF/services} line is there. It ends with a model-based
 * random test against a {@link TreeMap}; durability under SIGKILL is {@link StoreKillTest}.
 *
 * <p>Every store here is opened in a fresh JUnit temp directory and closed after the test.
 */
public abstract class StoreContractTest {
    /** The 1 MiB value size the contract promises to handle. */
    protected static final int LARGE_VALUE_BYTES = 1 << 20;

    @TempDir
    protected Path tempDir;

    private final List<KvStore> openedStores = new ArrayList<>();

    /** The registry name of the store under test. */
    protected abstract String storeName();

    /** Options used for every open; stores may shrink their defaults here to keep tests small. */
    protected StoreOptions storeOptions() {
        return StoreOptions.DEFAULTS;
    }

    protected final StoreFactory factory() {
        return Registry.store(storeName());
    }

    protected final Path storeDirectory() {
        return tempDir.resolve("store");
    }

    /** Opens the store under test in {@link #storeDirectory()}; it is closed after the test. */
    protected final KvStore open() {
        return open(storeDirectory(), storeOptions());
    }

    protected final KvStore open(final Path directory, final StoreOptions options) {
        final KvStore store = factory().open(directory, options);
        openedStores.add(store);
        return store;
    }

    /** Closes {@code store} and opens the same directory again, as a restart of the process would. */
    protected final KvStore reopen(final KvStore store) {
        store.close();
        return open(store.directory(), storeOptions());
    }

    @AfterEach
    final void closeStoresAndDropContents() {
        for (final KvStore store : openedStores) {
            store.close();
        }
        factory().destroy(storeDirectory());
    }

    @Test
    void shouldReportItsRegistryName() {
        try (KvStore store = open()) {
            assertEquals(storeName(), store.kind());
            assertEquals(storeDirectory(), store.directory());
        }
    }

    @Test
    void shouldReturnNullForMissingKey() {
        final KvStore store = open();
        assertNull(store.get(bytes("absent")));
        store.put(bytes("present"), bytes("value"), false);
        assertNull(store.get(bytes("absent")));
        assertNull(store.get(bytes("presen")), "a proper prefix of a present key is a different key");
        assertNull(store.get(bytes("present!")), "an extension of a present key is a different key");
    }

    @Test
    void shouldReturnCommittedValue() {
        final KvStore store = open();
        store.put(bytes("k1"), bytes("v1"), true);
        store.put(bytes("k2"), bytes("v2"), false);
        assertArrayEquals(bytes("v1"), store.get(bytes("k1")));
        assertArrayEquals(bytes("v2"), store.get(bytes("k2")));
    }

    @Test
    void shouldOverwriteValueOfExistingKey() {
        final KvStore store = open();
        store.put(bytes("k"), bytes("first"), false);
        store.put(bytes("k"), bytes("second, longer"), false);
        assertArrayEquals(bytes("second, longer"), store.get(bytes("k")));
        store.put(bytes("k"), bytes("3"), false);
        assertArrayEquals(bytes("3"), store.get(bytes("k")));
    }

    @Test
    void shouldDeleteKeyAndIgnoreDeleteOfMissingKey() {
        final KvStore store = open();
        store.put(bytes("k"), bytes("v"), false);
        store.delete(bytes("k"), true);
        assertNull(store.get(bytes("k")));
        store.delete(bytes("never-written"), false);
        assertNull(store.get(bytes("never-written")));
        assertEquals(List.of(), keysIn(store, null, null));
    }

    @Test
    void shouldStoreEmptyValueAsPresent() {
        KvStore store = open();
        store.put(bytes("empty"), new byte[0], true);
        assertArrayEquals(new byte[0], store.get(bytes("empty")), "an empty value is present, not null");
        store = reopen(store);
        assertArrayEquals(new byte[0], store.get(bytes("empty")), "after reopen");
        final List<byte[]> values = new ArrayList<>();
        store.iterate(null, null, (key, value) -> values.add(value));
        assertEquals(1, values.size());
        assertEquals(0, values.get(0).length);
    }

    @Test
    void shouldStoreOneMebibyteValues() {
        KvStore store = open();
        final byte[] first = randomBytes(new SplittableRandom(7), LARGE_VALUE_BYTES);
        final byte[] second = randomBytes(new SplittableRandom(8), LARGE_VALUE_BYTES);
        store.commit(store.newBatch().put(bytes("big1"), first).put(bytes("big2"), second), true);
        assertArrayEquals(first, store.get(bytes("big1")));
        store = reopen(store);
        assertArrayEquals(first, store.get(bytes("big1")));
        assertArrayEquals(second, store.get(bytes("big2")));
    }

    @Test
    void shouldReturnCopiesCallerOwns() {
        final KvStore store = open();
        final byte[] key = bytes("k");
        final byte[] value = bytes("value");
        store.put(key, value, false);
        key[0] = 'x';
        value[0] = 'X';
        final byte[] read = store.get(bytes("k"));
        assertArrayEquals(bytes("value"), read, "the store must not keep the caller's arrays");
        read[0] = 'Y';
        assertArrayEquals(bytes("value"), store.get(bytes("k")), "the returned array belongs to the caller");
    }

    @Test
    void shouldIterateInUnsignedLexicographicOrder() {
        final KvStore store = open();
        final byte[][] expectedOrder = {
            {0x00}, {0x00, 0x00}, {0x01}, {0x7f}, {0x7f, (byte)0xff}, {(byte)0x80}, {(byte)0x80, 0x00},
            {(byte)0xfe, (byte)0xff, (byte)0xff}, {(byte)0xff}, {(byte)0xff, 0x00}, {(byte)0xff, (byte)0xff},
        };
        final WriteBatch batch = store.newBatch();
        for (int i = expectedOrder.length - 1; i >= 0; i--) {
            batch.put(expectedOrder[i], new byte[]{(byte)i});
        }
        store.commit(batch, false);
        final List<byte[]> keys = keysIn(store, null, null);
        assertEquals(hexList(Arrays.asList(expectedOrder)), hexList(keys));
        final List<byte[]> values = new ArrayList<>();
        store.iterate(null, null, (key, value) -> values.add(value));
        for (int i = 0; i < values.size(); i++) {
            assertArrayEquals(new byte[]{(byte)i}, values.get(i), "value of key " + Bytes.toHex(expectedOrder[i]));
        }
    }

    @Test
    void shouldIterateFromInclusiveToExclusiveBound() {
        final KvStore store = open();
        final WriteBatch batch = store.newBatch();
        for (final String key : List.of("a", "ab", "abc", "b", "ba", "c")) {
            batch.put(bytes(key), bytes("v" + key));
        }
        store.commit(batch, false);
        assertEquals(List.of("ab", "abc", "b"), strings(keysIn(store, bytes("ab"), bytes("ba"))));
        assertEquals(List.of("a", "ab", "abc"), strings(keysIn(store, null, bytes("b"))));
        assertEquals(List.of("ba", "c"), strings(keysIn(store, bytes("b\0"), null)), "bound between keys");
        assertEquals(List.of("abc", "b", "ba", "c"), strings(keysIn(store, bytes("abb"), null)));
        assertEquals(List.of(), strings(keysIn(store, bytes("b"), bytes("b"))), "empty range");
        assertEquals(List.of(), strings(keysIn(store, bytes("c"), bytes("a"))), "reversed range");
        assertEquals(List.of(), strings(keysIn(store, bytes("d"), null)), "past the last key");
        assertEquals(List.of(), strings(keysIn(store, null, bytes("a"))), "before the first key");
    }

    @Test
    void shouldBoundIterationByUnsignedOrder() {
        final KvStore store = open();
        store.commit(store.newBatch()
            .put(new byte[]{0x10}, new byte[]{1})
            .put(new byte[]{(byte)0x80}, new byte[]{2})
            .put(new byte[]{(byte)0x90, 0x01}, new byte[]{3})
            .put(new byte[]{(byte)0xff}, new byte[]{4}), false);
        assertEquals(List.of("80", "9001"), hexList(keysIn(store, new byte[]{(byte)0x80}, new byte[]{(byte)0xff})));
        assertEquals(List.of("10"), hexList(keysIn(store, null, new byte[]{(byte)0x80})));
    }

    @Test
    void shouldStopIterationWhenVisitorReturnsFalse() {
        final KvStore store = open();
        final WriteBatch batch = store.newBatch();
        for (int i = 0; i < 10; i++) {
            batch.put(new byte[]{(byte)i}, new byte[]{(byte)i});
        }
        store.commit(batch, false);
        final List<byte[]> seen = new ArrayList<>();
        store.iterate(null, null, (key, value) -> {
            seen.add(key);
            return seen.size() < 3;
        });
        assertEquals(List.of("00", "01", "02"), hexList(seen));
    }

    @Test
    void shouldApplyLaterOperationOnSameKeyInBatch() {
        final KvStore store = open();
        store.put(bytes("deleted-then-put"), bytes("old"), false);
        store.put(bytes("put-then-deleted"), bytes("old"), false);
        store.commit(store.newBatch()
            .put(bytes("twice"), bytes("first"))
            .put(bytes("twice"), bytes("second"))
            .delete(bytes("deleted-then-put"))
            .put(bytes("deleted-then-put"), bytes("new"))
            .put(bytes("put-then-deleted"), bytes("new"))
            .delete(bytes("put-then-deleted"))
            .put(bytes("new-then-deleted"), bytes("x"))
            .delete(bytes("new-then-deleted")), true);
        assertArrayEquals(bytes("second"), store.get(bytes("twice")));
        assertArrayEquals(bytes("new"), store.get(bytes("deleted-then-put")));
        assertNull(store.get(bytes("put-then-deleted")));
        assertNull(store.get(bytes("new-then-deleted")));
        assertEquals(List.of("deleted-then-put", "twice"), strings(keysIn(store, null, null)));
    }

    @Test
    void shouldNotShowBatchBeforeCommitAndLeaveBatchUnchangedAfter() {
        final KvStore store = open();
        final WriteBatch batch = store.newBatch().put(bytes("a"), bytes("1")).delete(bytes("b"));
        assertNull(store.get(bytes("a")), "an uncommitted batch is invisible");
        store.commit(batch, false);
        assertEquals(2, batch.size());
        assertArrayEquals(bytes("a"), batch.key(0));
        assertTrue(batch.isDelete(1));
        batch.clear();
        batch.put(bytes("c"), bytes("3"));
        store.commit(batch, false);
        assertEquals(List.of("a", "c"), strings(keysIn(store, null, null)), "a cleared batch can be reused");
    }

    @Test
    void shouldKeepEveryKeyOfBatchAcrossReopen() {
        KvStore store = open();
        final WriteBatch batch = store.newBatch();
        for (int i = 0; i < 500; i++) {
            batch.put(bytes("key-" + i), bytes("value-" + i));
        }
        store.commit(batch, true);
        store = reopen(store);
        for (int i = 0; i < 500; i++) {
            assertArrayEquals(bytes("value-" + i), store.get(bytes("key-" + i)), "key-" + i);
        }
        assertEquals(500, keysIn(store, null, null).size());
    }

    @Test
    void shouldKeepContentsAcrossReopenWhetherDurableOrNot() {
        KvStore store = open();
        store.put(bytes("durable"), bytes("1"), true);
        store.put(bytes("buffered"), bytes("2"), false);
        store.put(bytes("removed"), bytes("3"), true);
        store.delete(bytes("removed"), false);
        store = reopen(store);
        assertArrayEquals(bytes("1"), store.get(bytes("durable")));
        assertArrayEquals(bytes("2"), store.get(bytes("buffered")), "a clean close keeps non-durable commits");
        assertNull(store.get(bytes("removed")));
        store.put(bytes("after-reopen"), bytes("4"), true);
        store = reopen(store);
        assertEquals(List.of("after-reopen", "buffered", "durable"), strings(keysIn(store, null, null)));
    }

    @Test
    void shouldCountCommitsSyncsAndBytesWritten() {
        final KvStore store = open();
        final StoreCounters counters = store.counters();
        final WriteBatch batch = store.newBatch().put(bytes("key"), bytes("value")).delete(bytes("gone"));
        final StoreCounters.Snapshot before = counters.snapshot();
        store.commit(batch, false);
        final StoreCounters.Snapshot afterBuffered = counters.snapshot();
        assertEquals(1, afterBuffered.minus(before).commitCount());
        assertEquals(0, afterBuffered.minus(before).syncCount(), "a non-durable commit issues no sync");
        assertTrue(afterBuffered.minus(before).bytesWritten() >= batch.payloadBytes(),
            "bytes written cover at least the keys and values: bytesWritten="
                + afterBuffered.minus(before).bytesWritten() + " payloadBytes=" + batch.payloadBytes());
        store.commit(batch, true);
        final StoreCounters.Snapshot afterDurable = counters.snapshot().minus(afterBuffered);
        assertEquals(1, afterDurable.commitCount());
        if (factory().persistent()) {
            assertTrue(afterDurable.syncCount() >= 1, "a durable commit syncs: syncCount=" + afterDurable.syncCount());
        } else {
            assertEquals(0, afterDurable.syncCount(), "an in-memory store has no device to sync");
        }
        assertTrue(afterDurable.bytesWritten() >= batch.payloadBytes());
    }

    @Test
    void shouldThrowStoreClosedExceptionAfterClose() {
        final KvStore store = open();
        store.put(bytes("k"), bytes("v"), false);
        store.close();
        store.close();
        final StoreClosedException getFailure = assertThrows(StoreClosedException.class, () -> store.get(bytes("k")));
        assertTrue(getFailure.getMessage().contains(storeDirectory().toAbsolutePath().toString()), getFailure.getMessage());
        assertThrows(StoreClosedException.class, () -> store.put(bytes("k"), bytes("v"), true));
        assertThrows(StoreClosedException.class, () -> store.iterate(null, null, (key, value) -> true));
    }

    @Test
    void shouldRejectUnknownOptionListingValidOnes() {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> open(storeDirectory(), StoreOptions.parse("noSuchOption=1")));
        assertTrue(failure.getMessage().contains("noSuchOption"), failure.getMessage());
        assertTrue(failure.getMessage().contains("expected one of"), failure.getMessage());
        for (final String valid : open().settings().keySet()) {
            assertTrue(failure.getMessage().contains(valid), "lists " + valid + ": " + failure.getMessage());
        }
    }

    @Test
    void shouldReopenWithItsReportedSettings() {
        final KvStore store = open();
        final Map<String, String> settings = store.settings();
        assertNotNull(settings);
        store.close();
        final KvStore reopened = open(storeDirectory(), StoreOptions.of(settings));
        assertEquals(settings, reopened.settings(), "settings() names valid options with their values");
    }

    @Test
    void shouldRefuseSecondOpenOfSameDirectory() {
        Assumptions.assumeTrue(factory().persistent(), "only stores with files lock their directory");
        open();
        final StoreException failure = assertThrows(StoreException.class, () -> open());
        assertTrue(failure.getMessage().contains(storeDirectory().toAbsolutePath().toString()), failure.getMessage());
    }

    @Test
    void shouldReportDirectoryThatIsAFileWithItsAbsolutePath() throws IOException {
        Assumptions.assumeTrue(factory().persistent(), "only stores with files use the directory");
        final Path notADirectory = Files.writeString(tempDir.resolve("plain-file"), "x");
        final StoreException failure = assertThrows(StoreException.class,
            () -> open(notADirectory, storeOptions()));
        assertTrue(failure.getMessage().contains(notADirectory.toAbsolutePath().toString()), failure.getMessage());
    }

    @Test
    void shouldServeReadsFromSeveralThreadsWhileCommitting() throws Exception {
        final KvStore store = open();
        final int keyCount = 200;
        final int readerCount = 4;
        final ExecutorService readers = Executors.newFixedThreadPool(readerCount);
        try {
            final List<Future<Integer>> results = new ArrayList<>();
            for (int reader = 0; reader < readerCount; reader++) {
                final long seed = reader;
                results.add(readers.submit(() -> {
                    final SplittableRandom random = new SplittableRandom(seed);
                    int hits = 0;
                    for (int i = 0; i < 3_000; i++) {
                        final byte[] key = bytes("key-" + random.nextInt(keyCount));
                        final byte[] value = store.get(key);
                        if (value != null) {
                            hits++;
                            assertTrue(new String(value, StandardCharsets.UTF_8).startsWith(new String(key, StandardCharsets.UTF_8)),
                                "value belongs to its key: seed=" + seed);
                        }
                    }
                    return hits;
                }));
            }
            for (int i = 0; i < keyCount; i++) {
                store.put(bytes("key-" + i), bytes("key-" + i + "=" + i), false);
            }
            for (final Future<Integer> result : results) {
                result.get(60, TimeUnit.SECONDS);
            }
        } finally {
            readers.shutdownNow();
        }
        assertEquals(keyCount, keysIn(store, null, null).size());
    }

    /** Operations per seed of the random test. */
    private static final int RANDOM_OPERATION_COUNT = 400;
    /** A small key space so that overwrites, deletes of present keys and range bounds between keys are frequent. */
    private static final int RANDOM_KEY_SPACE = 96;
    /** Chance of closing and reopening the store after a commit: contents must survive. */
    private static final double REOPEN_CHANCE = 0.02;
    /** Chance that an operation checks a random range iteration against the model. */
    private static final double ITERATE_CHANCE = 0.1;
    /** Chance that a commit is durable. */
    private static final double DURABLE_CHANCE = 0.1;

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 2L, 1234L, 987654321L})
    void shouldMatchTreeMapModelUnderRandomOperations(final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final TreeMap<byte[], byte[]> model = new TreeMap<>(Bytes.UNSIGNED_ORDER);
        final byte[][] keySpace = randomKeySpace(random);
        KvStore store = open();
        for (int operation = 0; operation < RANDOM_OPERATION_COUNT; operation++) {
            final String where = "seed=" + seed + " operation=" + operation;
            final WriteBatch batch = store.newBatch();
            final int batchSize = 1 + random.nextInt(random.nextInt(4) == 0 ? 40 : 4);
            for (int i = 0; i < batchSize; i++) {
                final byte[] key = keySpace[random.nextInt(keySpace.length)];
                if (random.nextInt(3) == 0) {
                    batch.delete(key);
                    model.remove(key);
                } else {
                    final byte[] value = randomBytes(random, random.nextInt(5) == 0 ? 0 : random.nextInt(1, 300));
                    batch.put(key, value);
                    model.put(key, value);
                }
            }
            store.commit(batch, random.nextDouble() < DURABLE_CHANCE);
            if (random.nextDouble() < REOPEN_CHANCE) {
                store = reopen(store);
            }
            final byte[] probe = keySpace[random.nextInt(keySpace.length)];
            final byte[] expected = model.get(probe);
            final byte[] actual = store.get(probe);
            if (expected == null) {
                assertNull(actual, where + " get " + Bytes.toHex(probe));
            } else {
                assertArrayEquals(expected, actual, where + " get " + Bytes.toHex(probe));
            }
            if (random.nextDouble() < ITERATE_CHANCE) {
                assertRangeMatchesModel(store, model, randomBound(random, keySpace), randomBound(random, keySpace), where);
            }
        }
        assertRangeMatchesModel(store, model, null, null, "seed=" + seed + " final");
        store = reopen(store);
        assertRangeMatchesModel(store, model, null, null, "seed=" + seed + " after final reopen");
    }

    private static byte[][] randomKeySpace(final SplittableRandom random) {
        final byte[][] keys = new byte[RANDOM_KEY_SPACE][];
        for (int i = 0; i < keys.length; i++) {
            // Short keys over a few byte values give shared prefixes, proper prefixes and bytes >= 0x80.
            final byte[] key = new byte[1 + random.nextInt(4)];
            for (int j = 0; j < key.length; j++) {
                key[j] = (byte)new int[]{0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff}[random.nextInt(6)];
            }
            keys[i] = key;
        }
        return keys;
    }

    private static byte[] randomBound(final SplittableRandom random, final byte[][] keySpace) {
        return random.nextInt(4) == 0 ? null : keySpace[random.nextInt(keySpace.length)];
    }

    private static void assertRangeMatchesModel(final KvStore store, final TreeMap<byte[], byte[]> model,
                                                final byte[] fromInclusive, final byte[] toExclusive, final String where) {
        final List<String> expected = new ArrayList<>();
        final boolean emptyRange = fromInclusive != null && toExclusive != null && Bytes.compare(fromInclusive, toExclusive) >= 0;
        if (!emptyRange) {
            final NavigableMap<byte[], byte[]> range = fromInclusive == null
                ? (toExclusive == null ? model : model.headMap(toExclusive, false))
                : (toExclusive == null ? model.tailMap(fromInclusive, true) : model.subMap(fromInclusive, true, toExclusive, false));
            range.forEach((key, value) -> expected.add(Bytes.toHex(key) + "=" + Bytes.toHex(value)));
        }
        final List<String> actual = new ArrayList<>();
        store.iterate(fromInclusive, toExclusive, (key, value) -> actual.add(Bytes.toHex(key) + "=" + Bytes.toHex(value)));
        assertEquals(expected, actual, where + " iterate from=" + Bytes.toHex(fromInclusive) + " to=" + Bytes.toHex(toExclusive));
    }

    // ---- helpers shared with subclasses ----

    protected static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    protected static byte[] randomBytes(final SplittableRandom random, final int length) {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte)random.nextInt(256);
        }
        return bytes;
    }

    protected static List<byte[]> keysIn(final KvStore store, final byte[] fromInclusive, final byte[] toExclusive) {
        final List<byte[]> keys = new ArrayList<>();
        store.iterate(fromInclusive, toExclusive, (key, value) -> keys.add(key));
        return keys;
    }

    private static List<String> strings(final List<byte[]> keys) {
        return keys.stream().map(key -> new String(key, StandardCharsets.UTF_8)).toList();
    }

    private static List<String> hexList(final List<byte[]> keys) {
        return keys.stream().map(Bytes::toHex).toList();
    }
}
