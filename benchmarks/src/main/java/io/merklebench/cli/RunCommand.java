package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.core.registry.Registry;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.report.ReportWriter;
import io.merklebench.results.ResultsCsv;
import io.merklebench.results.RunFolder;
import io.merklebench.run.BenchmarkCatalog;
import io.merklebench.run.MatrixPlan;
import io.merklebench.run.MatrixPlanner;
import io.merklebench.run.MatrixRun;
import io.merklebench.run.PlannedCase;
import io.merklebench.run.Profile;
import io.merklebench.run.Profiles;
import io.merklebench.run.Progress;
import io.merklebench.run.StoreSelection;
import io.merklebench.run.SummaryTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code mbench run}: runs a profile of the benchmark matrix with JMH and records the results of this host. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Run the benchmark matrix with JMH and record it under <out>/<label>/<UTC timestamp>/: host.properties,"
            + " results.csv, samples.csv, jmh.json, report.html with its SVG charts (and jmh-output.log).",
        "Each case (one benchmark, one param set) runs in its own forked JVM; a failing case is reported by name at"
            + " the end, the others are still recorded, and the exit code is 2."
    },
    footer = {"", "Examples:", "  mbench run                                   # quick profile, about 5 minutes",
        "  mbench run --profile smoke --engines heap", "  mbench run --filter '^block' --stores mem,rocksdb",
        "  mbench run --profile standard --list        # show the cases, run nothing"})
public final class RunCommand implements Callable<Integer> {
    /** Exit code when at least one benchmark case failed (the others are recorded). */
    public static final int CASES_FAILED = 2;

    @Option(names = "--profile", defaultValue = "quick", paramLabel = "PROFILE",
        description = "smoke (seconds, CI), quick (about 5 min on 2 cores), standard (about 1 h), full (hours);"
            + " default: ${DEFAULT-VALUE}")
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

    @Option(names = "--label", paramLabel = "HOST", description = "host folder name (default: this host's name)")
    private String label;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR",
        description = "folder of host folders (default: ${DEFAULT-VALUE} under the current directory)")
    private Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where benchmark stores write, on the disk to"
        + " measure (default: inside the run folder); a fresh subfolder is used and deleted at the end")
    private Path dataDir;

    @Option(names = "--list", description = "print the cases the options select, the engine and store combinations"
        + " skipped (an engine that cannot use a store, e.g. heap on pagefile) and the expected time; run nothing")
    private boolean listOnly;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PrintWriter stdout = spec.commandLine().getOut();
        final Profile profile = Profiles.named(profileName);
        final Predicate<String> persistent = name -> Registry.store(name).persistent();
        final List<String> selectedEngines = validated("--engines", engines, Registry.engineNames());
        final List<String> selectedStores = stores == null
            ? StoreSelection.defaults(profile.defaultStores(), Registry.storeNames(), persistent)
            : validated("--stores", stores, Registry.storeNames());
        final MatrixRun.Settings settings = new MatrixRun.Settings(profile, selectedEngines, selectedStores,
            compiledFilter(), hostLabel(), Directories.prepareWritable(out, "results folder (--out)"),
            dataDir == null ? null : Directories.prepareWritable(dataDir, "benchmark data folder (--data-dir)"));
        final MatrixRun run = new MatrixRun(new MatrixPlanner(BenchmarkCatalog.fromClassPath(), persistent),
            HostFacts.ofThisMachine());
        if (listOnly) {
            final MatrixPlan plan = run.planWithSkipped(settings);
            final List<PlannedCase> cases = plan.cases();
            double expectedSeconds = 0;
            for (final PlannedCase plannedCase : cases) {
                stdout.println(plannedCase.label());
                expectedSeconds += Progress.expectedSeconds(plannedCase);
            }
            plan.skipSummary().forEach(stdout::println);
            stdout.printf("%d cases, expected about %s%n", cases.size(), Progress.format(expectedSeconds));
            stdout.flush();
            return 0;
        }
        final MatrixRun.Outcome outcome = run.execute(settings, stdout);
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

    private List<String> validated(final String option, final List<String> given, final List<String> registered) {
        if (given == null) {
            return registered;
        }
        final List<String> names = new ArrayList<>();
        for (final String name : given) {
            final String trimmed = name.trim();
            if (!registered.contains(trimmed)) {
                throw new UserErrors.UserException("unknown name in " + option + ": '" + trimmed + "'; expected one of: "
                    + String.join(", ", registered));
            }
            if (!names.contains(trimmed)) {
                names.add(trimmed);
            }
        }
        return names;
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

    private String hostLabel() {
        final String chosen = label != null ? label : HostFacts.ofThisMachine().hostname();
        try {
            return RunFolder.requireValidHostLabel(chosen);
        } catch (final IllegalArgumentException e) {
            throw new UserErrors.UserException("--label: " + e.getMessage());
        }
    }
}
