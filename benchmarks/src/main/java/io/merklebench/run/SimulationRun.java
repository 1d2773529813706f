package io.merklebench.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.merklebench.core.registry.Registry;
import io.merklebench.hostinfo.EnvironmentFacts;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultRow;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SampleRow;
import io.merklebench.results.SamplesCsv;
import io.merklebench.results.SimulationCsv;
import io.merklebench.results.SimulationRow;
import io.merklebench.simulate.SimulationFork;
import io.merklebench.simulate.SimulationSummary;
import io.merklebench.simulate.plan.Plan;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code mbench simulate}'s run: every engine x store of the selection, each fork in a fresh JVM
 * ({@link SimulationFork}, with the toolkit's fork flags), forks interleaved (fork 1 of every pair, then fork 2 ...),
 * recorded under {@code <results>/<label>/<UTC time>/}: {@code simulation-plan.json} (the plan as run, scaled),
 * {@code host.properties}, {@code simulation.csv} (every version of every fork), {@code results.csv} and
 * {@code samples.csv} ({@link SimulationSummary}), and each fork's folder under {@code forks/}. The merged files are
 * rewritten after every fork, so a run stopped part-way keeps every fork that finished and the versions the current
 * fork completed; {@code run.forksDone} below {@code run.forksPlanned} marks it. Each fork's stores live in a data
 * folder that is deleted when the fork ends.
 */
public final class SimulationRun {
    /** The plan as run, in the run folder; the forks read it. */
    public static final String PLAN_FILE = "simulation-plan.json";
    static final String FORKS_FOLDER = "forks";
    private static final String DATA_FOLDER_PREFIX = "mbench-simulate-data-";
    private static final long STOP_POLL_MILLIS = 200;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HostFacts facts;

    public SimulationRun(final HostFacts facts) {
        this.facts = facts;
    }

    /** An engine and a store to simulate. */
    public record Pair(String engine, String store) {
        public String label() {
            return engine + ":" + store;
        }
    }

    /**
     * @param resultsRoot     {@code --out}
     * @param dataParent      {@code --data-dir}, or null for the run folder
     * @param changesetFile   {@code --write-changeset}: written by the first fork of the first pair; null for none
     */
    public record Target(String hostLabel, Path resultsRoot, Path dataParent, Path changesetFile) {
    }

    /** What the run did: its folder, the app hash of each pair (empty when a fork failed), the forks that failed. */
    public record Outcome(Path runDirectory, Map<String, String> appHashByPair, List<String> failures, boolean stopped,
                          List<ResultRow> results) {
    }

    public Outcome execute(final Plan plan, final List<Pair> pairs, final int forks, final long versions,
                           final List<String> jvmArgs, final Target target, final PrintWriter out,
                           final StopSignal stop) throws IOException {
        final Instant start = Instant.now();
        final Path runDirectory = RunFolder.createRunDirectory(target.resultsRoot(), target.hostLabel(), start);
        final Path planFile = runDirectory.resolve(PLAN_FILE);
        final byte[] planJson = JSON.writeValueAsBytes(plan);
        Files.write(planFile, planJson);
        final Path dataParent = target.dataParent() == null ? runDirectory : target.dataParent().toAbsolutePath();
        Files.createDirectories(dataParent);
        final List<String> toolkitFlags = ForkJvmFlags.forThisJvm();
        final HostProperties host = RunHostProperties.collect(facts, target.hostLabel(), dataParent, toolkitFlags,
            jvmArgs, RunHostProperties.toolkitGitCommit());
        host.put(HostProperties.PROFILE, "simulate")
            .put(HostProperties.RUN_START_UTC, start.toString())
            .put("simulate.plan", plan.name())
            .put("simulate.seed", Long.toString(plan.seed()))
            .put("simulate.planSha256", sha256Hex(planJson))
            .put("simulate.versions", Long.toString(versions))
            .put("engines", String.join(",", pairs.stream().map(Pair::engine).distinct().toList()))
            .put("stores", String.join(",", pairs.stream().map(Pair::store).distinct().toList()))
            .put(HostProperties.RUN_FORKS, Integer.toString(forks))
            .put(HostProperties.RUN_FORKS_DONE, "0")
            .put(HostProperties.RUN_FORKS_PLANNED, Integer.toString(forks * pairs.size()));
        final EnvironmentFacts environment = EnvironmentFacts.collect(facts, dataParent);
        RunHostProperties.putEnvironment(host, environment);
        host.write(runDirectory.resolve(HostProperties.FILE_NAME));
        out.printf("mbench simulate: plan %s, %,d versions, %d pair%s x %d fork%s%n  results: %s%n", plan.name(),
            versions, pairs.size(), pairs.size() == 1 ? "" : "s", forks, forks == 1 ? "" : "s", runDirectory);
        environment.warnings().forEach(warning -> out.println("  warning: " + warning));
        out.flush();

        final Map<String, String> appHashByPair = new LinkedHashMap<>();
        final List<String> failures = new ArrayList<>();
        int forksStarted = 0;
        int forksEnded = 0;
        boolean stopped = false;
        List<ResultRow> results = List.of();
        forkLoop:
        for (int fork = 1; fork <= forks; fork++) {
            for (final Pair pair : pairs) {
                if (stop.requested()) {
                    stopped = true;
                    break forkLoop;
                }
                final Path forkDirectory = runDirectory.resolve(FORKS_FOLDER).resolve(pair.engine() + "-" + pair.store()
                    + "-" + fork);
                Files.createDirectories(forkDirectory);
                final Path dataDirectory = Files.createTempDirectory(dataParent, DATA_FOLDER_PREFIX);
                out.printf("[%d/%d] %s fork %d%n", ++forksStarted, forks * pairs.size(), pair.label(), fork);
                out.flush();
                final int exit;
                try {
                    exit = runFork(planFile, pair, dataDirectory, forkDirectory, versions, fork, toolkitFlags, jvmArgs,
                        fork == 1 && pair.equals(pairs.get(0)) ? target.changesetFile() : null, stop);
                } finally {
                    SimulationFork.deleteData(pair.store(), dataDirectory);
                }
                final Properties outcome = readOutcome(forkDirectory);
                // Judged by what the fork wrote, not its exit code: a fork signalled just after its last version
                // exits 130 or 143 with a complete outcome.
                final String why = outcome == null ? "exit " + exit + " without an outcome (see the messages above)"
                    : outcome.getProperty("failure");
                if (why != null) {
                    failures.add(pair.label() + " fork " + fork + ": " + why);
                    forksEnded++;
                } else if (Long.parseLong(outcome.getProperty("versionsDone")) < versions) {
                    stopped = true;
                    out.printf("  %s fork %d stopped after %s versions%n", pair.label(), fork,
                        outcome.getProperty("versionsDone"));
                } else {
                    final String hash = outcome.getProperty("appHash", "");
                    final String earlier = appHashByPair.putIfAbsent(pair.label(), hash);
                    if (earlier != null && !earlier.equals(hash)) {
                        failures.add(pair.label() + " fork " + fork + ": app hash " + hash + " differs from an"
                            + " earlier fork's " + earlier);
                    }
                    forksEnded++;
                }
                results = writeMerged(runDirectory, pairs, versions);
                host.put(HostProperties.RUN_FORKS_DONE, Integer.toString(forksEnded))
                    .put("simulate.failures", String.join("; ", failures));
                RunHostProperties.putLoadAtEnd(host, facts);
                host.write(runDirectory.resolve(HostProperties.FILE_NAME));
                if (stopped) {
                    break forkLoop;
                }
            }
        }
        return new Outcome(runDirectory, appHashByPair, failures, stopped, results);
    }

    /** Asked at every fork boundary; a fork in progress stops itself (it gets the same Ctrl-C). */
    public interface StopSignal {
        boolean requested();
    }

    private int runFork(final Path planFile, final Pair pair, final Path dataDirectory, final Path forkDirectory,
                        final long versions, final int fork, final List<String> toolkitFlags,
                        final List<String> jvmArgs, final Path changesetFile, final StopSignal stop)
        throws IOException {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(toolkitFlags);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SimulationFork.class.getName());
        command.add(planFile.toString());
        command.add(pair.engine());
        command.add(pair.store());
        command.add(dataDirectory.toString());
        command.add(forkDirectory.toString());
        command.add(Long.toString(versions));
        command.add(Integer.toString(fork));
        command.add(Long.toString(ProcessHandle.current().pid()));
        if (changesetFile != null) {
            command.add(changesetFile.toAbsolutePath().toString());
        }
        final Process process = new ProcessBuilder(command).inheritIO().start();
        try {
            // Ctrl-C reaches the fork too; a SIGTERM to this process alone is passed on, so the fork always stops
            // at its next version boundary and writes what it measured.
            boolean passedOn = false;
            while (!process.waitFor(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (stop.requested() && !passedOn) {
                    process.destroy();
                    passedOn = true;
                }
            }
            return process.exitValue();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return -1;
        }
    }

    private static Properties readOutcome(final Path forkDirectory) throws IOException {
        final Path file = forkDirectory.resolve(SimulationFork.OUTCOME_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    /** Merges every finished fork's rows into the run folder's files; returns the summary rows. */
    private static List<ResultRow> writeMerged(final Path runDirectory, final List<Pair> pairs, final long versions)
        throws IOException {
        final List<SimulationRow> allRows = new ArrayList<>();
        final List<ResultRow> results = new ArrayList<>();
        final List<SampleRow> samples = new ArrayList<>();
        for (final Pair pair : pairs) {
            final List<SimulationRow> pairRows = new ArrayList<>();
            final List<SimulationSummary.ForkOutcome> outcomes = new ArrayList<>();
            for (final Path forkDirectory : forkDirectoriesOf(runDirectory, pair)) {
                final Properties outcome = readOutcome(forkDirectory);
                final Path rowsFile = forkDirectory.resolve(SimulationFork.ROWS_FILE);
                if (!Files.isRegularFile(rowsFile)) {
                    continue;
                }
                // A fork that died without an outcome still left its last checkpoint of rows: the time series
                // shows how far it got.
                final List<SimulationRow> rows = SimulationCsv.read(rowsFile);
                pairRows.addAll(rows);
                if (outcome == null || rows.isEmpty() || outcome.getProperty("failure") != null
                    || Long.parseLong(outcome.getProperty("versionsDone")) < versions) {
                    // A fork that failed (out of heap) or was stopped shows in the time series, not in the summary:
                    // its figures cover fewer versions than the others'.
                    continue;
                }
                outcomes.add(new SimulationSummary.ForkOutcome(rows.get(0).fork(),
                    Long.parseLong(outcome.getProperty("keys")), number(outcome, "readerP50Micros"),
                    number(outcome, "readerP99Micros"), number(outcome, "peakRssBytes"),
                    number(outcome, "finalDiskBytes"), number(outcome, "generateMillis"),
                    number(outcome, "applyMillis")));
            }
            allRows.addAll(pairRows);
            final SimulationSummary.Rows summary = SimulationSummary.of(pair.engine(), pair.store(),
                Registry.store(pair.store()).persistent(), pairRows, outcomes);
            results.addAll(summary.results());
            samples.addAll(summary.samples());
        }
        SimulationCsv.write(runDirectory.resolve(SimulationCsv.FILE_NAME), allRows);
        ResultsCsv.write(runDirectory.resolve(ResultsCsv.FILE_NAME), results);
        SamplesCsv.write(runDirectory.resolve(SamplesCsv.FILE_NAME), samples);
        return results;
    }

    private static List<Path> forkDirectoriesOf(final Path runDirectory, final Pair pair) throws IOException {
        final Path forks = runDirectory.resolve(FORKS_FOLDER);
        final String prefix = pair.engine() + "-" + pair.store() + "-";
        if (!Files.isDirectory(forks)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(forks)) {
            return list.filter(path -> path.getFileName().toString().startsWith(prefix)
                    && path.getFileName().toString().substring(prefix.length()).matches("\\d+"))
                .sorted(Comparator.comparingInt(path -> Integer.parseInt(
                    path.getFileName().toString().substring(prefix.length()))))
                .toList();
        }
    }

    private static String sha256Hex(final byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (final NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static double number(final Properties properties, final String key) {
        final String text = properties.getProperty(key);
        return text == null ? Double.NaN : Double.parseDouble(text);
    }
}
