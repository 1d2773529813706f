package io.merklebench.bench.hash;

import io.merklebench.bench.TreeState;
import io.merklebench.bench.Workload;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.tree.MerkleTree;
import io.merklebench.core.tree.TreeEngine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
/*
 * Question: how close does an engine's root hash after `blockSize` dirty leaves come to the cost of SHA-256 alone
 * over the same bytes? (Target: within 1.5x.)
 *
 * Expected: hashing dominates; an engine adds the walk to the dirty nodes and the varint encoding. With N dirty
 * leaves in a tree of S keys about N * (log2(S) - log2(N) + 2) nodes are rehashed.
 *
 * Timed, per op:
 *   dirtyLeaves  - update the same `blockSize` loaded keys with a new value, then rootHash (set + hash);
 *   setOnly      - the same updates without rootHash (baseline: dirtyLeaves - setOnly is the hash's own cost,
 *                  unless an engine hashes inside set);
 *   sha256Floor  - SHA-256 of exactly the preimages of the nodes dirtyLeaves rehashes (every leaf's value, every
 *                  leaf and inner node's encoding), taken from the tree in setup: the floor.
 * Not timed: loading `size` keys, collecting the dirty nodes. The working tree is never saved here.
 */
public class HashBench {
    /** Leaves changed before each root hash: the leaves one block dirties. */
    @Param("100")
    public int blockSize;

    private MerkleTree tree;
    private byte[][] dirtyKeys;
    private byte[][][] valuesByVariant;
    private DirtyNodes floorNodes;
    private int invocationCount;

    @Setup(Level.Trial)
    public void load(final Workload workload, final TreeState treeState, final BenchmarkParams params) {
        if (blockSize < 1 || blockSize > workload.size) {
            throw new IllegalArgumentException("blockSize (dirty leaves) must be between 1 and size: blockSize="
                + blockSize + " size=" + workload.size);
        }
        final String scheme = Registry.engine(treeState.engine).hashScheme();
        if (!TreeEngine.HASH_SCHEME_IAVL_V1.equals(scheme)) {
            throw new IllegalArgumentException("the hash family measures IAVL hashing against its SHA-256 floor:"
                + " engine " + treeState.engine + " has hash scheme " + scheme + " (mbench run skips it)");
        }
        tree = treeState.openLoaded(workload, false, params);
        final long[] indexes = distinctIndexes(workload);
        dirtyKeys = new byte[blockSize][];
        valuesByVariant = new byte[2][blockSize][];
        for (int i = 0; i < blockSize; i++) {
            dirtyKeys[i] = workload.key(indexes[i]);
            valuesByVariant[0][i] = workload.value(indexes[i], 1);
            valuesByVariant[1][i] = workload.value(indexes[i], 2);
        }
        // The floor's preimages come from the state dirtyLeaves produces: the same shape, same versions.
        setAll(valuesByVariant[0]);
        tree.rootHash();
        floorNodes = DirtyNodes.onPaths(tree, dirtyKeys);
    }

    @Benchmark
    public byte[] dirtyLeaves() {
        setAll(valuesByVariant[invocationCount++ & 1]);
        return tree.rootHash();
    }

    @Benchmark
    public void setOnly(final Blackhole blackhole) {
        setAll(valuesByVariant[invocationCount++ & 1]);
        blackhole.consume(tree);
    }

    @Benchmark
    public byte sha256Floor() {
        return floorNodes.hashAll();
    }

    private void setAll(final byte[][] values) {
        final MerkleTree working = tree;
        final byte[][] keys = dirtyKeys;
        for (int i = 0; i < keys.length; i++) {
            working.set(keys[i], values[i]);
        }
    }

    /** {@code blockSize} different loaded keys: a repeated key would dirty fewer leaves than asked. */
    private long[] distinctIndexes(final Workload workload) {
        final Set<Long> chosen = new LinkedHashSet<>();
        long purpose = 3;
        while (chosen.size() < blockSize) {
            for (final long index : workload.randomIndexes(blockSize, workload.size, purpose++)) {
                if (chosen.size() < blockSize) {
                    chosen.add(index);
                }
            }
        }
        return chosen.stream().mapToLong(Long::longValue).toArray();
    }

    /*
     * Results: see results/<host>/<run>/results.csv, rows hash.dirtyLeaves, hash.setOnly and hash.sha256Floor
     * (one op = one root hash after `blockSize` dirty leaves); the ratio (dirtyLeaves - setOnly) / sha256Floor is the
     * engine's overhead over raw hashing.
     *
     * How to run:
     *   ./mbench run --profile quick --filter '^hash'
     * or with plain JMH on the shaded jar:
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'HashBench' -p engine=heap -p blockSize=1,100,1000
     */
}
