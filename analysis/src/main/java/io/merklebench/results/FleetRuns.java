package io.merklebench.results;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A fleet's results: the newest finished run of every host folder in one directory (what the Ansible playbook
 * unpacks into {@code results/<label>/<run>/}), the base host's first. A host folder is a directory holding at least
 * one run folder ({@code 20261123T140512Z}); other entries are not hosts and are passed over. A host whose runs all
 * stopped early is left out and named in {@link #skipped()}, so that one broken host does not stop the fleet's
 * comparison. Immutable.
 */
public final class FleetRuns {
    private final Path directory;
    private final List<RunFolder> runs;
    private final List<String> skipped;

    private FleetRuns(final Path directory, final List<RunFolder> runs, final List<String> skipped) {
        this.directory = directory;
        this.runs = List.copyOf(runs);
        this.skipped = List.copyOf(skipped);
    }

    /**
     * Opens the newest run of every host folder in {@code directory}.
     *
     * @param baseHost the host folder whose run comes first (the base of the comparison); null for the first host
     *     folder by name
     * @throws ResultsFormatException if the directory is missing, holds no host folder, {@code baseHost} is not one
     *     of them (the message lists them) or has no finished run, or a run's files are malformed
     */
    public static FleetRuns open(final Path directory, final String baseHost) throws IOException {
        final Path root = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ResultsFormatException("fleet results directory", root, ResultsFormatException.NO_LINE,
                Files.exists(root) ? "not a directory" : "not found");
        }
        final List<Path> hosts = hostFolders(root);
        if (hosts.isEmpty()) {
            throw new ResultsFormatException("fleet results directory", root, ResultsFormatException.NO_LINE,
                "no host folder in it (a folder holding run folders named like 20261123T140512Z)");
        }
        final String base = baseHost == null ? hosts.get(0).getFileName().toString() : baseHost;
        final Path baseFolder = hosts.stream().filter(host -> host.getFileName().toString().equals(base)).findFirst()
            .orElseThrow(() -> new ResultsFormatException("fleet results directory", root,
                ResultsFormatException.NO_LINE, "no host folder " + base + " (--base); the hosts are: "
                    + names(hosts)));
        final List<RunFolder> runs = new ArrayList<>();
        runs.add(RunFolder.open(baseFolder)); // the base must have a finished run: it is what the others compare to
        final List<String> skipped = new ArrayList<>();
        for (final Path host : hosts) {
            if (host.equals(baseFolder)) {
                continue;
            }
            if (!hasFinishedRun(host)) {
                skipped.add(host.getFileName() + ": no finished run (every run folder stopped early)");
                continue;
            }
            runs.add(RunFolder.open(host));
        }
        return new FleetRuns(root, runs, skipped);
    }

    /** The fleet directory, absolute. */
    public Path directory() {
        return directory;
    }

    /** The newest finished run of every host, the base host's first, then the others by folder name. */
    public List<RunFolder> runs() {
        return runs;
    }

    /** Host folders left out, each with the reason ({@code vm-c: no finished run ...}). */
    public List<String> skipped() {
        return skipped;
    }

    private static boolean hasFinishedRun(final Path host) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(host, Files::isDirectory)) {
            for (final Path run : entries) {
                if (RunFolder.isRunFolderName(run.getFileName().toString())
                    && !RunFolder.stoppedEarly(run)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Path> hostFolders(final Path root) throws IOException {
        final List<Path> hosts = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (final Path entry : entries) {
                try (DirectoryStream<Path> runs = Files.newDirectoryStream(entry, Files::isDirectory)) {
                    for (final Path run : runs) {
                        if (RunFolder.isRunFolderName(run.getFileName().toString())) {
                            hosts.add(entry);
                            break;
                        }
                    }
                }
            }
        }
        hosts.sort(null);
        return hosts;
    }

    private static String names(final List<Path> hosts) {
        final StringJoiner names = new StringJoiner(", ");
        hosts.forEach(host -> names.add(host.getFileName().toString()));
        return names.toString();
    }
}
