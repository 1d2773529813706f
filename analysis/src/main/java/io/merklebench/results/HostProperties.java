package io.merklebench.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The facts about the host and the run, kept as {@code host.properties} beside results.csv: an ordered map of strings.
 * Not thread-safe.
 *
 * <p>The file is {@link Properties}-compatible (readable with {@code Properties.load} from a stream or reader: every
 * non-ASCII character is written as a {@code \}{@code u00e9}-style escape), but written deterministically: the
 * {@link #KNOWN_KEYS} first in their order, then any other keys sorted, one {@code key=value} line each, no date
 * comment. Iteration order follows the same rule.
 */
public final class HostProperties {
    /** File name inside a run folder. */
    public static final String FILE_NAME = "host.properties";

    /** Host label: the results/ subfolder name; no '/', '\', ',' or line break. */
    public static final String LABEL = "label";
    public static final String CPU_MODEL = "cpu.model";
    /** Logical CPUs available to the JVM. */
    public static final String CPU_CORES = "cpu.cores";
    /** Physical memory, bytes. */
    public static final String MEMORY_BYTES = "memory.bytes";
    /** Model of the disk holding the results directory (and the benchmark stores). */
    public static final String DISK_MODEL = "disk.model";
    /** {@code true} for a spinning disk, {@code false} for SSD/NVMe (Linux {@code queue/rotational}). */
    public static final String DISK_ROTATIONAL = "disk.rotational";
    public static final String FS_TYPE = "fs.type";
    public static final String FS_MOUNT_OPTIONS = "fs.mountOptions";
    public static final String KERNEL = "kernel";
    public static final String OS = "os";
    public static final String JVM_VENDOR = "jvm.vendor";
    public static final String JVM_VERSION = "jvm.version";
    /** The toolkit's own JVM flags for every fork (the parent pom's {@code mb.jvm.flags}), space-separated. */
    public static final String JVM_FLAGS = "jvm.flags";
    /**
     * The user's JVM options for every fork ({@code mbench run --jvm-args}), after {@link #JVM_FLAGS}; empty when
     * none were given; absent in runs recorded before format 2 (whose forks also inherited the options of the
     * {@code mbench} process).
     */
    public static final String JVM_ARGS = "jvm.args";
    public static final String TOOLKIT_VERSION = "toolkit.version";
    public static final String GIT_COMMIT = "git.commit";
    /**
     * The events every fork of the run was profiled for ({@code mbench run --profiler cpu,alloc}), comma-separated;
     * {@value #NOT_PROFILED} or absent when it was not. Every figure of a profiled run carries the profiler's cost, so
     * {@code mbench diff} compares profiled runs only with runs profiled the same way.
     */
    public static final String PROFILER = "profiler";
    /** {@link #PROFILER} of a run without a profiler. */
    public static final String NOT_PROFILED = "none";
    /** What profiled the forks (async-profiler and its version, or the JFR fallback) and any fallback's reason. */
    public static final String PROFILER_METHOD = "profiler.method";
    /** Run profile: smoke, quick, standard, full. */
    public static final String PROFILE = "profile";
    /** Run start, ISO-8601 UTC instant, e.g. {@code 2026-11-23T14:00:00Z}. */
    public static final String RUN_START_UTC = "run.startUtc";
    /** Wall-clock duration of the run, seconds. */
    public static final String RUN_SECONDS = "run.seconds";
    /** Results format version ({@link ResultColumns#FORMAT_VERSION}); absent means 1. */
    public static final String FORMAT_VERSION = "format.version";
    /**
     * Forks per case the run planned ({@code mbench run --forks}; format 2). Deliberately not one of the
     * {@link #KNOWN_KEYS}, like {@link #RUN_ORDER}: {@code mbench diff} lists such keys when they differ between
     * runs, and a run of 1 fork against one of 5 is worth a line there.
     */
    public static final String RUN_FORKS = "run.forks";
    /** In which order the forks of the cases ran: {@code round-robin} or {@code shuffle} (format 2). */
    public static final String RUN_ORDER = "run.order";
    /** The seed of a {@code shuffle} order (absent for round-robin): {@code mbench run --seed} repeats the order. */
    public static final String RUN_SEED = "run.seed";
    /** The run folder a run repeated ({@code mbench run --like}), absolute path; absent otherwise. */
    public static final String RUN_LIKE = "run.like";
    /**
     * Forks of the schedule the run has gone through so far (run, failed or skipped), rewritten after every fork;
     * with {@link #RUN_FORKS_PLANNED} it tells a run that was stopped (killed, the machine restarted) from one that
     * finished, since a stopped run's files are complete but hold fewer forks than planned. Absent in runs recorded
     * before it existed, which are taken as finished.
     */
    public static final String RUN_FORKS_DONE = "run.forksDone";
    /** Forks of the whole schedule: cases times {@link #RUN_FORKS}. */
    public static final String RUN_FORKS_PLANNED = "run.forksPlanned";


    // Environment facts that change results (hostinfo.EnvironmentFacts); "unknown" where the machine hides them.
    // The settings (governor, boost, huge pages) are deliberately not KNOWN_KEYS: mbench diff lists such keys when
    // they differ between runs. The load, swap and warnings are, since they differ between almost any two runs.
    /** CPU frequency scaling governors in use, comma-separated: {@code performance}, {@code powersave}. */
    public static final String CPU_GOVERNOR = "cpu.governor";
    /** CPU turbo/boost: {@code on} or {@code off}. */
    public static final String CPU_BOOST = "cpu.boost";
    /** Transparent huge pages mode: {@code always}, {@code madvise} or {@code never}. */
    public static final String THP_ENABLED = "thp.enabled";
    /** Transparent huge pages defrag mode: {@code always}, {@code defer}, {@code madvise}, ... */
    public static final String THP_DEFRAG = "thp.defrag";
    /** The 1, 5 and 15 minute load averages when the run started, space-separated: {@code 0.08 0.25 0.46}. */
    public static final String LOAD_AT_START = "load.start";
    /** The load averages when the last case finished (updated after every case). */
    public static final String LOAD_AT_END = "load.end";
    /** Swap in use when the run started, bytes. */
    public static final String SWAP_USED_BYTES = "swap.usedBytes";
    /** What mbench run warned about at its start (environment facts that hurt), {@code ; }-separated; empty if none. */
    public static final String RUN_WARNINGS = "run.warnings";

    /** Keys the toolkit writes, in file order. */
    public static final List<String> KNOWN_KEYS = List.of(
        LABEL, CPU_MODEL, CPU_CORES, MEMORY_BYTES, DISK_MODEL, DISK_ROTATIONAL, FS_TYPE, FS_MOUNT_OPTIONS, KERNEL, OS,
        JVM_VENDOR, JVM_VERSION, JVM_FLAGS, JVM_ARGS, PROFILER, PROFILER_METHOD, TOOLKIT_VERSION, GIT_COMMIT, PROFILE,
        RUN_START_UTC, RUN_SECONDS,
        FORMAT_VERSION, RUN_SEED, RUN_LIKE, RUN_FORKS_DONE, RUN_FORKS_PLANNED, LOAD_AT_START, LOAD_AT_END,
        SWAP_USED_BYTES, RUN_WARNINGS);

    private final Map<String, String> values = new LinkedHashMap<>();

    /** The run's {@link #PROFILER} events, {@value #NOT_PROFILED} for a run without (or recorded before) a profiler. */
    public String profiler() {
        final String events = get(PROFILER);
        return events == null || events.isBlank() ? NOT_PROFILED : events;
    }

    public HostProperties() {
    }

    /** A copy of {@code keyToValue}. */
    public static HostProperties of(final Map<String, String> keyToValue) {
        final HostProperties properties = new HostProperties();
        keyToValue.forEach(properties::put);
        return properties;
    }

    /** Sets {@code key}; returns this for chaining. */
    public HostProperties put(final String key, final String value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("host property key must not be empty");
        }
        if (value == null) {
            throw new IllegalArgumentException("host property value must not be null: key=" + key);
        }
        if (key.equals(LABEL)) {
            Labels.requireFolderSafe("host label", value);
        }
        values.put(key, value);
        return this;
    }

    /** The value, or null if absent. */
    public String get(final String key) {
        return values.get(key);
    }

    public String getOrDefault(final String key, final String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /**
     * {@code stopped after 72 of 108 forks} when the run's progress keys say it did not go through its whole
     * schedule; empty when it finished, or when the keys are absent or unreadable (runs recorded before them).
     */
    public Optional<String> stoppedEarly() {
        try {
            final long done = Long.parseLong(values.getOrDefault(RUN_FORKS_DONE, ""));
            final long planned = Long.parseLong(values.getOrDefault(RUN_FORKS_PLANNED, ""));
            return done < planned ? Optional.of("stopped after " + done + " of " + planned + " forks")
                : Optional.empty();
        } catch (final NumberFormatException absent) {
            return Optional.empty();
        }
    }

    /** An unmodifiable view in file order (known keys first, then the rest sorted). */
    public Map<String, String> asMap() {
        final Map<String, String> ordered = new LinkedHashMap<>();
        for (final String key : orderedKeys()) {
            ordered.put(key, values.get(key));
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** Writes {@code file} deterministically through a temporary file and an atomic rename. */
    public void write(final Path file) throws IOException {
        AtomicFiles.write(file, FILE_NAME, writer -> {
            for (final String key : orderedKeys()) {
                writer.write(escape(key, true));
                writer.write('=');
                writer.write(escape(values.get(key), false));
                writer.write('\n');
            }
        });
    }

    /**
     * Reads {@code file} ({@link Properties} syntax).
     *
     * @throws ResultsFormatException if the file is missing or malformed, naming its absolute path
     */
    public static HostProperties read(final Path file) throws IOException {
        final Path absolute = file.toAbsolutePath();
        final Properties properties = new Properties();
        try (BufferedReader reader = Files.newBufferedReader(absolute, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (final NoSuchFileException e) {
            throw new ResultsFormatException(FILE_NAME, absolute, ResultsFormatException.NO_LINE,
                "file not found: a run folder holds the host facts written by mbench run");
        } catch (final IllegalArgumentException e) {
            throw new ResultsFormatException(FILE_NAME, absolute, ResultsFormatException.NO_LINE,
                "malformed properties file (" + e.getMessage() + ")", e);
        }
        final HostProperties result = new HostProperties();
        for (final String key : properties.stringPropertyNames()) {
            try {
                result.put(key, properties.getProperty(key));
            } catch (final IllegalArgumentException e) {
                throw new ResultsFormatException(FILE_NAME, absolute, ResultsFormatException.NO_LINE, e.getMessage(), e);
            }
        }
        return result;
    }

    @Override
    public boolean equals(final Object other) {
        return other instanceof HostProperties && ((HostProperties) other).values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    private List<String> orderedKeys() {
        final List<String> keys = new ArrayList<>();
        for (final String key : KNOWN_KEYS) {
            if (values.containsKey(key)) {
                keys.add(key);
            }
        }
        final List<String> others = new ArrayList<>();
        for (final String key : values.keySet()) {
            if (!KNOWN_KEYS.contains(key)) {
                others.add(key);
            }
        }
        Collections.sort(others);
        keys.addAll(others);
        return keys;
    }

    /** Properties escaping, ASCII output so that {@code Properties.load(InputStream)} (ISO-8859-1) also reads it. */
    private static String escape(final String text, final boolean isKey) {
        final StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int index = 0; index < text.length(); index++) {
            final char character = text.charAt(index);
            switch (character) {
                case '\\' -> escaped.append("\\\\");
                case '\t' -> escaped.append("\\t");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\f' -> escaped.append("\\f");
                // Separators and comment marks only need escaping in keys: a value never starts a line, and
                // Properties.load splits a line at the first unescaped separator, which is in the key.
                case '=', ':', '#', '!' -> escaped.append(isKey ? "\\" : "").append(character);
                case ' ' -> escaped.append(isKey || index == 0 ? "\\ " : " ");
                default -> {
                    if (character < 0x20 || character > 0x7e) {
                        escaped.append(String.format("\\u%04x", (int) character));
                    } else {
                        escaped.append(character);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
