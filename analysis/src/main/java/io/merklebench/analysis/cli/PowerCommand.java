package io.merklebench.analysis.cli;

import io.merklebench.report.PowerTable;
import io.merklebench.results.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * {@code mbench power}: how likely {@code mbench diff} is to see a change in each row of a recorded run, from the
 * row's between-fork noise. Reads only; writes nothing.
 */
@Command(
    name = "power",
    mixinStandardHelpOptions = true,
    description = {
        "Estimate, for every row of a recorded run with 2 or more forks, the probability that 'mbench diff' with the"
            + " same rules (--alpha, --min-effect, --max-interval, defaults as in diff) calls a change of --change"
            + " percent a change, when each side has --forks forks: simulated pairs of runs whose fork values vary as"
            + " much as the row's recorded forks do (the standard deviation of their logarithms). Prints each row's fork"
            + " noise (coefficient of variation of its per-fork values) and probability, then per noise band"
            + " (< 3%%, 3-5%%, 5-10%%, > 10%%) how many rows there are and how many reach 0.8. Use it to choose"
            + " 'mbench run --forks' before comparing: a row's noise is itself estimated from few forks, so read the"
            + " bands rather than single rows. docs/statistics.md explains the method.",
        "RUN is a run folder (host.properties + results.csv + samples.csv) or a host folder (its newest run)."
    },
    footer = {"", "Example: mbench power results/vm --change 8 --forks 5 --filter '^block\\.'"})
public final class PowerCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run or host folder")
    private Path runDirectory;

    @Option(names = "--change", defaultValue = "10", paramLabel = "PCT",
        description = "the change to detect, in percent (default: ${DEFAULT-VALUE})")
    private double changePercent;

    @Option(names = "--forks", paramLabel = "N",
        description = "forks per side in the simulated diff (default: each row's own fork count in the run)")
    private Integer forksPerSide;

    @Mixin
    private RowFilterOption filter;

    @Mixin
    private VerdictRulesOptions verdictRules;

    @Option(names = "--trials", defaultValue = "2000", paramLabel = "N",
        description = "simulated pairs of runs per row (default: ${DEFAULT-VALUE}; the standard error of a"
            + " probability near 0.8 is then about 0.01)")
    private int trials;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
        description = "seed of the simulation, the same for every row (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "text or csv (csv: the rows only, numbers unrounded; default: ${DEFAULT-VALUE})")
    private String format;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final PowerTable.Format outputFormat = PowerTable.Format.parse(format);
        final RunFolder run = RunFolder.open(runDirectory);
        final PowerTable table = PowerTable.of(run, changePercent,
            forksPerSide == null ? OptionalInt.empty() : OptionalInt.of(forksPerSide), verdictRules.rules(),
            filter.pattern(), trials, seed);
        table.print(outputFormat, spec.commandLine().getOut());
        return 0;
    }
}
