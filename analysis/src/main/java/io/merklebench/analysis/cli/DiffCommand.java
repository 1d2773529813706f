package io.merklebench.analysis.cli;

import io.merklebench.report.DiffPrinter;
import io.merklebench.report.RunDiff;
import io.merklebench.results.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code mbench diff}: compares recorded runs with benchstat's statistics. Reads only; writes nothing. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
        "Compare two or more runs: host facts that differ, then per benchmark row the median of the per-iteration"
            + " samples with its 95%% confidence interval for each run, and for each run after the first the change"
            + " in percent, the two-sided Mann-Whitney U p-value, and '~' when p >= alpha. Says 'faster'/'slower'"
            + " from the unit (ops/s: higher is better; ns/op: lower is better). Rows missing from a run are"
            + " listed separately. Geometric-mean change per benchmark family.",
        "Each RUN is a run folder (host.properties + results.csv) or a host folder (its newest run)."
    },
    footer = {"", "Example: mbench diff results/vm-a results/vm-b --filter '^block\\.' --fail-above 5"})
public final class DiffCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "RUN", description = "run or host folders; the first is the base")
    private List<Path> runDirectories;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "text, markdown or csv (default: ${DEFAULT-VALUE})")
    private String format;

    @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "P",
        description = "significance level of the Mann-Whitney test (default: ${DEFAULT-VALUE})")
    private double alpha;

    @Option(names = "--filter", paramLabel = "REGEX", description = "compare only rows whose"
        + " 'benchmark name=value ...' label contains a match, e.g. '^query\\.' or 'store=rocksdb'")
    private String filter;

    @Option(names = "--fail-above", paramLabel = "PCT", description = "exit 1 if any significant regression is"
        + " larger than PCT percent (for CI gates)")
    private Double failAbovePercent;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final DiffPrinter.Format outputFormat = DiffPrinter.Format.parse(format);
        if (!(alpha > 0 && alpha < 1)) {
            throw new UserErrors.UserException("--alpha must be between 0 and 1 (exclusive): --alpha=" + alpha);
        }
        if (failAbovePercent != null && !(failAbovePercent >= 0)) {
            throw new UserErrors.UserException("--fail-above must be a percentage >= 0: --fail-above="
                + failAbovePercent);
        }
        final Pattern filterPattern = compileFilter(filter);
        final List<RunFolder> runs = new ArrayList<>();
        for (final Path directory : runDirectories) {
            runs.add(RunFolder.open(directory));
        }
        final RunDiff diff = RunDiff.compare(runs, alpha, filterPattern);
        final PrintWriter out = spec.commandLine().getOut();
        DiffPrinter.print(diff, outputFormat, out);
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

    private static Pattern compileFilter(final String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (final PatternSyntaxException e) {
            throw new UserErrors.UserException("--filter is not a valid regular expression: --filter=" + regex
                + " (" + e.getDescription() + " near index " + e.getIndex() + ")");
        }
    }
}
