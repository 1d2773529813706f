package io.merklebench.analysis.cli;

import io.merklebench.report.ReportWriter;
import io.merklebench.results.FleetRuns;
import io.merklebench.results.RunFolder;
import picocli.CommandLine;
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
        "Each RUN is a run folder or a host folder (its newest run).",
        "With --hosts DIR instead of RUNs: the fleet report of the newest finished run of every host folder in DIR"
            + " (what the Ansible playbook unpacks), led by a table of the hosts with their facts as columns and,"
            + " per family, the change against the base host (--base); chart series are named after the hosts."
    },
    footer = {"", "Examples: mbench report results/vm-a results/vm-b --out /tmp/compare.html",
        "          mbench report --hosts results --base vm-a --out /tmp/fleet.html"})
public final class ReportCommand implements Callable<Integer> {
    /** Default file name of a fleet report, in the fleet's folder beside the host folders. */
    static final String FLEET_FILE_NAME = "fleet-report.html";

    @Parameters(arity = "0..*", paramLabel = "RUN", description = "run or host folders; the first is the base")
    private List<Path> runDirectories;

    @Option(names = "--hosts", paramLabel = "DIR", description = "compare the newest finished run of every host"
        + " folder in DIR (instead of RUNs); default --out: DIR/fleet-report.html")
    private Path hostsDirectory;

    @Option(names = "--base", paramLabel = "HOST", description = "with --hosts: the host folder the others are"
        + " compared to (default: the first by name)")
    private String baseHost;

    @Option(names = "--out", paramLabel = "FILE",
        description = "report file, or an existing directory to write report.html into (default: report.html in"
            + " the first run's folder); the charts' .svg files go beside it")
    private String outFile; // text, not a Path: a Path drops the trailing '/' that says "a directory"

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final boolean givenRuns = runDirectories != null && !runDirectories.isEmpty();
        if (givenRuns == (hostsDirectory != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), givenRuns
                ? "give RUN folders or --hosts DIR, not both: --hosts=" + hostsDirectory
                : "missing RUN folders or --hosts DIR: give the runs to report on, or a folder of hosts");
        }
        if (baseHost != null && hostsDirectory == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--base needs --hosts (with RUN folders the"
                + " first is the base): --base=" + baseHost);
        }
        final FleetRuns fleet = hostsDirectory == null ? null : FleetRuns.open(hostsDirectory, baseHost);
        final List<RunFolder> runs = new ArrayList<>();
        if (fleet != null) {
            runs.addAll(fleet.runs());
        } else {
            for (final Path directory : runDirectories) {
                runs.add(RunFolder.open(directory));
            }
        }
        final Path target = reportFile(fleet == null ? runs.get(0).directory().resolve(ReportWriter.FILE_NAME)
            : fleet.directory().resolve(FLEET_FILE_NAME));
        final Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UserErrors.UserException("--out directory does not exist: " + parent + " (--out=" + outFile
                + "); nothing was written");
        }
        final List<Path> written = fleet == null ? ReportWriter.write(runs, target)
            : ReportWriter.writeFleet(fleet, target);
        final PrintWriter out = spec.commandLine().getOut();
        out.println("report: " + written.get(0));
        for (final Path chart : written.subList(1, written.size())) {
            out.println("chart:  " + chart);
        }
        out.flush();
        if (fleet != null && !fleet.skipped().isEmpty()) {
            final PrintWriter err = spec.commandLine().getErr();
            fleet.skipped().forEach(skipped -> err.println("report: left out " + skipped));
            err.flush();
        }
        return 0;
    }

    /**
     * Where the report goes, resolved before anything is written: {@code --out} may name a file or a directory.
     *
     * @param defaultFile without {@code --out}
     */
    private Path reportFile(final Path defaultFile) {
        if (outFile == null) {
            return defaultFile;
        }
        final Path given = Path.of(outFile).toAbsolutePath().normalize();
        if (Files.isDirectory(given)) {
            return given.resolve(defaultFile.getFileName());
        }
        if (outFile.endsWith("/")) {
            throw new UserErrors.UserException("--out directory does not exist: " + given + "; nothing was written");
        }
        return given;
    }
}
