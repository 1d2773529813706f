package io.merklebench.analysis.cli;

import io.merklebench.report.DiffPrinter;
import io.merklebench.report.RunDiff;
import io.merklebench.results.HostProperties;
import io.merklebench.results.RunFolder;
import io.merklebench.stats.VerdictRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code mbench diff}: compares recorded runs with benchstat's statistics. Reads only; writes nothing. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
        "Compare two or more runs. First the runs with their machines (a warning when they, or the runs under one of"
            + " their labels, were measured on different hardware) and the host facts that differ; then per benchmark"
            + " row, for each run, the centre of its per-fork values (each fork is one JVM; its value is the mean of"
            + " its measured iterations) with a 95%% confidence interval and the between-fork noise (coefficient of"
            + " variation); and for each run after the first the change against the first, the 95%% interval of the"
            + " ratio and Welch's t-test p-value on the per-fork values, with a verdict: 'faster'/'slower' (from the"
            + " unit: ops/s higher is better, ns/op lower is better), '~' when p >= --alpha, the change is below"
            + " --min-effect or smaller than the noise, 'unstable' when a side's 95%% interval is wider than"
            + " --max-interval, '?' with fewer than 2 forks on a side (runs recorded before forks were the unit have 1). Rows missing from a"
            + " run are listed separately. Per family, the geometric mean of the changes with its interval over the"
            + " family's rows and how many rows got each verdict. docs/statistics.md explains the method.",
        "Each RUN is a run folder (host.properties + results.csv) or a host folder (its newest run)."
    },
    footer = {"", "Exit status: 0 compared, 1 bad input or a regression above --fail-above, 2 bad usage, 4 nothing"
        + " compared (no row in every run).", "",
        "Example: mbench diff results/vm-a results/vm-b --filter '^block\\.' --fail-above 5"})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "RUN", description = "run or host folders; the first is the base")
    private List<Path> runDirectories;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "text, markdown or csv (default: ${DEFAULT-VALUE})")
    private String format;

    @Mixin
    private VerdictRulesOptions verdictRules;

    @Mixin
    private RowFilterOption filter;

    @Option(names = "--fail-above", paramLabel = "PCT", description = "exit 1 if any regression (a 'slower' verdict) is"
        + " larger than PCT percent (for CI gates)")
    private Double failAbovePercent;

    @Option(names = "--allow-profiled", description = "compare runs profiled differently (mbench run --profiler):"
        + " a profiled run's figures carry the profiler's cost, so diff refuses such pairs unless told to")
    private boolean allowProfiled;
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final DiffPrinter.Format outputFormat = DiffPrinter.Format.parse(format);
        final VerdictRules rules = verdictRules.rules();
        if (failAbovePercent != null && !(failAbovePercent >= 0)) {
            throw new UserErrors.UserException("--fail-above must be a percentage >= 0: --fail-above="
                + failAbovePercent);
        }
        final Pattern filterPattern = filter.pattern();
        final List<RunFolder> runs = new ArrayList<>();
        for (final Path directory : runDirectories) {
            runs.add(RunFolder.open(directory));
        }
        if (!allowProfiled) {
            refuseMixedProfiling(runs);
        }
        final RunDiff diff = RunDiff.compare(runs, rules, filterPattern);
        final PrintWriter out = spec.commandLine().getOut();
        DiffPrinter.print(diff, outputFormat, out);
        if (diff.rows().isEmpty()) {
            final PrintWriter err = spec.commandLine().getErr();
            err.println("diff: nothing compared: " + (filterPattern == null ? "the runs have no row in common"
                : "no row in every run matches --filter=" + filterPattern.pattern()));
            err.flush();
            return UserErrors.NOTHING_COMPARED;
        }
        if (failAbovePercent != null) {
            final List<String> regressions = diff.regressionsAbove(failAbovePercent);
            if (!regressions.isEmpty()) {
                final PrintWriter err = spec.commandLine().getErr();
                err.println("diff: " + regressions.size() + " significant regression(s) larger than "
                    + failAbovePercent + "% (--fail-above):");
                regressions.forEach(regression -> err.println("  " + regression));
                err.flush();
                return UserErrors.INPUT_ERROR;
            }
        }
        return 0;
    }

    /** A run profiled for other events than the base (or profiled where the base is not) is refused. */
    private static void refuseMixedProfiling(final List<RunFolder> runs) {
        final RunFolder base = runs.get(0);
        for (final RunFolder other : runs.subList(1, runs.size())) {
            final String baseProfiler = base.hostProperties().profiler();
            final String otherProfiler = other.hostProperties().profiler();
            if (!baseProfiler.equals(otherProfiler)) {
                throw new UserErrors.UserException(base.displayName() + " was " + profiled(baseProfiler)
                    + " and " + other.displayName() + " was " + profiled(otherProfiler) + "; a profiler's cost is in"
                    + " every figure of a profiled run, so they do not compare. Give --allow-profiled to compare"
                    + " them anyway");
            }
        }
    }

    private static String profiled(final String profiler) {
        return HostProperties.NOT_PROFILED.equals(profiler) ? "not profiled" : "profiled (" + profiler + ")";
    }
}
