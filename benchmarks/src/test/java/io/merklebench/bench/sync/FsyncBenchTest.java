package io.merklebench.bench.sync;

import io.merklebench.bench.AuxCounterNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fsync benchmarks' wiring, in a very short in-process JMH run: every op is one sync of {@code writeSize} bytes,
 * and the secondary counters say so. Timing is not checked (that is what the benchmark is for).
 */
public class FsyncBenchTest {
    /**
     * JMH's /tmp/jmh.lock keeps two measuring runs apart; these runs check wiring, not timing, and must not fail
     * because someone else on the machine is benchmarking. Set before JMH's Runner class is first loaded (it reads
     * the property once).
     */
    @BeforeAll
    public static void ignoreJmhLock() {
        System.setProperty("jmh.ignoreLock", "true");
    }
    @Test
    void shouldCountOneSyncAndWriteSizeBytesPerRawWrite() throws RunnerException {
        final Collection<RunResult> results = new Runner(shortRun("FsyncBench.write")
            .param("method", "fdatasync", "msync")
            .param("writeSize", "4096")
            .build()).run();
        assertEquals(2, results.size());
        for (final RunResult result : results) {
            final Map<String, Result> secondary = result.getSecondaryResults();
            final double operations = secondary.get(AuxCounterNames.OPERATIONS).getScore();
            assertTrue(operations >= 1, "at least one measured op: " + secondary);
            assertEquals(operations, secondary.get(AuxCounterNames.SYNCS).getScore(), "one sync per op: " + secondary);
            assertEquals(operations * 4096, secondary.get(AuxCounterNames.STORE_BYTES).getScore(), "writeSize per op");
            assertTrue(result.getPrimaryResult().getStatistics().getPercentile(50) > 0);
            assertKernelCounters(secondary, operations);
        }
        assertNoFilesLeft();
    }

    /**
     * Where Linux exposes them, each op dirtied at least the page it wrote (the file's pages are clean after each
     * sync), and the device figures are measured or not exposed, never negative.
     */
    private static void assertKernelCounters(final Map<String, Result> secondary, final double operations) {
        final double osWriteBytes = secondary.get(AuxCounterNames.OS_WRITE_BYTES).getScore();
        if (Files.isReadable(Path.of("/proc/self/io"))) {
            assertTrue(osWriteBytes >= operations * 4096, "a dirtied page per op: " + secondary);
        } else {
            assertTrue(Double.isNaN(osWriteBytes), "not exposed here, so not measured: " + secondary);
        }
        for (final String device : new String[] {AuxCounterNames.DEVICE_WRITE_BYTES, AuxCounterNames.DEVICE_FLUSHES}) {
            final double value = secondary.get(device).getScore();
            assertTrue(Double.isNaN(value) || value >= 0, device + ": " + secondary);
        }
    }

    @Test
    void shouldCommitDurablyOncePerOpOnTheStore() throws RunnerException {
        final Collection<RunResult> results = new Runner(shortRun("FsyncBench.storeCommit")
            .param("store", "mem")
            .param("writeSize", "512")
            .build()).run();
        final RunResult result = results.iterator().next();
        final Map<String, Result> secondary = result.getSecondaryResults();
        assertTrue(secondary.get(AuxCounterNames.OPERATIONS).getScore() >= 1, secondary.toString());
        assertEquals(0, secondary.get(AuxCounterNames.SYNCS).getScore(), "mem issues no syncs: " + secondary);
        assertNoFilesLeft();
    }

    public static OptionsBuilder shortRun(final String include) {
        final OptionsBuilder options = new OptionsBuilder();
        options.include(include)
            .forks(0)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementTime(TimeValue.milliseconds(200))
            .shouldFailOnError(true)
            .jvmArgsAppend("-D" + SyncDirectory.DATA_DIR_PROPERTY + "=" + dataDirectory());
        System.setProperty(SyncDirectory.DATA_DIR_PROPERTY, dataDirectory().toString());
        return options;
    }

    /** Under target/, on the build's disk (forks(0) runs in this JVM, so the system property is what counts). */
    static Path dataDirectory() {
        return Path.of("target", "bench-test-data").toAbsolutePath();
    }

    public static void assertNoFilesLeft() {
        try (var files = Files.list(dataDirectory())) {
            assertEquals(java.util.List.of(), files.toList(), "benchmark files must be deleted at trial end");
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
