package io.merklebench.results;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One recorded run, {@code results/<host label>/<UTC timestamp>/}, loaded completely when opened: host facts,
 * results and (when recorded) per-iteration samples. Immutable after {@link #open} (the lists are unmodifiable),
 * except for an index built on the first {@link #forkSamples} call: not thread-safe.
 *
 * <p>{@link #open} accepts a run folder (it holds {@code host.properties} and {@code results.csv}) or a host folder
 * (it holds run folders named {@code yyyyMMdd'T'HHmmss'Z'}; the newest by name is opened).
 *
 * <p>A run of {@code mbench simulate} also holds {@code simulation.csv}, a row per version of every simulated pair.
 * It is not read by {@link #open}: it can be millions of rows that diff and power do not use. Whoever needs it (the
 * report) asks for {@link #simulationFile} and reads it with {@link SimulationCsv#read}.
 */
public final class RunFolder {
    /** Run folder names: the run's start in UTC, e.g. {@code 20261123T140512Z}; they sort by time. */
    public static final DateTimeFormatter TIMESTAMP_FORMAT =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern TIMESTAMP_NAME = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final String WHAT = "run folder";

    private final Path directory;
    private final HostProperties hostProperties;
    private final List<ResultRow> results;
    private final List<Long> resultLineNumbers;
    private final List<SampleRow> samples;
    private final Map<RowKey, List<Double>> sampleValues;
    /** Samples by row and fork, built on first use by {@link #forkSamples}. */
    private Map<RowKey, Map<Integer, List<Double>>> forkIndex;

    private RunFolder(final Path directory, final HostProperties hostProperties, final List<ResultRow> results,
                      final List<Long> resultLineNumbers, final List<SampleRow> samples,
                      final Map<RowKey, List<Double>> sampleValues) {
        this.directory = directory;
        this.hostProperties = hostProperties;
        this.results = List.copyOf(results);
        this.resultLineNumbers = List.copyOf(resultLineNumbers);
        this.samples = List.copyOf(samples);
        this.sampleValues = sampleValues;
    }

    /**
     * Opens a run folder, or the newest run of a host folder, and reads its files.
     *
     * @throws ResultsFormatException if the folder is missing, is neither a run nor a host folder, lacks
     *     host.properties or results.csv, or a file is malformed (the message names the absolute path and line)
     */
    public static RunFolder open(final Path runOrHostDirectory) throws IOException {
        final Path absolute = runOrHostDirectory.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new ResultsFormatException(WHAT, absolute, ResultsFormatException.NO_LINE,
                Files.exists(absolute) ? "not a directory" : "not found");
        }
        final Path runDirectory = isRunFolder(absolute) ? absolute : newestRun(absolute);
        final Path hostFile = runDirectory.resolve(HostProperties.FILE_NAME);
        if (!Files.isRegularFile(hostFile)) {
            throw new ResultsFormatException(WHAT, runDirectory, ResultsFormatException.NO_LINE,
                "no " + HostProperties.FILE_NAME + " (the host facts mbench run writes beside results.csv): "
                    + hostFile);
        }
        final HostProperties host = HostProperties.read(hostFile);
        final String version = host.getOrDefault(HostProperties.FORMAT_VERSION, "1");
        if (!ResultColumns.READABLE_FORMAT_VERSIONS.contains(version)) {
            throw new ResultsFormatException(HostProperties.FILE_NAME, hostFile, ResultsFormatException.NO_LINE,
                "results format version not supported by this toolkit (it reads "
                    + String.join(", ", ResultColumns.READABLE_FORMAT_VERSIONS) + "): "
                    + HostProperties.FORMAT_VERSION + "=" + version);
        }
        final Path resultsFile = runDirectory.resolve(ResultsCsv.FILE_NAME);
        final List<Long> resultLines = new ArrayList<>();
        final List<ResultRow> results = ResultsCsv.read(resultsFile, resultLines);
        final Map<RowKey, Integer> indexByKey = new HashMap<>();
        for (int index = 0; index < results.size(); index++) {
            final Integer earlier = indexByKey.putIfAbsent(results.get(index).key(), index);
            if (earlier != null) {
                throw new ResultsFormatException(ResultsCsv.FILE_NAME, resultsFile, resultLines.get(index),
                    "duplicate row for " + results.get(index).key() + " (first on line " + resultLines.get(earlier)
                        + ")");
            }
        }
        final Path samplesFile = runDirectory.resolve(SamplesCsv.FILE_NAME);
        final List<Long> sampleLines = new ArrayList<>();
        final List<SampleRow> samples = Files.exists(samplesFile)
            ? SamplesCsv.read(samplesFile, sampleLines) : List.of();
        final Map<RowKey, List<Double>> sampleValues = new HashMap<>();
        for (int index = 0; index < samples.size(); index++) {
            final SampleRow sample = samples.get(index);
            final Integer resultIndex = indexByKey.get(sample.key());
            if (resultIndex != null && !results.get(resultIndex).unit().equals(sample.unit())) {
                throw new ResultsFormatException(SamplesCsv.FILE_NAME, samplesFile, sampleLines.get(index),
                    "unit differs from results.csv line " + resultLines.get(resultIndex) + " for " + sample.key()
                        + ": unit=" + sample.unit() + " but results.csv has unit="
                        + results.get(resultIndex).unit());
            }
            sampleValues.computeIfAbsent(sample.key(), key -> new ArrayList<>()).add(sample.value());
        }
        return new RunFolder(runDirectory, host, results, resultLines, samples, sampleValues);
    }

    /**
     * Creates the folder of a run starting at {@code start} ({@link #runDirectory}), absolute and normalised.
     *
     * @throws IllegalStateException when it exists already (another run started in the same second)
     */
    public static Path createRunDirectory(final Path resultsRoot, final String hostLabel, final Instant start)
        throws IOException {
        final Path runDirectory = runDirectory(resultsRoot, hostLabel, start).toAbsolutePath().normalize();
        if (Files.exists(runDirectory)) {
            throw new IllegalStateException("run folder already exists (another run started in the same second?): "
                + runDirectory);
        }
        Files.createDirectories(runDirectory);
        return runDirectory;
    }

    /**
     * {@code resultsRoot/<hostLabel>/<start as yyyyMMdd'T'HHmmss'Z'>}: where a run starting at {@code start} is
     * recorded. Does not create it.
     *
     * @throws IllegalArgumentException if the label is empty or contains a path separator, ',' or a line break
     */
    public static Path runDirectory(final Path resultsRoot, final String hostLabel, final Instant start) {
        requireValidHostLabel(hostLabel);
        return resultsRoot.resolve(hostLabel).resolve(TIMESTAMP_FORMAT.format(start.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** Checks a host label is usable as a folder name and CSV/properties value; returns it. */
    public static String requireValidHostLabel(final String hostLabel) {
        return Labels.requireFolderSafe("host label", hostLabel);
    }

    /** True if {@code name} looks like a run folder name ({@code 20261123T140512Z}). */
    public static boolean isRunFolderName(final String name) {
        return TIMESTAMP_NAME.matcher(name).matches();
    }

    /** Absolute path of the run folder. */
    public Path directory() {
        return directory;
    }

    public HostProperties hostProperties() {
        return hostProperties;
    }

    public List<ResultRow> results() {
        return results;
    }

    /** Per-iteration samples; empty if the run has no samples.csv. */
    public List<SampleRow> samples() {
        return samples;
    }

    /** Absolute path of this run's results.csv. */
    public Path resultsFile() {
        return directory.resolve(ResultsCsv.FILE_NAME);
    }

    /**
     * Absolute path of this run's {@code simulation.csv} when the folder holds one (a run of {@code mbench simulate});
     * empty otherwise. Looked up on each call, not read.
     */
    public Optional<Path> simulationFile() {
        final Path file = directory.resolve(SimulationCsv.FILE_NAME);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** 1-based line of {@code results().get(index)} in {@link #resultsFile()}, for error messages. */
    public long resultLineNumber(final int index) {
        return resultLineNumbers.get(index);
    }

    /** The result row with {@code key}, if this run has one. */
    public Optional<ResultRow> result(final RowKey key) {
        for (final ResultRow row : results) {
            if (row.key().equals(key)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    /** Per-iteration values of {@code key} from samples.csv, in file order; empty if none were recorded. */
    public List<Double> sampleValues(final RowKey key) {
        return List.copyOf(sampleValues.getOrDefault(key, List.of()));
    }

    /**
     * The measured iterations of {@code key} grouped by fork, in fork-number order (fork 0, recorded when JMH ran
     * without forking, counts as one fork); empty if none were recorded. The fork is the statistics' unit of
     * replication (see {@code io.merklebench.stats.ForkSummary}).
     */
    public List<double[]> forkSamples(final RowKey key) {
        if (forkIndex == null) {
            final Map<RowKey, Map<Integer, List<Double>>> index = new HashMap<>();
            for (final SampleRow sample : samples) {
                index.computeIfAbsent(sample.key(), row -> new java.util.TreeMap<>())
                    .computeIfAbsent(sample.fork(), fork -> new ArrayList<>()).add(sample.value());
            }
            forkIndex = index;
        }
        final List<double[]> forks = new ArrayList<>();
        for (final List<Double> values : forkIndex.getOrDefault(key, Map.of()).values()) {
            forks.add(values.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return forks;
    }

    /** The host label from host.properties, or the host folder's name if the file has none. */
    public String hostLabel() {
        final String label = hostProperties.get(HostProperties.LABEL);
        if (label != null) {
            return label;
        }
        final Path parent = directory.getParent();
        return parent == null || parent.getFileName() == null ? directory.toString() : parent.getFileName().toString();
    }

    /** The run's start, from the folder name or else {@code run.startUtc}; empty if neither parses. */
    public Optional<Instant> start() {
        final String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
        try {
            if (isRunFolderName(name)) {
                return Optional.of(Instant.from(TIMESTAMP_FORMAT.parse(name)));
            }
            final String recorded = hostProperties.get(HostProperties.RUN_START_UTC);
            return recorded == null ? Optional.empty() : Optional.of(Instant.parse(recorded));
        } catch (final DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** {@code <host label>/<run folder name>}, for headings and table columns. */
    public String displayName() {
        return hostLabel() + "/" + directory.getFileName();
    }

    @Override
    public String toString() {
        return "RunFolder[" + directory + "]";
    }

    private static boolean isRunFolder(final Path directory) {
        return Files.exists(directory.resolve(HostProperties.FILE_NAME))
            || Files.exists(directory.resolve(ResultsCsv.FILE_NAME));
    }

    /**
     * The newest run folder of a host folder that finished: a run stopped before the end of its schedule, or still
     * running, is passed over ({@link HostProperties#stoppedEarly()}), so "the newest run of results/vm" is never
     * half a run. A folder whose host.properties is missing or unreadable is taken, so that opening it says why.
     */
    private static Path newestRun(final Path hostDirectory) throws IOException {
        final List<Path> runs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(hostDirectory)) {
            for (final Path entry : entries) {
                if (Files.isDirectory(entry) && isRunFolderName(entry.getFileName().toString())) {
                    runs.add(entry);
                }
            }
        }
        if (runs.isEmpty()) {
            throw new ResultsFormatException(WHAT, hostDirectory, ResultsFormatException.NO_LINE,
                "neither a run folder (no " + HostProperties.FILE_NAME + " or " + ResultsCsv.FILE_NAME
                    + ") nor a host folder (no run folder named like 20261123T140512Z)");
        }
        runs.sort(Comparator.comparing((Path run) -> run.getFileName().toString()).reversed());
        for (final Path run : runs) {
            if (!stoppedEarly(run)) {
                return run;
            }
        }
        throw new ResultsFormatException(WHAT, hostDirectory, ResultsFormatException.NO_LINE,
            "no finished run: its " + runs.size() + " run folder" + (runs.size() == 1 ? " was" : "s were")
                + " stopped before the end (or are still running); name one to compare it anyway");
    }

    /** True when the run folder's host.properties says it stopped early; an unreadable one counts as finished. */
    static boolean stoppedEarly(final Path run) {
        final Path hostFile = run.resolve(HostProperties.FILE_NAME);
        if (!Files.isRegularFile(hostFile)) {
            return false;
        }
        try {
            return HostProperties.read(hostFile).stoppedEarly().isPresent();
        } catch (final IOException | ResultsFormatException unreadable) {
            return false;
        }
    }
}
