package io.merklebench.results;

import java.util.Arrays;

/**
 * The toolkit's names for what holds a loaded tree's heap, the {@code group} column of
 * {@value MemoryBreakdownCsv#FILE_NAME}. The rules that put a class (or a share of a primitive array class) into a
 * group are the memory benchmark's ({@code io.merklebench.bench.memory.HeapGroupRules}); docs/profiling.md lists
 * them. Declared in report order: the tree's own parts first, the store and the rest last.
 */
public enum HeapGroup {
    /** Instances of an engine's node classes (heap's HeapNode, paged's PagedNode, Tuweni's trie nodes). */
    NODE_OBJECTS("nodeObjects"),
    /** Primitive arrays that hold node records: array's record pages, the paged engines' page buffers. */
    NODE_ARRAYS("nodeArrays"),
    /** Key bytes, where the engine's layout tells them apart from other byte arrays. */
    KEY_BYTES("keyBytes"),
    /** Value bytes, likewise. */
    VALUE_BYTES("valueBytes"),
    /** Node hashes, likewise. */
    HASHES("hashes"),
    /** Byte arrays of the engine that no rule tells apart (keys, values, hashes and buffers together). */
    BYTE_ARRAYS("byteArrays"),
    /** The engines' node and page caches: their entries, keys and tables. */
    CACHES("caches"),
    /** What the store holds on the heap: an in-memory store's contents, store classes and their buffers. */
    STORE("store"),
    /** Everything else that grew while the tree was loaded (JDK collections, bookkeeping, class loading). */
    OTHER("other");

    private final String label;

    HeapGroup(final String label) {
        this.label = label;
    }

    /** The CSV and aux counter name, e.g. {@code nodeObjects}. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException {@code unknown heap group 'x'; expected one of: nodeObjects, ...} */
    public static HeapGroup ofLabel(final String label) {
        for (final HeapGroup group : values()) {
            if (group.label.equals(label)) {
                return group;
            }
        }
        throw new IllegalArgumentException("unknown heap group '" + label + "'; expected one of: "
            + String.join(", ", Arrays.stream(values()).map(HeapGroup::label).toList()));
    }
}
