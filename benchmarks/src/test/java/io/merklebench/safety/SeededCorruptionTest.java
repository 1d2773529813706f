package io.merklebench.safety;

import io.merklebench.core.Bytes;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.store.StoreOptions;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's fault-injection suite: bytes flipped at seeded random offsets in a persistent store's files, then the
 * store reopened and used. The outcome must be a named error (a {@link StoreException}: the store or the engine
 * found the damage) or the exact right answer (the last saved version, its root hash, every key's value, and the
 * roots of further saves as a store without damage gives them), never a wrong answer with success. Before the
 * suite, 7 of 38 such damages gave wrong answers.
 *
 * <p>Each case writes {@value #VERSIONS} durable versions once, then for each corruption copies that directory,
 * damages the copy and checks it. The damage lands mostly where the files hold data (tables, logs, manifests, pages,
 * the identity file), sometimes anywhere ({@link Damage}); a flip in free space or in old versions nothing reads
 * must leave the answers right. {@value #QUICK_CORRUPTIONS} corruptions per case by default,
 * {@value #LONG_CORRUPTIONS} with {@code -Dmerklebench.longTests=true}; {@code -Dmerklebench.corruptionSeed=N}
 * repeats a failure (the seed and the damage are in every failure message).
 */
class SeededCorruptionTest {
    private static final int VERSIONS = 30;
    private static final int VERSIONS_AFTER_REOPEN = 5;
    private static final int OPERATIONS_PER_VERSION = 40;
    private static final int KEY_SPACE = 600;
    private static final int QUICK_CORRUPTIONS = 4;
    private static final int LONG_CORRUPTIONS = 40;
    private static final long DEFAULT_SEED = 0x5eed_16L;

    @TempDir
    Path temp;

    /**
     * Every persistent store, under the IAVL engines and the peers (agrona and chronicle share mmap's log and its
     * recovery; each is here once, to show its mapping reads the damage as mmap does; chronicle with small chunks, so
     * damage lands in a log of several). The small write buffers make RocksDB and LevelDB
     * flush tables and compact, so that damage also lands in table files and manifests, not only in the log. Not
     * here: {@code flat} on {@code lmdb}. LMDB keeps no checksums, so its store adds one to every value, which catches
     * a damaged value or key when it is read; but a damaged key makes a point read of the intact key find nothing,
     * and {@code flat}, a plain key-value map with no tree over it, cannot tell that from a key never written (the
     * Merkle engines can: a node a parent refers to must exist).
     */
    @ParameterizedTest(name = "{0} on {1} {2}")
    @CsvSource({
        "heap,    rocksdb,  ''",
        "heap,    rocksdb,  writeBufferBytes=65536",
        "heap,    leveldb,  ''",
        "heap,    lmdb,     ''",
        "heap,    mmap,     ''",
        "array,   rocksdb,  ''",
        "array,   leveldb,  ''",
        "array,   leveldb,  writeBufferBytes=65536",
        "array,   lmdb,     ''",
        "array,   mmap,     ''",
        "heap,    agrona,   ''",
        "array,   chronicle, segmentBytes=65536",
        "paged31, pagefile, segmentBytes=1048576",
        "paged15, lmdb,     ''",
        "paged15, rocksdb,  writeBufferBytes=65536",
        "mpt,     leveldb,  writeBufferBytes=65536",
        "mpt,     lmdb,     ''",
        "flat,    rocksdb,  writeBufferBytes=65536",
    })
    void shouldNameTheDamageOrGiveTheRightAnswer(final String engine, final String store, final String storeOptions) {
        final long seed = Long.getLong("merklebench.corruptionSeed",
            DEFAULT_SEED ^ (engine + store + storeOptions).hashCode());
        final int corruptions = Boolean.getBoolean("merklebench.longTests") ? LONG_CORRUPTIONS : QUICK_CORRUPTIONS;
        final SplittableRandom random = new SplittableRandom(seed);
        final History history = History.generate(random.split(), engine, temp.resolve("reference"));

        final Path pristine = temp.resolve("pristine");
        try (MerkleTree tree = open(engine, store, storeOptions, pristine)) {
            history.apply(tree, 0, VERSIONS);
        }
        final Damage damage = new Damage(pristine);
        final List<String> wrong = new ArrayList<>();
        final StringBuilder outcomes = new StringBuilder();
        for (int corruption = 0; corruption < corruptions; corruption++) {
            final Path damaged = temp.resolve("damaged-" + corruption);
            copyDirectory(pristine, damaged);
            final String where = damage.flip(damaged, random);
            final String context = engine + ":" + store + (storeOptions.isEmpty() ? "" : "(" + storeOptions + ")")
                + " seed=" + seed + " corruption=" + corruption + " (" + where + ")";
            final String outcome = reopenAndCheck(engine, store, storeOptions, damaged, history);
            outcomes.append(context).append(" -> ").append(outcome).append('\n');
            if (!outcome.startsWith("named error") && !outcome.equals("right answer")) {
                wrong.add(context + ": " + outcome);
            }
            Registry.store(store).destroy(damaged);
        }
        System.out.print(outcomes);
        assertTrue(wrong.isEmpty(), "wrong answers or unnamed failures after damage:\n" + String.join("\n", wrong));
    }

    /** Reopens a damaged copy, checks every answer against the history, and says how it went. */
    private static String reopenAndCheck(final String engine, final String store, final String storeOptions,
                                         final Path directory, final History history) {
        try (MerkleTree tree = open(engine, store, storeOptions, directory)) {
            if (tree.lastSavedVersion() != VERSIONS) {
                return "wrong answer: reopened at version " + tree.lastSavedVersion() + ", " + VERSIONS + " were saved";
            }
            final String mismatch = history.mismatchAt(tree, VERSIONS);
            if (mismatch != null) {
                return "wrong answer: " + mismatch;
            }
            history.apply(tree, VERSIONS, VERSIONS + VERSIONS_AFTER_REOPEN);
            final String laterMismatch = history.mismatchAt(tree, VERSIONS + VERSIONS_AFTER_REOPEN);
            return laterMismatch == null ? "right answer" : "wrong answer after further saves: " + laterMismatch;
        } catch (final StoreException e) {
            return "named error: " + e.getMessage();
        } catch (final IllegalArgumentException e) {
            // The store identity check refuses a damaged identity file with this type and names the file.
            return e.getMessage().contains("merklebench.identity") ? "named error: " + e.getMessage()
                : "unnamed failure: " + e;
        } catch (final RuntimeException | Error e) {
            return "unnamed failure: " + e;
        }
    }

    private static MerkleTree open(final String engine, final String store, final String storeOptions,
                                   final Path directory) {
        return Registry.openTree(engine, store, directory, StoreOptions.parse(storeOptions), TreeOptions.DEFAULTS);
    }

    private static void copyDirectory(final Path from, final Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (final Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The operations of every version, what each version holds, and its root hash as the same engine on a store
     * without damage ({@code mem}) gives it.
     */
    private record History(List<List<byte[][]>> operations, List<Map<String, byte[]>> contents, List<byte[]> roots) {
        static History generate(final SplittableRandom random, final String engine, final Path referenceDirectory) {
            final List<List<byte[][]>> operations = new ArrayList<>();
            final List<Map<String, byte[]>> contents = new ArrayList<>();
            final List<byte[]> roots = new ArrayList<>();
            final TreeMap<String, byte[]> model = new TreeMap<>();
            contents.add(Map.copyOf(model));
            roots.add(null);
            try (MerkleTree reference = open(engine, "mem", "", referenceDirectory)) {
                for (int version = 1; version <= VERSIONS + VERSIONS_AFTER_REOPEN; version++) {
                    final List<byte[][]> batch = new ArrayList<>();
                    for (int i = 0; i < OPERATIONS_PER_VERSION; i++) {
                        final byte[] key = key(random.nextInt(KEY_SPACE));
                        if (random.nextInt(5) == 0) {
                            batch.add(new byte[][] {key, null});
                            reference.remove(key);
                            model.remove(Bytes.toHex(key));
                        } else {
                            final byte[] value = new byte[8 + random.nextInt(40)];
                            random.nextBytes(value);
                            batch.add(new byte[][] {key, value});
                            reference.set(key, value);
                            model.put(Bytes.toHex(key), value);
                        }
                    }
                    operations.add(batch);
                    roots.add(reference.save());
                    contents.add(Map.copyOf(model));
                }
            }
            return new History(operations, contents, roots);
        }

        /** Applies and saves versions {@code after + 1} to {@code upTo}. */
        void apply(final MerkleTree tree, final int after, final int upTo) {
            for (int version = after + 1; version <= upTo; version++) {
                for (final byte[][] operation : operations.get(version - 1)) {
                    if (operation[1] == null) {
                        tree.remove(operation[0]);
                    } else {
                        tree.set(operation[0], operation[1]);
                    }
                }
                tree.save();
            }
        }

        /** What differs between the tree's last saved version and the history's {@code version}, or {@code null}. */
        String mismatchAt(final MerkleTree tree, final int version) {
            if (!Arrays.equals(tree.rootHash(), roots.get(version))) {
                return "root " + Bytes.toHex(tree.rootHash()) + " at version " + version + ", expected "
                    + Bytes.toHex(roots.get(version));
            }
            final Map<String, byte[]> expected = contents.get(version);
            if (tree.size() != expected.size()) {
                return "size " + tree.size() + " at version " + version + ", expected " + expected.size();
            }
            for (int k = 0; k < KEY_SPACE; k++) {
                final byte[] key = key(k);
                final byte[] value = tree.get(key);
                final byte[] expectedValue = expected.get(Bytes.toHex(key));
                if (!Arrays.equals(value, expectedValue)) {
                    return "get(" + Bytes.toHex(key) + ") = " + hexOrNull(value) + " at version " + version
                        + ", expected " + hexOrNull(expectedValue);
                }
            }
            if (!Registry.engine(tree.engine()).iteratesRanges()) {
                return null;
            }
            final List<String> iterated = new ArrayList<>();
            final boolean[] valuesRight = {true};
            tree.iterate(null, null, (key, value) -> {
                iterated.add(Bytes.toHex(key));
                valuesRight[0] &= Arrays.equals(value, expected.get(Bytes.toHex(key)));
                return true;
            });
            if (!valuesRight[0] || !iterated.equals(new ArrayList<>(new TreeMap<>(expected).keySet()))) {
                return "iteration differs at version " + version + " (" + iterated.size() + " entries, expected "
                    + expected.size() + ")";
            }
            return null;
        }

        private static byte[] key(final int k) {
            return ("account/" + (k * 7919 % KEY_SPACE)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        private static String hexOrNull(final byte[] bytes) {
            return bytes == null ? "null" : Bytes.toHex(bytes);
        }
    }

    /**
     * Flips bytes the way a bad disk or a stray write would. Where: three times in four in a 4 KiB block of a file
     * that holds a non-zero byte (data, not the holes of a pre-allocated log or page file), otherwise anywhere in any
     * file, each byte of every file as likely as any other.
     */
    private static final class Damage {
        private static final int BLOCK_BYTES = 4096;

        private final List<Path> fileNames = new ArrayList<>();
        private final List<Long> fileLengths = new ArrayList<>();
        private final List<long[]> dataBlocks = new ArrayList<>();
        private long totalBytes;

        /** Surveys the files of {@code directory}: their lengths and which of their blocks hold data. */
        Damage(final Path directory) {
            try (Stream<Path> listing = Files.list(directory)) {
                for (final Path file : (Iterable<Path>) listing.sorted()::iterator) {
                    final long length = Files.size(file);
                    if (Files.isRegularFile(file) && length > 0) {
                        fileNames.add(file.getFileName());
                        fileLengths.add(length);
                        totalBytes += length;
                        surveyDataBlocks(file, fileNames.size() - 1);
                    }
                }
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void surveyDataBlocks(final Path file, final int fileIndex) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                final ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);
                for (long blockIndex = 0; ; blockIndex++) {
                    block.clear();
                    if (channel.read(block, blockIndex * BLOCK_BYTES) <= 0) {
                        return;
                    }
                    for (int i = 0; i < block.position(); i++) {
                        if (block.get(i) != 0) {
                            dataBlocks.add(new long[] {fileIndex, blockIndex});
                            break;
                        }
                    }
                }
            }
        }

        /** Inverts 1 to 8 bytes (each XORed with a random non-zero mask) in the copy {@code directory}; says where. */
        String flip(final Path directory, final SplittableRandom random) {
            final int fileIndex;
            final long offset;
            if (!dataBlocks.isEmpty() && random.nextInt(4) != 0) {
                final long[] block = dataBlocks.get(random.nextInt(dataBlocks.size()));
                fileIndex = (int) block[0];
                final long blockStart = block[1] * BLOCK_BYTES;
                offset = blockStart + random.nextLong(Math.min(BLOCK_BYTES, fileLengths.get(fileIndex) - blockStart));
            } else {
                long remaining = random.nextLong(totalBytes);
                int index = 0;
                while (remaining >= fileLengths.get(index)) {
                    remaining -= fileLengths.get(index);
                    index++;
                }
                fileIndex = index;
                offset = remaining;
            }
            final long length = fileLengths.get(fileIndex);
            final int count = (int) Math.min(1 + random.nextInt(8), length - offset);
            final Path file = directory.resolve(fileNames.get(fileIndex));
            try (RandomAccessFile access = new RandomAccessFile(file.toFile(), "rw")) {
                final byte[] bytes = new byte[count];
                access.seek(offset);
                access.readFully(bytes);
                for (int i = 0; i < count; i++) {
                    bytes[i] ^= (byte) (1 + random.nextInt(255));
                }
                access.seek(offset);
                access.write(bytes);
            } catch (final IOException e) {
                throw new UncheckedIOException(e);
            }
            return count + " bytes at " + file.getFileName() + ":" + offset + " of " + length;
        }
    }
}
