package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreFactory;
import io.merklebench.hostinfo.EnvironmentFacts;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.report.ReportWriter;
import io.merklebench.results.HostHardware;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RunFolder;
import io.merklebench.run.BenchmarkCatalog;
import io.merklebench.run.MatrixPlan;
import io.merklebench.run.ForkOrder;
import io.merklebench.run.LikeRun;
import io.merklebench.run.MachineLock;
import io.merklebench.run.MatrixPlanner;
import io.merklebench.run.MatrixRun;
import io.merklebench.run.PlannedCase;
import io.merklebench.run.Profile;
import io.merklebench.run.Profiles;
import io.merklebench.run.Progress;
import io.merklebench.run.RunHostProperties;
import io.merklebench.run.RunPlan;
import io.merklebench.run.StoreSelection;
import io.merklebench.run.SummaryTable;
import io.merklebench.run.profile.ProfilerEvent;
import io.merklebench.run.profile.ProfilerSetup;
import io.merklebench.simulate.ShutdownStop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code mbench run}: runs a profile of the benchmark matrix with JMH, every fork of every case as its own JMH
 * invocation in an interleaved order, and records the results of this host. Every option is checked before anything
 * is written: bad input leaves no run folder behind.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Run the benchmark matrix with JMH and record it under <out>/<label>/<UTC timestamp>/: host.properties,"
            + " plan.json, results.csv, samples.csv, order.csv, jmh.json, report.html with its SVG charts (and"
            + " jmh-output.log).",
        "Each case (one benchmark, one param set) runs in --forks fresh JVMs. Every fork is its own JMH invocation,"
            + " and the forks of different cases are interleaved (--order), so what drifts during a run shows as"
            + " spread between a case's forks (results.csv forkCvPercent) rather than as a difference between cases.",
        "A failing fork is reported by name at the end and its case's remaining forks are skipped; the other cases"
            + " are still recorded, and the exit code is 2.",
        "Ctrl-C or SIGTERM stops the run at once, at a fork boundary: the finished forks' rows are kept (the run is"
            + " marked stopped), the benchmark data folder is deleted, and the exit code is 130 (143 after SIGTERM)."
    },
    footer = {"", "Examples:", "  mbench run                                   # quick profile, about 5 minutes",
        "  mbench run --profile smoke --engines heap", "  mbench run --filter '^block' --stores mem,rocksdb",
        "  mbench run --profile standard --list        # show the cases, run nothing",
        "  mbench run --order shuffle --forks 5 --jvm-args '-XX:+UseParallelGC -Xmx4g'",
        "  mbench run --like results/vm/20261201T090000Z --jvm-args -XX:+UseZGC   # other GC"})
public final class RunCommand implements Callable<Integer> {
    /** Exit code when at least one benchmark case failed (the others are recorded). */
    public static final int CASES_FAILED = 2;
    /** Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as a shell reports an interrupted command). */
    public static final int STOPPED = 130;
    /** How long a signal's exit waits for the stopped run to write what it kept. */
    private static final long STOP_WAIT_SECONDS = 60;
    private static final String DEFAULT_PROFILE = "quick";
    /** Upper bound of a seed drawn when {@code --order shuffle} comes without {@code --seed}: short to type again. */
    private static final int DRAWN_SEED_BOUND = 1_000_000;

    @Option(names = "--profile", paramLabel = "PROFILE",
        description = "smoke (1-2 min, CI), quick (about 5 min on 2 cores), standard (under 1 h), full (days);"
            + " default: " + DEFAULT_PROFILE)
    private String profileName;

    @Option(names = "--engines", split = ",", paramLabel = "ENGINE",
        description = "engines to run, comma-separated: ${COMPLETION-CANDIDATES} (default: all registered)",
        completionCandidates = EngineNames.class)
    private List<String> engines;

    @Option(names = "--stores", split = ",", paramLabel = "STORE",
        description = "stores to run, comma-separated: ${COMPLETION-CANDIDATES} (default: the profile's choice:"
            + " smoke mem; quick mem and one persistent store; standard and full all)",
        completionCandidates = StoreNames.class)
    private List<String> stores;

    @Option(names = "--filter", paramLabel = "REGEX",
        description = "run only cases whose label matches somewhere, e.g. '^query', 'store=rocksdb',"
            + " 'block.tx .*blockSize=1000'")
    private String filter;

    @Option(names = "--forks", paramLabel = "N",
        description = "fresh JVMs per case, 1 to " + RunPlan.MAX_FORKS + " (default: the profile's: smoke 1,"
            + " quick 3, standard 3, full 5). The forks are what diff compares: more forks, more trustworthy verdicts")
    private String forksText;

    @Option(names = "--order", paramLabel = "ORDER",
        description = "order of the forks: round-robin (fork 1 of every case, then fork 2 of every case, ...;"
            + " default) or shuffle (the same rounds, each in a random order drawn from --seed)")
    private String orderText;

    @Option(names = "--seed", paramLabel = "N",
        description = "seed of --order shuffle (a whole number; default: drawn at random and recorded, so that"
            + " --like or --seed repeats the order); only with --order shuffle")
    private String seedText;

    @Option(names = "--jvm-args", paramLabel = "'OPTIONS'",
        description = "JVM options for every fork, space-separated, after the toolkit's own flags (mb.jvm.flags),"
            + " e.g. '-XX:+UseParallelGC -Xmx4g'; may be repeated. Recorded as jvm.args in host.properties, so diff"
            + " shows it when two runs differ. The mbench process's own options (MBENCH_JAVA_OPTS) do not reach the"
            + " forks")
    private List<String> jvmArgsTexts;

    @Option(names = "--profiler", paramLabel = "EVENTS",
        description = "profile every fork's measurement iterations for EVENTS, comma-separated: cpu (on-CPU time),"
            + " wall (wall-clock time, waits included), alloc (allocated bytes), lock (lock contention); cpu and wall"
            + " do not combine. With async-profiler (its library comes in the jar; without perf events cpu falls"
            + " back to itimer), or where it cannot load with the JDK's Flight Recorder, as the run says. Writes per"
            + " case interactive flame graphs and collapsed stacks (profiles/), the top frames (profile-top.csv),"
            + " and profiler= in host.properties: every figure of a profiled run carries the profiler's cost, and diff"
            + " refuses to compare it with an unprofiled run. Not with the memory family or fsync.write")
    private String profilerText;

    @Option(names = "--like", paramLabel = "RUN_FOLDER",
        description = "run again what a recorded run ran (its plan.json: cases with params and timing, forks, order"
            + " and seed, JVM options) into a new run folder; warns when the toolkit commit or the hardware differs."
            + " Goes with --label, --out, --data-dir, --list and --jvm-args (which replaces the recorded options:"
            + " the same plan with other JVM options); not with --profile, --engines, --stores, --filter, --forks,"
            + " --order or --seed, which would change what is compared")
    private Path like;

    @Mixin
    private ResultsLocation location;

    @Option(names = "--list", description = "print the cases the options select, the engine and store combinations"
        + " skipped (an engine that cannot use a store, e.g. heap on pagefile), the forks and the expected time;"
        + " run nothing")
    private boolean listOnly;

    @Spec
    private CommandSpec spec;

    /** The engine and store combinations the selection left out, one line per reason ({@link MatrixPlan}). */
    private List<String> skipSummary = List.of();

    @Override
    public Integer call() throws IOException {
        final PrintWriter stdout = spec.commandLine().getOut();
        final HostFacts facts = HostFacts.ofThisMachine();
        final HostHardware hardware = RunHostProperties.hardwareOf(facts);
        final Predicate<String> persistent = name -> Registry.store(name).persistent();
        final BenchmarkCatalog catalog = BenchmarkCatalog.fromClassPath();
        final List<String> jvmArgs = parsedJvmArgs();
        final List<ProfilerEvent> profilerEvents = parsedProfilerEvents();
        final LikeRun likeRun;
        final RunPlan plan;
        if (like != null) {
            requireNoneWithLike();
            likeRun = LikeRun.open(like);
            likeRun.requireRunnable(catalog, Registry.engineNames(), Registry.storeNames());
            plan = jvmArgsTexts == null ? likeRun.plan() : likeRun.plan().withJvmArgs(jvmArgs);
        } else {
            likeRun = null;
            plan = planFromOptions(catalog, persistent, jvmArgs);
        }
        if (!profilerEvents.isEmpty()) {
            requireProfilable(plan.cases());
        }
        final Optional<String> hugePagesRefusal =
            EnvironmentFacts.hugePagesRefusal(EnvironmentFacts.transparentHugePages(facts), plan.jvmArgs());
        if (hugePagesRefusal.isPresent()) {
            throw new UserErrors.UserException(hugePagesRefusal.get());
        }
        HostLabelChoice.validLabel(location.label != null ? location.label : facts.hostname());
        final List<String> warnings = likeRun == null ? List.of()
            : likeRun.warnings(RunHostProperties.toolkitGitCommit(), hardware);
        warnings.forEach(stdout::println);
        if (listOnly) {
            // What the run would refuse, --list refuses too (without creating the folders).
            Directories.checkUsable(location.out, "results folder (--out)");
            if (location.dataDir != null) {
                Directories.checkUsable(location.dataDir, "benchmark data folder (--data-dir)");
            }
            for (final PlannedCase plannedCase : plan.cases()) {
                stdout.println(plannedCase.label());
            }
            skipSummary.forEach(stdout::println);
            if (!profilerEvents.isEmpty()) {
                stdout.println("profiled: " + ProfilerEvent.join(profilerEvents)
                    + " (the profiler is chosen when the run starts)");
            }
            final int scheduledForks = plan.cases().stream()
                .mapToInt(plannedCase -> plannedCase.forksIn(plan.forks())).sum();
            stdout.printf("%d cases x %d fork%s = %d forks%s (%s order), expected about %s (fork overhead and tree"
                    + " loading as measured on the 2-core development VM: indicative only)%n", plan.cases().size(),
                plan.forks(), plan.forks() == 1 ? "" : "s", scheduledForks,
                scheduledForks == plan.cases().size() * plan.forks() ? "" : " (memory.breakdown cases: 1 fork)",
                plan.order().label(),
                Progress.format(Progress.expectedTotalSeconds(plan.cases(), plan.forks())));
            stdout.flush();
            return 0;
        }
        final String runLabel = HostLabelChoice.choose(location.label, facts, hardware, location.out.toAbsolutePath().normalize(),
            stdout);
        if (likeRun != null && jvmArgsTexts != null) {
            final List<String> recorded = likeRun.plan().jvmArgs();
            stdout.println("--like with --jvm-args: the recorded plan with these JVM options instead of "
                + (recorded.isEmpty() ? "none" : "'" + String.join(" ", recorded) + "'"));
        }
        final MatrixRun.Target target = new MatrixRun.Target(runLabel,
            Directories.prepareWritable(location.out, "results folder (--out)"),
            location.dataDir == null ? null : Directories.prepareWritable(location.dataDir, "benchmark data folder (--data-dir)"),
            likeRun == null ? null : likeRun.directory());
        skipSummary.forEach(line -> stdout.println("  " + line));
        // Ctrl-C reaches the JMH fork too (one process group); a SIGTERM to mbench alone is passed on to it, so the
        // stop comes at once either way and the run ends at that fork boundary with what finished recorded.
        final Path profilerDirectory = profilerEvents.isEmpty() ? null : Files.createTempDirectory("mbench-profiler");
        try (MachineLock machine = MachineLock.acquire("run", target.resultsRoot().resolve(runLabel));
             ShutdownStop stop = ShutdownStop.install("mbench-run-stop", STOP_WAIT_SECONDS,
            () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy))) {
            final ProfilerSetup profiler = profilerDirectory == null ? null
                : ProfilerSetup.prepare(profilerEvents, profilerDirectory);
            final MatrixRun.Outcome outcome = new MatrixRun(facts, profiler)
                .execute(plan, target, stdout, stop::requested);
            return outcome.stopped() ? finishStopped(outcome, stdout) : finish(outcome, warnings, stdout);
        } finally {
            if (profilerDirectory != null) {
                StoreFactory.deleteRecursively(profilerDirectory);
            }
        }
    }

    /** {@code --profiler}'s events; none without it. */
    private List<ProfilerEvent> parsedProfilerEvents() {
        if (profilerText == null) {
            return List.of();
        }
        try {
            return ProfilerEvent.parseList(profilerText);
        } catch (final IllegalArgumentException e) {
            throw new UserErrors.UserException(e.getMessage());
        }
    }

    /**
     * Refuses a profiled run of cases a profile says nothing about: the memory family measures the heap a tree
     * retains (a profiler's own allocations would be in it), and fsync.write times the device's syncs of a plain
     * file, no code of the toolkit's.
     */
    static void requireProfilable(final List<PlannedCase> cases) {
        final List<String> refused = cases.stream()
            .filter(plannedCase -> plannedCase.family().equals("memory") || plannedCase.benchmark().equals("fsync.write"))
            .map(PlannedCase::label)
            .toList();
        if (!refused.isEmpty()) {
            throw new UserErrors.UserException("--profiler does not apply to " + refused.size() + " of the selected"
                + " cases (the memory family measures the heap a tree holds, which a profiler would change; fsync.write"
                + " times the device, no code of the toolkit's), e.g. " + refused.get(0) + "; leave them out with"
                + " --filter, e.g. --filter '^(block|query|write)'");
        }
    }

    private int finishStopped(final MatrixRun.Outcome outcome, final PrintWriter stdout) {
        stdout.println();
        stdout.printf("mbench run: stopped by a signal after %d of %d forks. Kept in %s: the rows of the finished"
                + " forks (the run is marked stopped, so diff and hosts do not take it for a whole run; repeat it with"
                + " mbench run --like %s); the benchmark data folder is deleted.%n", outcome.forksDone(),
            outcome.forksPlanned(), outcome.runDirectory(), outcome.runDirectory());
        stdout.flush();
        return STOPPED;
    }

    private int finish(final MatrixRun.Outcome outcome, final List<String> warnings, final PrintWriter stdout) {
        warnings.forEach(stdout::println); // again at the end, where a reader of the summary looks
        stdout.println();
        stdout.println("Summary (" + outcome.results().size() + " rows):");
        SummaryTable.print(outcome.results(), stdout);
        stdout.println();
        final int reportExitCode = writeReport(outcome.runDirectory(), stdout);
        stdout.println("Results: " + outcome.runDirectory());
        if (!outcome.failures().isEmpty()) {
            final PrintWriter stderr = spec.commandLine().getErr();
            stderr.println(outcome.failures().size() + " of " + outcome.caseCount() + " cases failed (details in "
                + outcome.runDirectory().resolve(MatrixRun.JMH_LOG) + "):");
            outcome.failures().forEach(failure -> stderr.println("  " + failure));
            stderr.flush();
            return CASES_FAILED;
        }
        stdout.flush();
        return reportExitCode;
    }

    /** The plan the selection options give: the profile's cases for the chosen engines and stores. */
    private RunPlan planFromOptions(final BenchmarkCatalog catalog, final Predicate<String> persistent,
                                    final List<String> jvmArgs) {
        final Profile profile = Profiles.named(profileName == null ? DEFAULT_PROFILE : profileName);
        final int forks = forksText == null ? profile.defaultForks() : parsedForks();
        final ForkOrder order = orderText == null ? ForkOrder.ROUND_ROBIN : parsedOrder();
        if (seedText != null && order != ForkOrder.SHUFFLE) {
            throw new UserErrors.UserException("--seed only orders a shuffled run; give --order shuffle with it:"
                + " --seed=" + seedText + " --order=" + order.label());
        }
        final Long seed = order != ForkOrder.SHUFFLE ? null
            : seedText != null ? parsedSeed() : (long) ThreadLocalRandom.current().nextInt(1, DRAWN_SEED_BOUND);
        final List<String> selectedEngines = NameList.validated("--engines", engines, Registry.engineNames());
        final List<String> selectedStores = stores == null
            ? StoreSelection.defaults(profile.defaultStores(), Registry.storeNames(), persistent)
            : NameList.validated("--stores", stores, Registry.storeNames());
        final Pattern compiledFilter = compiledFilter();
        final MatrixPlan matrix = new MatrixPlanner(catalog, persistent).planWithSkipped(profile, selectedEngines,
            selectedStores, stores != null, compiledFilter);
        final List<PlannedCase> cases = matrix.cases();
        skipSummary = matrix.skipSummary();
        if (cases.isEmpty()) {
            throw new UserErrors.UserException("no benchmark case matches: profile=" + profile.name() + " engines="
                + String.join(",", selectedEngines) + " stores=" + String.join(",", selectedStores)
                + (compiledFilter == null ? "" : " filter=" + compiledFilter.pattern())
                + (skipSummary.isEmpty() ? "" : "; " + String.join("; ", skipSummary)));
        }
        return new RunPlan(profile.name(), selectedEngines, selectedStores, filter == null ? "" : filter, forks, order,
            seed, jvmArgs, cases);
    }

    /** {@code --like} takes its selection from the recorded plan; options that would change it are refused. */
    private void requireNoneWithLike() {
        final Map<String, Object> given = new LinkedHashMap<>();
        given.put("--profile", profileName);
        given.put("--engines", engines);
        given.put("--stores", stores);
        given.put("--filter", filter);
        given.put("--forks", forksText);
        given.put("--order", orderText);
        given.put("--seed", seedText);
        final List<String> conflicting = new ArrayList<>();
        given.forEach((option, value) -> {
            if (value != null) {
                conflicting.add(option);
            }
        });
        if (!conflicting.isEmpty()) {
            throw new UserErrors.UserException("--like runs the recorded run's cases, forks and order again, so "
                + String.join(", ", conflicting) + (conflicting.size() == 1 ? " does" : " do") + " not go with it"
                + " (with --like: --label, --out, --data-dir, --list, --jvm-args)");
        }
    }

    private int parsedForks() {
        final int forks;
        try {
            forks = Integer.parseInt(forksText.trim());
        } catch (final NumberFormatException e) {
            throw new UserErrors.UserException("--forks must be a whole number from 1 to " + RunPlan.MAX_FORKS
                + ": --forks=" + forksText);
        }
        if (forks < 1 || forks > RunPlan.MAX_FORKS) {
            throw new UserErrors.UserException("--forks must be from 1 to " + RunPlan.MAX_FORKS
                + " (each case runs in that many fresh JVMs): --forks=" + forksText);
        }
        return forks;
    }

    private ForkOrder parsedOrder() {
        try {
            return ForkOrder.named(orderText.trim());
        } catch (final IllegalArgumentException e) {
            throw new UserErrors.UserException("--order must be one of " + String.join(", ", ForkOrder.labels())
                + ": --order=" + orderText);
        }
    }

    private long parsedSeed() {
        try {
            return Long.parseLong(seedText.trim());
        } catch (final NumberFormatException e) {
            throw new UserErrors.UserException("--seed must be a whole number: --seed=" + seedText);
        }
    }

    /** The {@code --jvm-args} options split at spaces; each must look like a JVM option. */
    private List<String> parsedJvmArgs() {
        final List<String> args = new ArrayList<>();
        if (jvmArgsTexts == null) {
            return args;
        }
        for (final String text : jvmArgsTexts) {
            for (final String arg : text.trim().split("\\s+")) {
                if (arg.isEmpty()) {
                    continue;
                }
                if (!arg.startsWith("-")) {
                    throw new UserErrors.UserException("--jvm-args takes JVM options, each starting with '-' (a"
                        + " word without it would be taken for the fork's main class): '" + arg + "' in --jvm-args="
                        + text);
                }
                args.add(arg);
            }
        }
        return args;
    }

    /**
     * Writes {@code report.html} (and its SVG charts) into the run folder. The results are already recorded, so a
     * report failure is printed and gives a non-zero exit code, but nothing is lost: {@code mbench report} can retry.
     */
    private int writeReport(final Path runDirectory, final PrintWriter stdout) {
        if (!Files.exists(runDirectory.resolve(ResultsCsv.FILE_NAME))) {
            return 0;
        }
        try {
            final List<Path> written = ReportWriter.write(List.of(RunFolder.open(runDirectory)),
                runDirectory.resolve(ReportWriter.FILE_NAME));
            stdout.println("Report: " + written.get(0));
            return 0;
        } catch (final IOException | RuntimeException e) {
            spec.commandLine().getErr().println("run: the results are recorded, but the report could not be written"
                + " (retry with: mbench report " + runDirectory + "): " + e);
            return UserErrors.INTERNAL_ERROR;
        }
    }

    private Pattern compiledFilter() {
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(filter);
        } catch (final PatternSyntaxException e) {
            throw new UserErrors.UserException("--filter must be a regular expression: --filter=" + filter + " ("
                + e.getDescription() + ")");
        }
    }
}
