package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.bench.sync.SyncFilesystem;
import io.merklebench.bench.sync.SyncMethod;
import io.merklebench.bench.sync.SyncProbe;
import io.merklebench.bench.sync.SyncedFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code mbench fsync}: how many durable writes per second this disk gives, by sync method and write size, in the
 * spirit of PostgreSQL's pg_test_fsync. Refuses a directory on tmpfs or another non-persistent filesystem unless
 * {@code --force}. Writes one pre-allocated test file and deletes it afterwards (also on Ctrl-C).
 */
@Command(
    name = "fsync",
    mixinStandardHelpOptions = true,
    description = {
        "Measure durable writes per second on the disk holding DIR: each sync method (fdatasync, fsync, O_DSYNC,"
            + " O_SYNC, msync) at each write size (512 B, 4 KiB, 8 KiB, 64 KiB), overwriting a pre-allocated"
            + " 16 MiB test file. Prints ops/sec, usecs/op and latency percentiles, then the fastest method.",
        "A directory on tmpfs, ramfs or another non-persistent filesystem is refused (exit 1): syncs there never"
            + " reach a disk. --force runs anyway and says so."
    },
    footer = {"", "Example: mbench fsync --dir /mnt/data --seconds 10"})
final class FsyncCommand implements Callable<Integer> {
    static final String DEFAULT_DIRECTORY = "mbench-data";
    /** The test file is {@code mbench-fsync-<PID>.tmp}: the PID tells a stale file from a running one's. */
    static final String TEST_FILE_PREFIX = "mbench-fsync-";
    static final double DEFAULT_SECONDS = 30;
    static final double MIN_SECONDS = 0.1;
    static final double MAX_SECONDS = 3600;
    /** Share of each case's time run first and not recorded. */
    static final double WARMUP_SHARE = 0.1;
    static final int[] WRITE_SIZES = {512, 4096, 8192, 65536};
    /**
     * A single writer getting more durable writes per second than this is almost certainly being acknowledged by a
     * write cache rather than the media (a flush to flash or a platter takes well over 0.5 ms without one).
     */
    static final double WRITE_CACHE_HINT_OPS_PER_SECOND = 2000;

    @Option(names = "--dir", paramLabel = "DIR", description = "directory on the disk to test; must exist"
        + " (default: ./" + DEFAULT_DIRECTORY + ", created if missing)")
    private Path directory;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "30",
        description = "total measuring time, shared by the 20 cases (default: ${DEFAULT-VALUE})")
    private double seconds;

    @Option(names = "--force", description = "run even on a non-persistent filesystem such as tmpfs")
    private boolean force;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        if (!(seconds >= MIN_SECONDS && seconds <= MAX_SECONDS)) {
            throw new UserErrors.UserException("--seconds must be between " + MIN_SECONDS + " and " + MAX_SECONDS
                + ": --seconds=" + seconds);
        }
        final Path testDirectory = resolveDirectory();
        final SyncFilesystem mount = SyncFilesystem.of(testDirectory);
        if (mount.volatileStorage()) {
            if (!force) {
                throw new UserErrors.UserException("refusing to measure syncs on a non-persistent filesystem: directory="
                    + testDirectory + " " + mount.describe() + ". Syncs there never reach a disk, so the numbers"
                    + " would mean nothing; use --dir on the disk to test, or --force to run anyway");
            }
            out.println("WARNING: --force given: directory=" + testDirectory + " is on a non-persistent filesystem ("
                + mount.describe() + "); these numbers do NOT measure a disk");
        }
        removeStaleTestFiles(testDirectory, out);
        final Path testFile = testDirectory.resolve(TEST_FILE_PREFIX + ProcessHandle.current().pid() + ".tmp");
        final Thread deleteOnInterrupt = new Thread(() -> deleteQuietly(testFile), "mbench-fsync-cleanup");
        Runtime.getRuntime().addShutdownHook(deleteOnInterrupt);
        try {
            final List<SyncProbe.Result> results = runAll(out, testDirectory, mount, testFile);
            printVerdict(out, results);
        } finally {
            deleteQuietly(testFile);
            Runtime.getRuntime().removeShutdownHook(deleteOnInterrupt);
        }
        return 0;
    }

    /**
     * Deletes the test files of earlier runs whose process is gone (a SIGKILLed run cannot delete its own 16 MiB
     * file). A file whose PID is alive belongs to a run in progress and stays.
     */
    static void removeStaleTestFiles(final Path testDirectory, final PrintWriter out) {
        final Pattern name = Pattern.compile(Pattern.quote(TEST_FILE_PREFIX) + "(\\d+)\\.tmp");
        try (Stream<Path> files = Files.list(testDirectory)) {
            for (final Path file : files.toList()) {
                final Matcher matcher = name.matcher(file.getFileName().toString());
                if (matcher.matches() && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty()) {
                    deleteQuietly(file);
                    out.println("removed the test file of an earlier run that did not finish: " + file);
                }
            }
        } catch (final IOException | NumberFormatException e) {
            // a listing that fails here fails again, with a message, when the test file is created
        }
    }

    private Path resolveDirectory() {
        if (directory == null) {
            return Directories.prepareWritable(Path.of(DEFAULT_DIRECTORY), "fsync test directory");
        }
        final Path absolute = directory.toAbsolutePath().normalize();
        if (!Files.exists(absolute)) {
            throw new UserErrors.UserException("fsync test directory does not exist: " + absolute);
        }
        if (!Files.isDirectory(absolute)) {
            throw new UserErrors.UserException("fsync test directory is not a directory: " + absolute);
        }
        if (!Files.isWritable(absolute)) {
            throw new UserErrors.UserException("fsync test directory is not writable: " + absolute);
        }
        return absolute;
    }

    private List<SyncProbe.Result> runAll(final PrintWriter out, final Path testDirectory, final SyncFilesystem mount,
                                          final Path testFile) {
        final SyncMethod[] methods = SyncMethod.values();
        final int caseCount = methods.length * WRITE_SIZES.length;
        final long caseNanos = (long) (seconds * 1e9 / caseCount);
        final long warmupNanos = (long) (caseNanos * WARMUP_SHARE);
        out.printf(Locale.ROOT, "mbench fsync: directory=%s %s%n", testDirectory, mount.describe());
        out.printf(Locale.ROOT, "test file: %s (%d MiB, pre-allocated and synced, then overwritten in place)%n",
            testFile.getFileName(), SyncedFile.FILE_LENGTH >> 20);
        out.printf(Locale.ROOT, "%d cases x %.2f s each (first %.0f%% warm-up, not counted); one writer thread%n",
            caseCount, caseNanos / 1e9, WARMUP_SHARE * 100);
        out.flush();
        SyncedFile.preallocate(testFile);
        final List<SyncProbe.Result> results = new ArrayList<>();
        int caseNumber = 0;
        for (final int writeSize : WRITE_SIZES) {
            out.printf(Locale.ROOT, "%nwriteSize=%d bytes%n", writeSize);
            out.printf(Locale.ROOT, "  %-10s %10s %10s %10s %10s %10s %10s   %s%n",
                "method", "ops/sec", "usecs/op", "p50", "p99", "p99.9", "max", "(latencies in usecs)");
            out.flush();
            for (final SyncMethod method : methods) {
                caseNumber++;
                final SyncProbe.Result result =
                    SyncProbe.measure(testFile, method, writeSize, warmupNanos, caseNanos - warmupNanos);
                results.add(result);
                out.printf(Locale.ROOT, "  %-10s %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f   [%d/%d]%n",
                    method, result.opsPerSecond(), result.microsPerOp(), result.p50Nanos() / 1e3,
                    result.p99Nanos() / 1e3, result.p999Nanos() / 1e3, result.maxNanos() / 1e3, caseNumber, caseCount);
                out.flush();
            }
        }
        return results;
    }

    /** Per write size the method with the most ops/sec; overall the one that wins most sizes (ties: larger rate). */
    private static void printVerdict(final PrintWriter out, final List<SyncProbe.Result> results) {
        out.println();
        final Map<SyncMethod, Integer> winsByMethod = new EnumMap<>(SyncMethod.class);
        final Map<SyncMethod, Double> bestRateByMethod = new EnumMap<>(SyncMethod.class);
        double fastestRate = 0;
        for (final int writeSize : WRITE_SIZES) {
            SyncProbe.Result best = null;
            for (final SyncProbe.Result result : results) {
                if (result.writeSizeBytes() == writeSize && (best == null || result.opsPerSecond() > best.opsPerSecond())) {
                    best = result;
                }
            }
            if (best == null) {
                continue;
            }
            out.printf(Locale.ROOT, "fastest at writeSize=%d: %s (%.1f ops/sec)%n", writeSize, best.method(),
                best.opsPerSecond());
            winsByMethod.merge(best.method(), 1, Integer::sum);
            bestRateByMethod.merge(best.method(), best.opsPerSecond(), Math::max);
            fastestRate = Math.max(fastestRate, best.opsPerSecond());
        }
        SyncMethod overall = null;
        for (final Map.Entry<SyncMethod, Integer> entry : winsByMethod.entrySet()) {
            if (overall == null || entry.getValue() > winsByMethod.get(overall)
                || (entry.getValue().equals(winsByMethod.get(overall))
                    && bestRateByMethod.get(entry.getKey()) > bestRateByMethod.get(overall))) {
                overall = entry.getKey();
            }
        }
        out.printf(Locale.ROOT, "fastest method on this disk: %s (fastest at %d of %d write sizes): %s%n", overall,
            winsByMethod.get(overall), WRITE_SIZES.length, overall.description());
        if (fastestRate > WRITE_CACHE_HINT_OPS_PER_SECOND) {
            out.printf(Locale.ROOT, "note: %.0f durable writes/sec from one writer means the device acknowledges"
                + " flushes from a write cache; they survive power loss only if that cache is battery- or"
                + " capacitor-backed%n", fastestRate);
        }
        out.flush();
    }

    private static void deleteQuietly(final Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (final IOException ignored) {
            // the name says what it is; a later run uses another pid
        }
    }
}
