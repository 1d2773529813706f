package io.merklebench.bench;

import io.merklebench.results.HeapGroup;

/**
 * The names under which JMH reports the {@code @AuxCounters} of the benchmarks (the public method or field names of
 * {@link StoreCountersAux}, {@link io.merklebench.bench.sync.SyncCountersAux} and
 * {@link io.merklebench.bench.memory.MemoryCounters}, {@link io.merklebench.bench.memory.HeapBreakdownCounters});
 * {@code mbench run} reads them
 * back by these names. Kept here because an {@code @AuxCounters} class may hold no other public field.
 */
public final class AuxCounterNames {
    /** Operations measured in the iteration. */
    public static final String OPERATIONS = "measuredOps";
    /** Syncs the toolkit issued in the iteration, as the store counts them. */
    public static final String SYNCS = "syncs";
    /** Payload bytes handed to the store in the iteration (keys, values and the store's framing). */
    public static final String STORE_BYTES = "storeBytes";
    /** Bytes of page cache the process dirtied in the iteration ({@code /proc/self/io} write_bytes; NaN: none). */
    public static final String OS_WRITE_BYTES = "osWriteBytes";
    /** Bytes the data directory's disk wrote in the iteration, device-wide ({@code /proc/diskstats}; NaN: none). */
    public static final String DEVICE_WRITE_BYTES = "deviceWriteBytes";
    /** Flush requests the data directory's disk completed in the iteration, device-wide (NaN: not exposed). */
    public static final String DEVICE_FLUSHES = "deviceFlushes";

    /** Heap held by an open tree beyond its store's share. */
    public static final String ENGINE_HEAP_BYTES = "engineHeapBytes";
    /** Heap held by an open tree beyond its key and value bytes (0 when the tree keeps them off the heap). */
    public static final String ENGINE_OVERHEAD_BYTES = "engineOverheadBytes";
    /** Heap held by an in-memory store's contents. */
    public static final String STORE_HEAP_BYTES = "storeHeapBytes";
    /** Bytes of the files in the tree's store directory once the tree is closed (0 for an in-memory store). */
    public static final String DISK_BYTES = "diskBytes";
    /** Heap the open trees' fast indexes hold ({@code MerkleTree.fastIndexBytes}); 0 without the index. */
    public static final String FAST_INDEX_BYTES = "fastIndexBytes";
    /** Keys in the trees measured. */
    public static final String KEYS = "keys";
    /** Nodes in the trees measured. */
    public static final String NODES = "nodes";

    /** Keys in the trees whose heap {@link io.merklebench.bench.memory.HeapBreakdownCounters} broke down. */
    public static final String BREAKDOWN_KEYS = "breakdownKeys";

    /** The aux counter of a heap group's bytes: {@code heap} and the label capitalised ({@code heapNodeObjects}). */
    public static String heapGroup(final HeapGroup group) {
        final String label = group.label();
        return "heap" + Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private AuxCounterNames() {
    }
}
