package io.merklebench.bench.sync;

import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Measures one sync method at one write size for a fixed time, outside JMH: what {@code mbench fsync} runs for each
 * case. A warm-up share of the time is run first and not recorded (JIT, first touch of the file's pages). Latencies
 * go into an HdrHistogram with 3 significant digits, i.e. within 0.1% from 1 µs to {@value #MAX_LATENCY_SECONDS} s.
 * Not thread-safe.
 */
public final class SyncProbe {
    /** Longest latency tracked; a sync slower than this is recorded as this value (and shows up as max). */
    static final long MAX_LATENCY_SECONDS = 60;
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(MAX_LATENCY_SECONDS);
    private static final int SIGNIFICANT_DIGITS = 3;

    private SyncProbe() {
    }

    /**
     * Runs {@code method} at {@code writeSizeBytes} on {@code preallocatedFile} (made by
     * {@link SyncedFile#preallocate}) for {@code warmupNanos}, then measures for {@code measureNanos}; at least one
     * sync is measured however short the time.
     */
    public static Result measure(final Path preallocatedFile, final SyncMethod method, final int writeSizeBytes,
                                 final long warmupNanos, final long measureNanos) {
        final Histogram latencies = new Histogram(1, MAX_LATENCY_NANOS, SIGNIFICANT_DIGITS);
        try (SyncedFile file = SyncedFile.openPreallocated(preallocatedFile, method, writeSizeBytes)) {
            final long warmupEndNanos = System.nanoTime() + warmupNanos;
            while (System.nanoTime() < warmupEndNanos) {
                file.writeAndSync();
            }
            final long startNanos = System.nanoTime();
            final long endNanos = startNanos + measureNanos;
            long nowNanos = startNanos;
            do {
                final long beforeNanos = nowNanos;
                file.writeAndSync();
                nowNanos = System.nanoTime();
                latencies.recordValue(Math.min(Math.max(1, nowNanos - beforeNanos), MAX_LATENCY_NANOS));
            } while (nowNanos < endNanos);
            return new Result(method, writeSizeBytes, latencies.getTotalCount(), nowNanos - startNanos,
                latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(99),
                latencies.getValueAtPercentile(99.9), latencies.getMaxValue());
        }
    }

    /**
     * One case's outcome; latencies in nanoseconds.
     *
     * @param syncCount    syncs measured
     * @param elapsedNanos wall time they took, back to back
     */
    public record Result(SyncMethod method, int writeSizeBytes, long syncCount, long elapsedNanos,
                         long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos) {
        public double opsPerSecond() {
            return syncCount * 1e9 / elapsedNanos;
        }

        public double microsPerOp() {
            return elapsedNanos / 1e3 / syncCount;
        }
    }
}
