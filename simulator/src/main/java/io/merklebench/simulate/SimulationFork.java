package io.merklebench.simulate;

import io.merklebench.core.registry.Registry;
import io.merklebench.results.SimulationCsv;
import io.merklebench.simulate.plan.PlanException;
import io.merklebench.simulate.plan.PlanFile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The main class of one simulation fork: a fresh JVM that {@code mbench simulate} starts per engine x store x fork,
 * so that each one's memory (heap, resident set) and JIT state are its own. It runs a {@link Simulation} and writes
 * into its fork folder {@code simulation.csv} (its rows, rewritten every half minute and at the end) and
 * {@code outcome.properties} (app hash, versions done, whole-run reader percentiles, peak RSS, final disk usage, at
 * the end), the parent merging them into the run folder.
 *
 * <p>Ctrl-C (SIGINT to the process group) or the parent's death stops it at the next version boundary; what was
 * measured is still written, and {@code outcome.properties} says {@code stopped=true}. Exit codes: 0 done or
 * stopped (130 or 143 when the signal's shutdown was already under way: the parent judges a fork by its outcome
 * file, not its exit code), 1 a wrong answer or failure (the message on standard error), 2 bad arguments.
 *
 * <p>Arguments: {@code PLAN_JSON ENGINE STORE DATA_DIR FORK_DIR VERSIONS FORK PARENT_PID [CHANGESET_FILE]}.
 */
public final class SimulationFork {
    /** Rows of the fork, in its folder. */
    public static final String ROWS_FILE = SimulationCsv.FILE_NAME;
    /** What the fork measured beyond the rows. */
    public static final String OUTCOME_FILE = "outcome.properties";
    private static final long STOP_WAIT_SECONDS = 300;
    private static final long PARENT_CHECK_MILLIS = 1000;

    private SimulationFork() {
    }

    public static void main(final String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(final String[] args, final PrintStream out, final PrintStream err) {
        if (args.length < 8 || args.length > 9) {
            err.println("usage: SimulationFork PLAN_JSON ENGINE STORE DATA_DIR FORK_DIR VERSIONS FORK PARENT_PID"
                + " [CHANGESET_FILE]");
            return 2;
        }
        final ShutdownStop stop = ShutdownStop.install("mbench-simulate-stop", STOP_WAIT_SECONDS);
        watchParent(Long.parseLong(args[7]), stop);
        Path dataDirectory = null;
        try {
            final Path forkDirectory = Path.of(args[4]);
            final Simulation.Settings settings = new Simulation.Settings(PlanFile.read(Path.of(args[0])), args[1],
                args[2], Path.of(args[3]), Long.parseLong(args[5]), Integer.parseInt(args[6]), false,
                args.length == 9 ? Path.of(args[8]) : null, line -> {
                    out.println("  " + line);
                    out.flush();
                }, stop::requested);
            dataDirectory = settings.dataDirectory();
            // Rows are rewritten every half minute, so a fork that crashes keeps most of what it measured.
            Files.createDirectories(forkDirectory);
            final Simulation.Outcome outcome = new Simulation(settings, rowsSoFar -> {
                try {
                    SimulationCsv.write(forkDirectory.resolve(ROWS_FILE), rowsSoFar);
                } catch (final IOException e) {
                    err.println("simulate: could not checkpoint " + forkDirectory.resolve(ROWS_FILE) + ": " + e);
                }
            }).run();
            write(forkDirectory, outcome);
            if (outcome.failure() != null) {
                err.println("simulate: " + args[1] + ":" + args[2] + " " + outcome.failure() + "; its versions so far"
                    + " are in simulation.csv. Give the forks more heap with --jvm-args '-Xmx<size>', or run fewer"
                    + " keys or kept versions");
            }
            return outcome.failure() == null ? 0 : 1;
        } catch (final OutOfMemoryError e) {
            err.println("simulate: " + args[1] + ":" + args[2] + " ran out of Java heap (max heap "
                + Runtime.getRuntime().maxMemory() / (1L << 20) + " MiB): give the forks more with --jvm-args"
                + " '-Xmx<size>', or run fewer keys or kept versions");
            return 1;
        } catch (final PlanException | SimulationException e) {
            err.println("simulate: " + e.getMessage());
            return 1;
        } catch (final IOException | RuntimeException e) {
            // An engine or store bug (an IllegalArgumentException included): the stack trace helps its author.
            err.println("simulate: " + args[1] + ":" + args[2] + " failed: " + e);
            e.printStackTrace(err);
            return 1;
        } finally {
            if (dataDirectory != null && !parentAlive(Long.parseLong(args[7]))) {
                // Nobody is left to delete the stores' data (the parent does it after every fork).
                try {
                    deleteData(args[2], dataDirectory);
                } catch (final IOException | RuntimeException e) {
                    err.println("simulate: could not delete " + dataDirectory + ": " + e);
                }
            }
            stop.close();
        }
    }

    /** Requests a stop when the parent process is gone, so a fork never outlives its {@code mbench simulate}. */
    private static void watchParent(final long parentPid, final ShutdownStop stop) {
        final Thread watchdog = new Thread(() -> {
            while (!stop.requested()) {
                if (parentAlive(parentPid)) {
                    try {
                        Thread.sleep(PARENT_CHECK_MILLIS);
                    } catch (final InterruptedException e) {
                        return;
                    }
                } else {
                    stop.request();
                }
            }
        }, "mbench-simulate-parent-watch");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static boolean parentAlive(final long parentPid) {
        return ProcessHandle.of(parentPid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Deletes a fork's data folder: the store's own files first (a store may keep some elsewhere), then the rest. */
    public static void deleteData(final String store, final Path directory) throws IOException {
        Registry.store(store).destroy(directory);
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (final Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void write(final Path forkDirectory, final Simulation.Outcome outcome) throws IOException {
        Files.createDirectories(forkDirectory);
        SimulationCsv.write(forkDirectory.resolve(ROWS_FILE), outcome.rows());
        final Properties properties = new Properties();
        properties.setProperty("versionsDone", Long.toString(outcome.versionsDone()));
        properties.setProperty("stopped", Boolean.toString(outcome.stopped()));
        if (outcome.failure() != null) {
            properties.setProperty("failure", outcome.failure());
        }
        properties.setProperty("appHash", outcome.appHashHex());
        properties.setProperty("keys", Long.toString(outcome.keys()));
        properties.setProperty("readerP50Micros", Double.toString(outcome.readerP50Micros()));
        properties.setProperty("readerP99Micros", Double.toString(outcome.readerP99Micros()));
        properties.setProperty("peakRssBytes", Double.toString(outcome.peakRssBytes()));
        properties.setProperty("finalDiskBytes", Double.toString(outcome.finalDiskBytes()));
        properties.setProperty("generateMillis", Double.toString(outcome.generateMillis()));
        properties.setProperty("applyMillis", Double.toString(outcome.applyMillis()));
        properties.setProperty("operations", Long.toString(outcome.operations()));
        final Path temporary = forkDirectory.resolve(OUTCOME_FILE + ".tmp");
        try (var writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(writer, "mbench simulate fork outcome");
        }
        Files.move(temporary, forkDirectory.resolve(OUTCOME_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
