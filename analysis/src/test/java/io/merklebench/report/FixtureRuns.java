package io.merklebench.report;

import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultColumns;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RowKey;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SampleRow;
import io.merklebench.results.SamplesCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

/**
 * Writes synthetic but realistic run folders for tests: every benchmark family with its usual parameters, 3 forks ×
 * 5 iterations per row with seeded noise (1% between forks, 2% between iterations of a fork), through the
 * production writers. Public so the cli tests can use it.
 */
public final class FixtureRuns {
    /** Relative standard deviation of an iteration around its fork's mean. */
    public static final double NOISE = 0.02;
    /** Relative standard deviation of a fork's mean around the row's centre (what differs between JVMs). */
    public static final double FORK_NOISE = 0.01;
    public static final int FORKS = 3;
    public static final int ITERATIONS = 5;

    private FixtureRuns() {
    }

    /** A run with no slowdown. */
    public static Path write(final Path resultsRoot, final String hostLabel, final String startUtc, final long seed)
        throws IOException {
        return write(resultsRoot, hostLabel, startUtc, seed, key -> 1.0, Map.of());
    }

    /**
     * Writes {@code resultsRoot/<hostLabel>/<start>/} with host.properties, results.csv and samples.csv.
     *
     * @param timeFactor per row, how much longer each operation takes than the baseline (1.1 = 10% slower); for
     *     throughput rows the score is divided by it
     * @param factOverrides host facts replacing the defaults (e.g. a different cpu.model)
     */
    public static Path write(final Path resultsRoot, final String hostLabel, final String startUtc, final long seed,
                             final ToDoubleFunction<RowKey> timeFactor, final Map<String, String> factOverrides)
        throws IOException {
        return write(resultsRoot, hostLabel, startUtc, seed, timeFactor, factOverrides, FORKS, (key, fork) -> 1.0);
    }

    /**
     * As {@link #write(Path, String, String, long, ToDoubleFunction, Map)}, with {@code forks} forks per row and
     * {@code forkFactor} scaling the time of one fork of one row on top of the seeded noise (fork is 1-based), e.g.
     * {@code 0.8, 1.0, 1.3} for a row whose forks disagree.
     */
    public static Path write(final Path resultsRoot, final String hostLabel, final String startUtc, final long seed,
                             final ToDoubleFunction<RowKey> timeFactor, final Map<String, String> factOverrides,
                             final int forks, final ToDoubleBiFunction<RowKey, Integer> forkFactor)
        throws IOException {
        final Instant start = Instant.parse(startUtc);
        final Path run = Files.createDirectories(RunFolder.runDirectory(resultsRoot, hostLabel, start));
        final HostProperties host = new HostProperties()
            .put(HostProperties.LABEL, hostLabel)
            .put(HostProperties.CPU_MODEL, "Intel(R) Xeon(R) CPU @ 2.20GHz")
            .put(HostProperties.CPU_CORES, "2")
            .put(HostProperties.MEMORY_BYTES, "8589934592")
            .put(HostProperties.DISK_MODEL, "PersistentDisk")
            .put(HostProperties.DISK_ROTATIONAL, "false")
            .put(HostProperties.FS_TYPE, "ext4")
            .put(HostProperties.FS_MOUNT_OPTIONS, "rw,relatime")
            .put(HostProperties.KERNEL, "6.1.0-27-cloud-amd64")
            .put(HostProperties.OS, "Debian GNU/Linux 12 (bookworm)")
            .put(HostProperties.JVM_VENDOR, "Eclipse Adoptium")
            .put(HostProperties.JVM_VERSION, "17.0.13+11")
            .put(HostProperties.JVM_FLAGS, "-Xmx2g")
            .put(HostProperties.TOOLKIT_VERSION, "0.1.0-SNAPSHOT")
            .put(HostProperties.GIT_COMMIT, "c7d9feb")
            .put(HostProperties.PROFILE, "quick")
            .put(HostProperties.RUN_START_UTC, startUtc)
            .put(HostProperties.RUN_SECONDS, "300")
            .put(HostProperties.FORMAT_VERSION, ResultColumns.FORMAT_VERSION);
        factOverrides.forEach(host::put);
        host.write(run.resolve(HostProperties.FILE_NAME));

        final SplittableRandom random = new SplittableRandom(seed);
        final List<ResultRow> results = new ArrayList<>();
        final List<SampleRow> samples = new ArrayList<>();
        for (final Spec spec : specs()) {
            final RowKey key = new RowKey(spec.benchmark, spec.params);
            final double factor = timeFactor.applyAsDouble(key);
            final double center = spec.unit.startsWith("ops/") ? spec.baseline / factor : spec.baseline * factor;
            double sum = 0;
            for (int fork = 1; fork <= forks; fork++) {
                final double forkTime = forkFactor.applyAsDouble(key, fork);
                final double forkCenter = (spec.unit.startsWith("ops/") ? center / forkTime : center * forkTime)
                    * (1 + FORK_NOISE * gaussian(random));
                for (int iteration = 1; iteration <= ITERATIONS; iteration++) {
                    final double value = forkCenter * (1 + NOISE * gaussian(random));
                    sum += value;
                    samples.add(new SampleRow(spec.benchmark, spec.params, spec.mode, spec.unit, fork, iteration,
                        value));
                }
            }
            final int count = forks * ITERATIONS;
            final ResultRow.Builder row = ResultRow.builder(spec.benchmark).params(spec.params).mode(spec.mode)
                .unit(spec.unit).score(sum / count).error(center * NOISE * 1.5).samples(count);
            if (!Double.isNaN(spec.syncsPerOp)) {
                row.syncsPerOp(spec.syncsPerOp).storeBytesPerOp(spec.bytesPerOp);
            }
            results.add(row.build());
        }
        ResultsCsv.write(run.resolve(ResultsCsv.FILE_NAME), results);
        SamplesCsv.write(run.resolve(SamplesCsv.FILE_NAME), samples);
        return run;
    }

    /** The families every fixture run contains. */
    public static List<String> families() {
        return List.of("batch", "block", "fsync", "hash", "memory", "query");
    }

    private record Spec(String benchmark, Map<String, String> params, String mode, String unit, double baseline,
                        double syncsPerOp, double bytesPerOp) {
    }

    private static List<Spec> specs() {
        final List<Spec> specs = new ArrayList<>();
        for (final String engine : List.of("heap", "array")) {
            for (final String store : List.of("mem", "rocksdb")) {
                final double storeFactor = store.equals("rocksdb") ? 3 : 1;
                for (final int size : List.of(10_000, 100_000)) {
                    final double depth = Math.log10(size);
                    specs.add(new Spec("query.hit", params("engine", engine, "store", store, "size", size,
                        "keyLen", 32, "valueLen", 100), "avgt", "ns/op", 120 * depth * storeFactor, Double.NaN, 0));
                    specs.add(new Spec("query.miss", params("engine", engine, "store", store, "size", size,
                        "keyLen", 32, "valueLen", 100), "avgt", "ns/op", 90 * depth * storeFactor, Double.NaN, 0));
                }
                for (final int size : List.of(10_000, 100_000, 1_000_000)) {
                    specs.add(new Spec("block.tx", params("engine", engine, "store", store, "size", size,
                        "keyLen", 32, "valueLen", 100, "blockSize", 100, "durable", "true"), "avgt", "us/op",
                        2.5 * Math.log10(size) * storeFactor * (engine.equals("array") ? 0.7 : 1), 0.01, 420));
                }
            }
            for (final int size : List.of(10_000, 100_000)) {
                specs.add(new Spec("hash.dirtyLeaves", params("engine", engine, "size", size, "blockSize", 100),
                    "avgt", "us/op", 30 * Math.log10(size), Double.NaN, 0));
                specs.add(new Spec("memory.perKey", params("engine", engine, "size", size, "keyLen", 32,
                    "valueLen", 100), "ss", "B/key", engine.equals("heap") ? 310 : 190, Double.NaN, 0));
            }
        }
        for (final String method : List.of("fdatasync", "fsync", "O_DSYNC")) {
            for (final int writeSize : List.of(512, 4096, 65536)) {
                specs.add(new Spec("fsync.write", params("method", method, "writeSize", writeSize), "avgt", "us/op",
                    (method.equals("fsync") ? 1400 : 1000) + writeSize / 100.0, 1, writeSize));
            }
        }
        for (final int batch : List.of(1, 4, 16, 64, 256)) {
            specs.add(new Spec("batch.writesPerSync", params("store", "rocksdb", "durable", "true", "batch", batch,
                "threads", 1), "thrpt", "ops/s", 1000.0 * batch / (1 + batch / 64.0), 1.0 / batch, 140));
        }
        for (final int threads : List.of(1, 4, 16, 64)) {
            specs.add(new Spec("batch.groupCommit", params("store", "rocksdb", "durable", "true", "batch", 1,
                "threads", threads), "thrpt", "ops/s", 1000.0 * threads / (1 + threads / 16.0), 1.0 / threads, 140));
        }
        return specs;
    }

    private static Map<String, String> params(final Object... namesAndValues) {
        final Map<String, String> params = new LinkedHashMap<>();
        for (int index = 0; index < namesAndValues.length; index += 2) {
            params.put((String) namesAndValues[index], String.valueOf(namesAndValues[index + 1]));
        }
        return params;
    }

    private static double gaussian(final SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
