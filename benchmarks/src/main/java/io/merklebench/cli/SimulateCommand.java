package io.merklebench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.tree.TreeEngine;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.report.ReportWriter;
import io.merklebench.results.HostHardware;
import io.merklebench.results.RunFolder;
import io.merklebench.run.MachineLock;
import io.merklebench.run.RunHostProperties;
import io.merklebench.run.SimulationRun;
import io.merklebench.run.SummaryTable;
import io.merklebench.simulate.ChangesetFiles;
import io.merklebench.simulate.PageCacheEviction;
import io.merklebench.simulate.ShutdownStop;
import io.merklebench.simulate.Simulation;
import io.merklebench.simulate.plan.Plan;
import io.merklebench.simulate.plan.PlanException;
import io.merklebench.simulate.plan.PlanFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code mbench simulate}: a chain's state over many versions, per engine x store, each in fresh JVMs
 * ({@link SimulationRun}). Everything that can be wrong with the request (the plan, the names, the folders, the disk
 * space) is found before anything starts or is created.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
        "Simulate a chain's state over many versions, as a plan says (JSON: named stores with key and value length"
            + " distributions, phases of inserts, updates, deletes and gets per version, uniform or zipfian key choice,"
            + " readers of the last saved version, pruning, durability, node cache and page-cache eviction), on each"
            + " engine x store in fresh JVMs, and record it under <out>/<label>/<UTC time>/: simulation.csv (every"
            + " version: apply, hash and save times, leaves/s, syncs, bytes, kernel reads and writes, heap after GC,"
            + " RSS, disk usage, reader latency), results.csv and samples.csv (summary rows mbench diff compares),"
            + " host.properties, simulation-plan.json and report.html.",
        "Prints the final app hash of every pair: engines that disagree on it are a failure (exit 1).",
        "Ctrl-C stops at the next version boundary and keeps everything measured so far.",
        "Bundled plans: smoke (seconds, CI), bank-like (a Cosmos chain's auth and bank stores, readers),"
            + " hot-accounts (zipfian updates), bigger-than-cache (a small node cache, page-cache eviction every"
            + " version); docs/simulate.md describes them and the plan format."
    },
    footer = {"", "Examples:",
        "  mbench simulate smoke --engine heap,array --store mem,rocksdb",
        "  mbench simulate bank-like --engine all --store mem --scale 10",
        "  mbench simulate my-plan.json --engine paged31 --store pagefile --versions 500 --data-dir /mnt/nvme/tmp",
        "  mbench simulate bank-like --dry-run --write-changeset /tmp/bank.cs"})
final class SimulateCommand implements Callable<Integer> {
    /** Bytes a persistent store is assumed to take per set, beyond the key and value, when checking free space. */
    private static final long KEY_VALUE_OVERHEAD_BYTES = 2048;
    /** The same for the paged engines, which rewrite whole pages (about 12-18 KB per changed key measured). */
    private static final long PAGED_OVERHEAD_BYTES = 20_480;
    private static final long STOP_WAIT_SECONDS = 600;

    @Parameters(index = "0", paramLabel = "PLAN", description = "plan file (JSON), or a bundled plan: "
        + "smoke, bank-like, hot-accounts, bigger-than-cache")
    private String planName;

    @Option(names = "--engine", split = ",", paramLabel = "ENGINE", defaultValue = "heap",
        description = "engines, comma-separated, or 'all' (${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE})",
        completionCandidates = EngineNames.class)
    private List<String> engineNames;

    @Option(names = "--store", split = ",", paramLabel = "STORE", defaultValue = "mem",
        description = "stores, comma-separated, or 'all' (${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE});"
            + " pairs an engine cannot use (heap or array on pagefile) are skipped and named",
        completionCandidates = StoreNames.class)
    private List<String> storeNames;

    @Option(names = "--versions", paramLabel = "N", description = "run only the first N versions of the plan"
        + " (default: all of them)")
    private Long versions;

    @Option(names = "--scale", paramLabel = "FACTOR", defaultValue = "1",
        description = "multiply every operation count of the plan by FACTOR (rounded), e.g. 10 for a state ten"
            + " times larger over the same versions (default: ${DEFAULT-VALUE})")
    private double scale;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "1",
        description = "fresh JVMs per engine x store (default: ${DEFAULT-VALUE}); mbench diff needs 2 or more per"
            + " side for a verdict")
    private int forks;

    @Option(names = "--jvm-args", paramLabel = "'OPTIONS'", description = "JVM options for every fork after the"
        + " toolkit's own, e.g. '-Xmx8g'")
    private String jvmArgsText;

    @Mixin
    private ResultsLocation location;

    @Option(names = "--dry-run", description = "generate the plan's operations without applying them, print what"
        + " that costs (the simulator's own overhead) and record nothing (but --write-changeset)")
    private boolean dryRun;

    @Option(names = "--write-changeset", paramLabel = "FILE", description = "write the operations as changesets"
        + " mbench replay reads: FILE for a one-store plan, FILE with the store name before its extension for each"
        + " store otherwise; commit lines carry the saved root hashes (none with --dry-run). Written by the first"
        + " fork of the first engine x store")
    private Path changesetFile;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter stdout = spec.commandLine().getOut();
        final Plan plan = loadPlan();
        final long versionCount = versionCount(plan);
        if (changesetFile != null) {
            requireWritableFileLocation(changesetFile);
        }
        // Checked before a dry run too: a dry run is how a user tries a command line before running it.
        if (forks < 1) {
            throw new UserErrors.UserException("--forks must be at least 1: --forks=" + forks);
        }
        final List<SimulationRun.Pair> pairs = pairs(stdout);
        requireRangeIteration(plan, pairs);
        if (dryRun) {
            return dryRun(plan, versionCount, stdout);
        }
        if (plan.cache().evictPageCacheEvery() > 0) {
            final String reason = PageCacheEviction.unsupportedReason();
            if (reason != null) {
                throw new UserErrors.UserException("plan " + plan.name() + " evicts the page cache, but " + reason);
            }
        }
        final HostFacts facts = HostFacts.ofThisMachine();
        final HostHardware hardware = RunHostProperties.hardwareOf(facts);
        final Path resultsRoot = Directories.prepareWritable(location.out, "results folder (--out)").toAbsolutePath()
            .normalize();
        final Path dataParent = location.dataDir == null
            ? null : Directories.prepareWritable(location.dataDir, "data folder (--data-dir)");
        requireDiskSpace(plan, versionCount, pairs, dataParent == null ? resultsRoot : dataParent);
        final String runLabel = HostLabelChoice.choose(location.label, facts, hardware, resultsRoot, stdout);
        final List<String> jvmArgs = jvmArgsText == null || jvmArgsText.isBlank()
            ? List.of() : List.of(jvmArgsText.trim().split("\\s+"));

        try (MachineLock machine = MachineLock.acquire("simulate", resultsRoot.resolve(runLabel));
             ShutdownStop stop = ShutdownStop.install("mbench-simulate-stop", STOP_WAIT_SECONDS)) {
            final SimulationRun.Outcome outcome = new SimulationRun(facts).execute(plan, pairs, forks, versionCount,
                jvmArgs, new SimulationRun.Target(runLabel, resultsRoot, dataParent, changesetFile), stdout,
                stop::requested);
            return finish(outcome, stdout);
        }
    }

    private int finish(final SimulationRun.Outcome outcome, final PrintWriter stdout) throws IOException {
        stdout.println();
        stdout.println("Summary (" + outcome.results().size() + " rows):");
        SummaryTable.print(outcome.results(), stdout);
        stdout.println();
        stdout.println("Final app hash per engine x store:");
        outcome.appHashByPair().forEach((pair, hash) -> stdout.printf("  %-20s %s%n", pair,
            hash.isEmpty() ? "(failed)" : hash));
        // App hashes compare only within one hash scheme (IAVL engines with each other; mpt with itself on other
        // stores); flat (scheme none) has no app hash to compare.
        final Map<String, Set<String>> distinctByScheme = new TreeMap<>();
        outcome.appHashByPair().forEach((pair, hash) -> {
            final String scheme = Registry.engine(pair.substring(0, pair.indexOf(':'))).hashScheme();
            if (!hash.isEmpty() && !TreeEngine.HASH_SCHEME_NONE.equals(scheme)) {
                distinctByScheme.computeIfAbsent(scheme, key -> new LinkedHashSet<>()).add(hash);
            }
        });
        final List<String> failures = new ArrayList<>(outcome.failures());
        distinctByScheme.forEach((scheme, distinct) -> {
            if (distinct.size() > 1) {
                failures.add("the " + scheme + " engines disagree on the final app hash: the same plan must give the"
                    + " same state");
            }
        });
        final Path report = outcome.runDirectory().resolve(ReportWriter.FILE_NAME);
        try {
            ReportWriter.write(List.of(RunFolder.open(outcome.runDirectory())), report);
            stdout.println("Report: " + report);
        } catch (final IOException | RuntimeException e) {
            spec.commandLine().getErr().println("simulate: the results are recorded, but the report could not be"
                + " written (retry with: mbench report " + outcome.runDirectory() + "): " + e);
        }
        stdout.println("Results: " + outcome.runDirectory() + (outcome.stopped() ? " (stopped early)" : ""));
        stdout.flush();
        if (!failures.isEmpty()) {
            final PrintWriter stderr = spec.commandLine().getErr();
            stderr.println("simulate: " + failures.size() + " problem" + (failures.size() == 1 ? "" : "s") + ":");
            failures.forEach(failure -> stderr.println("  " + failure));
            stderr.flush();
            return UserErrors.INPUT_ERROR;
        }
        return 0;
    }

    private Plan loadPlan() {
        try {
            final Plan plan = PlanFile.load(planName);
            if (scale == 1) {
                return plan;
            }
            final Plan scaled = plan.scaled(scale);
            // Checked again: rounding may leave deletes without keys.
            return PlanFile.parse(new ObjectMapper().writeValueAsBytes(scaled), planName + " scaled by " + scale,
                plan.name());
        } catch (final PlanException | IllegalArgumentException e) {
            throw new UserErrors.UserException(e.getMessage());
        } catch (final IOException e) {
            throw new UserErrors.UserException("cannot scale plan " + planName + ": " + e.getMessage());
        }
    }

    private long versionCount(final Plan plan) {
        if (versions == null) {
            return plan.totalVersions();
        }
        if (versions < 1 || versions > plan.totalVersions()) {
            throw new UserErrors.UserException("--versions must be between 1 and the plan's " + plan.totalVersions()
                + ": --versions=" + versions);
        }
        return versions;
    }

    private int dryRun(final Plan plan, final long versionCount, final PrintWriter stdout) {
        final Simulation.Outcome outcome = new Simulation(new Simulation.Settings(plan, "none", "none",
            Path.of("").toAbsolutePath(), versionCount, 1, true, changesetFile,
            line -> {
                stdout.println("  " + line);
                stdout.flush();
            }, () -> false)).run();
        stdout.printf("dry run of plan %s: %,d versions, %,d operations generated in %.1f ms (%.0f ns per"
                + " operation), %,d keys at the end%n", plan.name(), outcome.versionsDone(), outcome.operations(),
            outcome.generateMillis(), outcome.generateMillis() * 1e6 / Math.max(1, outcome.operations()),
            outcome.keys());
        if (changesetFile != null) {
            stdout.println("changesets: " + String.join(", ", ChangesetFiles.pathsFor(changesetFile,
                plan).stream().map(Path::toString).toList()));
        }
        stdout.flush();
        return 0;
    }

    /** A plan whose readers iterate ranges cannot run an engine that cannot iterate: refused before any fork. */
    private static void requireRangeIteration(final Plan plan, final List<SimulationRun.Pair> pairs) {
        if (plan.readers() == null || plan.readers().rangeLength() == 0) {
            return;
        }
        final List<String> cannot = pairs.stream().map(SimulationRun.Pair::engine).distinct()
            .filter(engine -> !Registry.engine(engine).iteratesRanges()).toList();
        if (!cannot.isEmpty()) {
            throw new UserErrors.UserException("plan " + plan.name() + " has readers that iterate key ranges"
                + " ($.readers.rangeLength=" + plan.readers().rangeLength() + "), and engine " + String.join(", ",
                cannot) + " cannot iterate ranges (no ordered iterator); leave it out of --engine, or use a plan"
                + " whose readers do not iterate (rangeLength 0)");
        }
    }

    private List<SimulationRun.Pair> pairs(final PrintWriter stdout) {
        final List<String> engines = NameList.validated("--engine", engineNames, Registry.engineNames());
        final List<String> stores = NameList.validated("--store", storeNames, Registry.storeNames());
        final List<SimulationRun.Pair> pairs = new ArrayList<>();
        final List<String> skipped = new ArrayList<>();
        for (final String engine : engines) {
            for (final String store : stores) {
                if (Registry.refusal(engine, store) == null) {
                    pairs.add(new SimulationRun.Pair(engine, store));
                } else {
                    skipped.add(engine + ":" + store);
                }
            }
        }
        if (pairs.isEmpty()) {
            throw new UserErrors.UserException(Registry.refusal(engines.get(0), stores.get(0)));
        }
        if (!skipped.isEmpty()) {
            stdout.println("skipped (the engine cannot use the store): " + String.join(", ", skipped));
        }
        return pairs;
    }

    /**
     * Refuses a run whose stores would not fit: every set of the plan costs its key and value plus the tree's
     * nodes along its path, about 2 KB per set on the key-value stores and 20 KB for the paged engines (the
     * measured bytes written per changed key), for every persistent pair of a fork at once (one fork runs at a
     * time, and its data is deleted after it).
     */
    private void requireDiskSpace(final Plan plan, final long versionCount, final List<SimulationRun.Pair> pairs,
                                  final Path directory) throws IOException {
        final long sets = plan.setsIn(versionCount);
        double meanKeyValue = 0;
        for (final Plan.Store store : plan.stores()) {
            meanKeyValue = Math.max(meanKeyValue, store.keyLength().mean() + store.valueLength().mean());
        }
        long largest = 0;
        for (final SimulationRun.Pair pair : pairs) {
            if (!Registry.store(pair.store()).persistent()) {
                continue;
            }
            final long overhead = Registry.engine(pair.engine()).usesPageStores()
                ? PAGED_OVERHEAD_BYTES : KEY_VALUE_OVERHEAD_BYTES;
            largest = Math.max(largest, (long) (sets * (meanKeyValue + overhead)));
        }
        if (largest == 0) {
            return;
        }
        final FileStore fileStore = Files.getFileStore(directory);
        final long usable = fileStore.getUsableSpace();
        if (usable < largest) {
            throw new UserErrors.UserException(String.format(java.util.Locale.ROOT, "not enough room in %s for plan %s:"
                    + " it needs about %.1f GiB (%,d sets), %.1f GiB are free; use --data-dir on a larger disk, or"
                    + " --versions or --scale to run less", directory.toAbsolutePath(), plan.name(),
                largest / (double) (1L << 30), sets, usable / (double) (1L << 30)));
        }
    }

    private static void requireWritableFileLocation(final Path file) {
        final Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw new UserErrors.UserException("--write-changeset: folder " + parent + " does not exist or is not"
                + " writable");
        }
    }
}
