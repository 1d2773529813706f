package io.merklebench.report;

import io.merklebench.results.HostHardware;
import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultsFormatException;
import io.merklebench.results.RunFolder;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What {@code mbench hosts} prints: every host folder under a results directory and its runs, with date, profile,
 * commit and the key host facts, read from each run's host.properties (results are not parsed, so listing is fast).
 * A run folder whose host.properties is missing or unreadable is listed with the problem and reported back; a label
 * whose runs were measured on more than one machine ({@link MachineCheck}), and a run stopped before it finished
 * ({@link StoppedRuns}), get a warning after the table. Stateless.
 */
public final class HostsListing {
    /** The key host facts of a run, as {@link #factCells} gives them; also the fleet report's host columns. */
    static final List<String> FACT_COLUMNS = List.of("start (UTC)", "profile", "commit", "cpu", "cores", "memory",
        "disk", "fs", "jvm");

    private HostsListing() {
    }

    /** A run's values for {@link #FACT_COLUMNS}, {@code -} where a fact is missing. */
    static List<String> factCells(final HostProperties facts) {
        return List.of(facts.getOrDefault(HostProperties.RUN_START_UTC, "-"),
            facts.getOrDefault(HostProperties.PROFILE, "-") + (facts.stoppedEarly().isPresent() ? " (stopped)" : ""),
            facts.getOrDefault(HostProperties.GIT_COMMIT, "-"),
            facts.getOrDefault(HostProperties.CPU_MODEL, "-"),
            facts.getOrDefault(HostProperties.CPU_CORES, "-"),
            memory(facts.get(HostProperties.MEMORY_BYTES)),
            disk(facts), facts.getOrDefault(HostProperties.FS_TYPE, "-"),
            facts.getOrDefault(HostProperties.JVM_VERSION, "-"));
    }

    /**
     * Prints the listing of {@code resultsRoot}.
     *
     * @return one message per unreadable run folder (empty if all were read)
     * @throws ResultsFormatException if {@code resultsRoot} is not a directory
     */
    public static List<String> print(final Path resultsRoot, final PrintWriter out) throws IOException {
        final Path root = resultsRoot.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ResultsFormatException("results directory", root, ResultsFormatException.NO_LINE,
                Files.exists(root) ? "not a directory" : "not found (mbench run records runs under results/<host>/)");
        }
        final List<String> problems = new ArrayList<>();
        final List<String> stoppedRuns = new ArrayList<>();
        final List<String> header = new ArrayList<>(List.of("host", "run"));
        header.addAll(FACT_COLUMNS);
        final TextTable table = new TextTable(header);
        for (final Path host : sortedDirectories(root)) {
            for (final Path run : sortedDirectories(host)) {
                if (!RunFolder.isRunFolderName(run.getFileName().toString())) {
                    continue;
                }
                final Path hostFile = run.resolve(HostProperties.FILE_NAME);
                try {
                    final HostProperties facts = HostProperties.read(hostFile);
                    final Optional<String> stopped = facts.stoppedEarly();
                    stopped.ifPresent(note -> stoppedRuns.add(StoppedRuns.warning(
                        host.getFileName() + "/" + run.getFileName(), note)));
                    final List<String> row = new ArrayList<>(List.of(host.getFileName().toString(),
                        run.getFileName().toString()));
                    row.addAll(factCells(facts));
                    table.add(row);
                } catch (final ResultsFormatException e) {
                    problems.add(e.getMessage());
                    table.add(List.of(host.getFileName().toString(), run.getFileName().toString(), "(unreadable:"
                        + " see below)", "-", "-", "-", "-", "-", "-", "-", "-"));
                }
            }
        }
        out.println("results directory: " + root);
        if (table.isEmpty()) {
            out.println("  no runs recorded (run folders are named like 20261123T140512Z under results/<host>/)");
        } else {
            table.printText(out, "");
        }
        stoppedRuns.forEach(warning -> out.println("warning: " + warning));
        for (final Path host : sortedDirectories(root)) {
            final Map<HostHardware, Integer> machines = MachineCheck.machinesOfLabel(host);
            if (machines.size() > 1) {
                mixedLabelWarning(host.getFileName().toString(), machines).forEach(out::println);
            }
        }
        out.flush();
        return problems;
    }

    /**
     * {@code warning: label vm runs on 2 machines: AMD EPYC, 2 cores, 23.5 GiB (7 runs); Intel(R) Xeon(R) Processor,
     * 2 cores, 23.5 GiB (1 run)} and a line suggesting a label per machine. A warning, not an error: the runs are
     * readable, but a diff of two of them may compare two machines.
     */
    static List<String> mixedLabelWarning(final String label, final Map<HostHardware, Integer> machines) {
        final StringJoiner suggestions = new StringJoiner(", ");
        machines.keySet().forEach(machine -> suggestions.add(machine.suggestLabel(label)));
        return List.of("warning: label " + label + " " + MachineCheck.describeMachines(machines),
            "  one label should name one machine: record each under its own, e.g. mbench run --label " + suggestions);
    }

    private static String memory(final String bytes) {
        if (bytes == null) {
            return "-";
        }
        try {
            return Numbers.value(Long.parseLong(bytes) / (1024.0 * 1024 * 1024)) + " GiB";
        } catch (final NumberFormatException notANumber) {
            return bytes;
        }
    }

    private static String disk(final HostProperties facts) {
        final String model = facts.getOrDefault(HostProperties.DISK_MODEL, "-");
        final String rotational = facts.get(HostProperties.DISK_ROTATIONAL);
        if (rotational == null) {
            return model;
        }
        return model + (Boolean.parseBoolean(rotational) ? " (rotational)" : " (ssd)");
    }

    private static List<Path> sortedDirectories(final Path directory) throws IOException {
        final List<Path> directories = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, Files::isDirectory)) {
            entries.forEach(directories::add);
        }
        directories.sort(null);
        return directories;
    }
}
