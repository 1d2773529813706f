package io.merklebench.analysis.cli;

import io.merklebench.report.ReportWriter;
import io.merklebench.results.RunFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mbench report}: writes the self-contained HTML report (inline SVG charts) of one or more runs. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
        "Write a self-contained report.html of one or more runs: host facts, one chart per benchmark family"
            + " (inline SVG; no script, no network), the results, and with two or more runs the diff against the"
            + " first run with a chart of the changes. Each chart is also saved as an .svg file beside the report.",
        "A run folder with a simulation.csv (mbench simulate) also gets a Simulation section: its per-version"
            + " series (commit latency, leaves/s, RSS, disk, reader latency) against version.",
        "Each RUN is a run folder or a host folder (its newest run)."
    },
    footer = {"", "Example: mbench report results/vm-a results/vm-b --out /tmp/compare.html"})
public final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN", description = "run or host folders; the first is the base")
    private List<Path> runDirectories;

    @Option(names = "--out", paramLabel = "FILE",
        description = "report file, or an existing directory to write report.html into (default: report.html in"
            + " the first run's folder); the charts' .svg files go beside it")
    private String outFile; // text, not a Path: a Path drops the trailing '/' that says "a directory"

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final List<RunFolder> runs = new ArrayList<>();
        for (final Path directory : runDirectories) {
            runs.add(RunFolder.open(directory));
        }
        final Path target = reportFile(runs.get(0));
        final Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserErrors.UserException("--out directory does not exist: " + parent + " (--out=" + outFile
                + "); nothing was written");
        }
        final List<Path> written = ReportWriter.write(runs, target);
        final PrintWriter out = spec.commandLine().getOut();
        out.println("report: " + written.get(0));
        for (final Path chart : written.subList(1, written.size())) {
            out.println("chart:  " + chart);
        }
        out.flush();
        return 0;
    }

    /** Where the report goes, resolved before anything is written: {@code --out} may name a file or a directory. */
    private Path reportFile(final RunFolder firstRun) {
        if (outFile == null) {
            return firstRun.directory().resolve(ReportWriter.FILE_NAME);
        }
        final Path given = Path.of(outFile).toAbsolutePath().normalize();
        if (Files.isDirectory(given)) {
            return given.resolve(ReportWriter.FILE_NAME);
        }
        if (outFile.endsWith("/")) {
            throw new UserErrors.UserException("--out directory does not exist: " + given + "; nothing was written");
        }
        return given;
    }
}
