package io.merklebench.bench.memory;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What one {@link MemoryBench} invocation measured, as JMH secondary results ({@code EVENTS}: raw values; names in
 * {@link io.merklebench.bench.AuxCounterNames}; {@code mbench run} divides the byte totals by the key and node totals). Not
 * thread-safe.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class MemoryCounters {
    /** Heap held by the open tree beyond what its store holds. */
    public long engineHeapBytes;
    /**
     * {@link #engineHeapBytes} less the key and value bytes of the tree's keys, when the engine holds at least those
     * on the heap; 0 otherwise (an engine whose nodes live off the heap).
     */
    public long engineOverheadBytes;
    /** Heap the store's contents hold (an in-memory store; about 0 for stores off the Java heap). */
    public long storeHeapBytes;
    /** Bytes of the files the closed tree left in its store directory (logs, tables, page file: what a disk holds). */
    public long diskBytes;
    /**
     * Heap the tree's fast index holds while open, as it counts itself ({@code MerkleTree.fastIndexBytes}: its table
     * and the key and value arrays it refers to); 0 with {@code fastIndex=false}. Part of {@link #engineHeapBytes}.
     */
    public long fastIndexBytes;
    /** Keys in the tree measured. */
    public long keys;
    /** Nodes of that tree: keys leaves and keys - 1 inner nodes. */
    public long nodes;
}
