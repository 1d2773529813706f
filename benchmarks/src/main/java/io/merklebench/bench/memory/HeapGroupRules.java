package io.merklebench.bench.memory;

import io.merklebench.array.ArrayMemoryStats;
import io.merklebench.results.HeapGroup;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the classes of a loaded tree's class histograms into {@link HeapGroup}s, the toolkit's terms. Stateless.
 *
 * <p>Two histogram deltas come in, as {@link HeapBreakdownBench} takes them: what the store keeps once the tree is
 * closed (an in-memory store's contents: all of it is {@link HeapGroup#STORE}) and what closing the tree freed (the
 * engine's part). In the engine's part, by class name:
 * <ol>
 *   <li>store classes and their buffers ({@link #STORE_PREFIXES}: the backends, RocksDB, LevelDB, LMDB, Agrona,
 *       Chronicle, the page file, direct buffers) are {@link HeapGroup#STORE};</li>
 *   <li>the engine's node classes are {@link HeapGroup#NODE_OBJECTS}: heap's {@code HeapNode}, the paged engines'
 *       {@code PagedNode}, Tuweni's trie nodes for mpt (with the AtomicReference and SoftReference through which a
 *       StoredNode holds its loaded node); Tuweni's {@code Bytes} wrappers are {@link HeapGroup#BYTE_ARRAYS};</li>
 *   <li>the engine's cache classes are {@link HeapGroup#CACHES}: heap's {@code HeapNodeCache} with its keys and,
 *       since that cache is a {@code LinkedHashMap}, every {@code LinkedHashMap$Entry} and {@code HashMap$Node[]}
 *       the heap engine freed; the paged engines' {@code PageCache} and its {@code Page} flyweights;</li>
 *   <li>byte arrays ({@code [B}) cannot be told apart by class, so each engine's layout decides
 *       ({@link #splitByteArrays}); other primitive arrays and everything else are {@link HeapGroup#OTHER}.</li>
 * </ol>
 */
final class HeapGroupRules {
    static final String BYTE_ARRAY = "[B";
    /**
     * Bytes of a byte[] header with compressed class pointers (HotSpot's default below 32 GB of heap): 12 of mark
     * word and class, 4 of length; objects are aligned to 8 bytes.
     */
    static final int BYTE_ARRAY_HEADER_BYTES = 16;
    private static final int OBJECT_ALIGNMENT_BYTES = 8;
    private static final int HASH_LENGTH_BYTES = 32;

    private static final List<String> STORE_PREFIXES = List.of("io.merklebench.backends.", "org.rocksdb.",
        "org.fusesource.", "org.iq80.", "org.lmdbjava.", "org.agrona.", "net.openhft.", "jnr.",
        "io.merklebench.paged.PageFile", "io.merklebench.paged.MappedPageFile", "io.merklebench.paged.CommitHeader",
        "io.merklebench.paged.PageBitmap", "java.nio.DirectByteBuffer", "java.nio.MappedByteBuffer",
        "jdk.internal.ref.Cleaner");

    /**
     * What the benchmark knows of the tree measured besides its histograms.
     *
     * @param arrayStats the array engine's own byte counts ({@code ArrayTree.memoryStats()}); null for other engines
     */
    record TreeFacts(String engine, long keyCount, int keyLengthBytes, int valueLengthBytes,
                     ArrayMemoryStats arrayStats) {
    }

    private HeapGroupRules() {
    }

    /**
     * Bytes per group, every group present.
     *
     * @param storeDelta  histogram with the tree closed minus the one before it was opened
     * @param engineDelta histogram with the tree open minus the one with it closed
     */
    static Map<HeapGroup, Long> group(final TreeFacts facts, final ClassHistogram storeDelta,
                                      final ClassHistogram engineDelta) {
        final Map<HeapGroup, Long> bytes = new EnumMap<>(HeapGroup.class);
        for (final HeapGroup group : HeapGroup.values()) {
            bytes.put(group, 0L);
        }
        bytes.merge(HeapGroup.STORE, storeDelta.totalBytes(), Long::sum);
        engineDelta.byClass().forEach((className, entry) -> {
            if (!className.equals(BYTE_ARRAY)) {
                bytes.merge(groupOf(facts.engine(), className), entry.bytes(), Long::sum);
            }
        });
        splitByteArrays(facts, engineDelta.bytesOf(BYTE_ARRAY)).forEach((group, part) ->
            bytes.merge(group, part, Long::sum));
        return bytes;
    }

    /** The group of a class other than byte[] in the engine's part of the heap. */
    static HeapGroup groupOf(final String engine, final String className) {
        if (STORE_PREFIXES.stream().anyMatch(className::startsWith)) {
            return HeapGroup.STORE;
        }
        switch (engine) {
            case "heap":
                if (className.equals("io.merklebench.heap.HeapNode")) {
                    return HeapGroup.NODE_OBJECTS;
                }
                if (className.startsWith("io.merklebench.heap.HeapNodeCache")
                    || className.equals("java.util.LinkedHashMap$Entry")
                    || className.equals("[Ljava.util.HashMap$Node;")) {
                    return HeapGroup.CACHES;
                }
                break;
            case "paged15":
            case "paged31":
                if (className.equals("io.merklebench.paged.PagedNode")) {
                    return HeapGroup.NODE_OBJECTS;
                }
                if (className.equals("io.merklebench.paged.PageCache")
                    || className.equals("io.merklebench.paged.Page")) {
                    return HeapGroup.CACHES;
                }
                break;
            case "mpt":
                // Tuweni's StoredNode holds its loaded node through an AtomicReference to a SoftReference: one of
                // each per StoredNode (measured: 26,878 of all three at 20k keys), part of the node's cost.
                if (className.startsWith("org.apache.tuweni.trie.") && className.contains("Node")
                    && !className.contains("Factory") && !className.contains("Visitor")
                    || className.equals("java.lang.ref.SoftReference")
                    || className.equals("java.util.concurrent.atomic.AtomicReference")) {
                    return HeapGroup.NODE_OBJECTS;
                }
                // Tuweni's Bytes and Bytes32 wrap the byte arrays of keys, values, hashes and encodings.
                if (className.startsWith("org.apache.tuweni.bytes.")) {
                    return HeapGroup.BYTE_ARRAYS;
                }
                break;
            default:
                break;
        }
        return HeapGroup.OTHER;
    }

    /**
     * The engine's byte[] bytes by what its layout puts in them. Parts are taken in order and each is capped at what
     * is left, so the groups never sum to more than the histogram's byte[] bytes:
     * <ul>
     *   <li>array: record pages ({@link HeapGroup#NODE_ARRAYS}), hash pages ({@link HeapGroup#HASHES}) and the
     *       arena's live leaf bytes split into keys and values by the workload's lengths, as the engine counts them
     *       ({@link ArrayMemoryStats}); arena slack (freed leaves, capacity not yet used) and scratch arrays are
     *       {@link HeapGroup#OTHER};</li>
     *   <li>heap: one value array per leaf and one 32-byte hash array per node (the node format, HeapNode: a
     *       parent shares its child's hash array), computed from the key count; the rest, leaf keys and inner-node
     *       key copies, is {@link HeapGroup#KEY_BYTES};</li>
     *   <li>paged15, paged31: {@link HeapGroup#NODE_ARRAYS}, the cached pages' copies (keys and values of the
     *       working tree's unsaved nodes are byte[] too, but after a save there are none);</li>
     *   <li>any other engine (mpt, flat): {@link HeapGroup#BYTE_ARRAYS}, not told apart.</li>
     * </ul>
     */
    static Map<HeapGroup, Long> splitByteArrays(final TreeFacts facts, final long byteArrayBytes) {
        final Map<HeapGroup, Long> parts = new EnumMap<>(HeapGroup.class);
        long left = byteArrayBytes;
        switch (facts.engine()) {
            case "array": {
                final ArrayMemoryStats stats = facts.arrayStats();
                if (stats == null) {
                    parts.put(HeapGroup.BYTE_ARRAYS, left);
                    return parts;
                }
                final long leafBytes = stats.arenaLeafBytes();
                final int entryLength = facts.keyLengthBytes() + facts.valueLengthBytes();
                final long keyBytes = entryLength == 0 ? 0 : leafBytes * facts.keyLengthBytes() / entryLength;
                left = take(parts, HeapGroup.NODE_ARRAYS, stats.recordCapacityBytes(), left);
                left = take(parts, HeapGroup.HASHES, stats.hashCapacityBytes(), left);
                left = take(parts, HeapGroup.KEY_BYTES, keyBytes, left);
                left = take(parts, HeapGroup.VALUE_BYTES, leafBytes - keyBytes, left);
                parts.put(HeapGroup.OTHER, left);
                return parts;
            }
            case "heap": {
                final long nodes = facts.keyCount() == 0 ? 0 : 2 * facts.keyCount() - 1;
                left = take(parts, HeapGroup.VALUE_BYTES,
                    facts.keyCount() * byteArrayBytes(facts.valueLengthBytes()), left);
                left = take(parts, HeapGroup.HASHES, nodes * byteArrayBytes(HASH_LENGTH_BYTES), left);
                parts.put(HeapGroup.KEY_BYTES, left);
                return parts;
            }
            case "paged15":
            case "paged31":
                parts.put(HeapGroup.NODE_ARRAYS, left);
                return parts;
            default:
                parts.put(HeapGroup.BYTE_ARRAYS, left);
                return parts;
        }
    }

    /** Heap bytes of one byte[] of {@code length} bytes: header plus payload, aligned. */
    static long byteArrayBytes(final int length) {
        final long raw = BYTE_ARRAY_HEADER_BYTES + (long)length;
        return (raw + OBJECT_ALIGNMENT_BYTES - 1) / OBJECT_ALIGNMENT_BYTES * OBJECT_ALIGNMENT_BYTES;
    }

    private static long take(final Map<HeapGroup, Long> parts, final HeapGroup group, final long wanted,
                             final long left) {
        final long taken = Math.max(0, Math.min(wanted, left));
        parts.merge(group, taken, Long::sum);
        return left - taken;
    }
}
