package io.merklebench.bench.memory;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What one {@link HeapBreakdownBench} invocation found, as JMH secondary results ({@code EVENTS}: raw byte totals,
 * one per {@link io.merklebench.results.HeapGroup}, named {@code heap<Group>} as
 * {@link io.merklebench.bench.AuxCounterNames#heapGroup} spells them); {@code mbench run} divides them by
 * {@link #breakdownKeys} and writes memory-breakdown.csv. Not thread-safe.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class HeapBreakdownCounters {
    public long heapNodeObjects;
    public long heapNodeArrays;
    public long heapKeyBytes;
    public long heapValueBytes;
    public long heapHashes;
    public long heapByteArrays;
    public long heapCaches;
    public long heapStore;
    public long heapOther;
    /** Keys in the trees measured. */
    public long breakdownKeys;
}
