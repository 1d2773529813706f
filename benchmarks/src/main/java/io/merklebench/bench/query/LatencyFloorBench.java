package io.merklebench.bench.query;

import io.merklebench.bench.Workload;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
/*
 * Question: what does one dependent memory access cost on this machine, in a working set as large as a tree of
 * `size` keys? A tree walk is a chain of such accesses (each node's address comes from the one before), so this is
 * the floor a get is measured against: query.hit / query.latencyFloor is the number of "misses" a get costs, a ratio
 * that holds from host to host where the absolute nanoseconds do not.
 *
 * Expected: a few ns while the buffer fits the CPU caches; about the DRAM latency (80-150 ns on a server, more under
 * a hypervisor's nested paging) once it is far larger than the last-level cache.
 *
 * Timed: STEPS steps of a pointer chase; each step reads the next position from the 64-byte line the last step
 * pointed to. The lines form one random cycle (Sattolo's algorithm, seeded), so the hardware prefetchers cannot
 * guess the next line. Not timed: laying the cycle out. The buffer is size x TREE_BYTES_PER_KEY bytes.
 */
public class LatencyFloorBench {
    /**
     * The bytes a tree holds per key: the array engine's memory per key in the standard run (299.4 B, two nodes per
     * key), rounded. The other engines hold more (heap about 500 B), so at a given size this floor is the smallest
     * working set a tree of that size has.
     */
    static final long TREE_BYTES_PER_KEY = 300;
    /** One step per cache line: the next position is at the start of a line. */
    static final int LINE_BYTES = 64;
    static final int INTS_PER_LINE = LINE_BYTES / Integer.BYTES;
    /** Steps per invocation: long enough that the call's own cost is lost in it. */
    static final int STEPS = 1024;

    /** {@code next[line * INTS_PER_LINE]} is the int index where the line after {@code line} in the cycle starts. */
    private int[] next;
    private int position;

    @Setup(Level.Trial)
    public void layOut(final Workload workload) {
        next = cycle(lines(workload.size), workload.seed);
        position = 0;
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int latencyFloor() {
        int at = position;
        for (int step = 0; step < STEPS; step++) {
            at = next[at];
        }
        position = at;
        return at;
    }

    /** Lines in a buffer as large as a tree of {@code size} keys (at least 2, so the cycle moves). */
    static int lines(final int size) {
        final long lines = Math.max(2, size * TREE_BYTES_PER_KEY / LINE_BYTES);
        if (lines * INTS_PER_LINE > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("size " + size + " needs a buffer of " + lines * LINE_BYTES
                + " bytes, beyond one Java array");
        }
        return (int) lines;
    }

    /** One random cycle through {@code lines} lines (Sattolo: every line is visited once before the first again). */
    static int[] cycle(final int lines, final long seed) {
        final int[] order = new int[lines];
        for (int i = 0; i < lines; i++) {
            order[i] = i;
        }
        final SplittableRandom random = new SplittableRandom(seed);
        for (int i = lines - 1; i > 0; i--) {
            final int j = random.nextInt(i); // j < i: Sattolo's variant gives a single cycle
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        final int[] next = new int[lines * INTS_PER_LINE];
        for (int i = 0; i < lines; i++) {
            next[i * INTS_PER_LINE] = order[i] * INTS_PER_LINE;
        }
        return next;
    }

    /*
     * Results: see results/<host>/<run>/results.csv, row query.latencyFloor (ns per dependent access), beside
     * query.hit at the same size.
     *
     * How to run:
     *   ./mbench run --profile quick --filter '^query'
     * or with plain JMH on the shaded jar:
     *   java -cp benchmarks/target/mbench.jar org.openjdk.jmh.Main 'LatencyFloorBench' -p size=1000000
     */
}
