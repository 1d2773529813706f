package io.merklebench.run.profile;

import one.profiler.AsyncProfiler;
import org.openjdk.jmh.profile.JavaFlightRecorderProfiler;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * How the forks of a {@code mbench run --profiler ...} are profiled, decided once before the run starts: with
 * async-profiler (its library taken from its jar on the class path and loaded here once, to know it works on this
 * machine), or, where it cannot run, with the JDK's own Flight Recorder, which every JDK 17+ has. Either way each fork
 * writes one recording of its measurement iterations only ({@link MeasuredIterationsProfiler} starts it at the first measured iteration),
 * which {@link ProfileFiles} turns into collapsed stacks and flame graphs per event.
 *
 * <p>Fallbacks, each said in {@link #description()} (the run's log and {@code host.properties}):
 * <ul>
 *   <li>no library for this OS and CPU in the jar, or it does not load: JFR;</li>
 *   <li>cpu without perf events (a VM or container that hides them, {@code perf_event_paranoid} too high): async-profiler's
 *   {@code itimer} mode, a signal-based CPU clock without kernel frames.</li>
 * </ul>
 * Immutable.
 */
public final class ProfilerSetup {
    /** Sampling interval of alloc when it joins a clock event: one sample per 512 KiB allocated (async-profiler's). */
    static final String ALLOC_INTERVAL = "512k";
    /** Lock waits shorter than this (ns) are not recorded when lock joins another event. */
    static final String LOCK_THRESHOLD_NANOS = "10000";

    /** Which profiler the forks run. */
    public enum Method {
        ASYNC_PROFILER,
        JFR
    }

    private final List<ProfilerEvent> events;
    private final Method method;
    private final Path library;
    private final String clockEvent;
    private final String description;

    private ProfilerSetup(final List<ProfilerEvent> events, final Method method, final Path library,
                          final String clockEvent, final String description) {
        this.events = List.copyOf(events);
        this.method = method;
        this.library = library;
        this.clockEvent = clockEvent;
        this.description = description;
    }

    /**
     * Finds, extracts (into {@code workDirectory}) and tries async-profiler's library for this machine, falling back
     * as the class comment says.
     */
    public static ProfilerSetup prepare(final List<ProfilerEvent> events, final Path workDirectory) {
        return prepare(events, workDirectory, libraryResource(System.getProperty("os.name"),
            System.getProperty("os.arch")));
    }

    /** As {@link #prepare(List, Path)} with the library at class-path resource {@code resource} (null: none). */
    static ProfilerSetup prepare(final List<ProfilerEvent> events, final Path workDirectory, final String resource) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no profiler events");
        }
        if (resource == null) {
            return jfr(events, "async-profiler has no library for " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        }
        final Path library;
        try (InputStream in = ProfilerSetup.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return jfr(events, "async-profiler's library " + resource + " is not on the class path");
            }
            Files.createDirectories(workDirectory);
            library = workDirectory.resolve("libasyncProfiler.so").toAbsolutePath();
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException e) {
            return jfr(events, "async-profiler's library could not be extracted to " + workDirectory + ": "
                + e.getMessage());
        }
        final AsyncProfiler profiler;
        try {
            // Loaded here first: AsyncProfiler.getInstance keeps the first instance of the JVM and would not try a
            // second library; a library that does not load must fail here, whatever loaded before.
            System.load(library.toString());
            profiler = AsyncProfiler.getInstance(library.toString());
        } catch (final UnsatisfiedLinkError | RuntimeException e) {
            return jfr(events, "async-profiler's library does not load here (" + e.getMessage() + ")");
        }
        final String version = profiler.getVersion();
        String clock = events.contains(ProfilerEvent.WALL) ? "wall" : events.contains(ProfilerEvent.CPU) ? "cpu" : null;
        String clockNote = "";
        if ("cpu".equals(clock) && !startsCleanly(profiler, "cpu")) {
            clock = "itimer";
            clockNote = "; cpu sampled with itimer (perf events are not available here: no kernel frames)";
        }
        return new ProfilerSetup(events, Method.ASYNC_PROFILER, library, clock,
            "async-profiler " + version + clockNote);
    }

    private static ProfilerSetup jfr(final List<ProfilerEvent> events, final String reason) {
        final String wallNote = events.contains(ProfilerEvent.WALL)
            ? "; JFR has no wall clock: wall shows its execution samples (running threads only)" : "";
        return new ProfilerSetup(events, Method.JFR, null, null,
            "JFR (the JDK's Flight Recorder, settings 'profile'), because " + reason + wallNote);
    }

    /** Whether a short async-profiler session with {@code event} starts and stops (perf events may be refused). */
    private static boolean startsCleanly(final AsyncProfiler profiler, final String event) {
        try {
            profiler.execute("start,event=" + event + ",interval=10ms");
            profiler.execute("stop");
            return true;
        } catch (final IOException | RuntimeException e) {
            return false;
        }
    }

    /** The resource of async-profiler's library in its jar for this OS and CPU, or null when it ships none. */
    static String libraryResource(final String osName, final String osArch) {
        final String os = osName.toLowerCase(Locale.ROOT);
        final String arch = osArch.toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            if (arch.equals("amd64") || arch.equals("x86_64")) {
                return "linux-x64/libasyncProfiler.so";
            }
            if (arch.equals("aarch64") || arch.equals("arm64")) {
                return "linux-arm64/libasyncProfiler.so";
            }
            return null;
        }
        return os.contains("mac") ? "macos/libasyncProfiler.so" : null;
    }

    public List<ProfilerEvent> events() {
        return events;
    }

    public Method method() {
        return method;
    }

    /** What profiles the forks, with any fallback and why: for the log and {@code host.properties}. */
    public String description() {
        return description;
    }

    /** Adds the profiler to one fork's JMH options; its recording goes under {@code forkDirectory}. */
    public void addTo(final ChainedOptionsBuilder options, final Path forkDirectory) {
        final String directory = forkDirectory.toAbsolutePath().toString();
        if (method == Method.JFR) {
            options.addProfiler(JavaFlightRecorderProfiler.class, "dir=" + directory + ";configName=profile");
            return;
        }
        options.addProfiler(MeasuredIterationsProfiler.class, asyncProfilerOptions(directory));
    }

    /** {@link MeasuredIterationsProfiler}'s options: one recording (JFR format) holding every event. */
    String asyncProfilerOptions(final String directory) {
        final StringBuilder text = new StringBuilder().append(library).append('|');
        if (clockEvent != null) {
            text.append("event=").append(clockEvent);
            if (events.contains(ProfilerEvent.ALLOC)) {
                text.append(",alloc=").append(ALLOC_INTERVAL);
            }
            if (events.contains(ProfilerEvent.LOCK)) {
                text.append(",lock=").append(LOCK_THRESHOLD_NANOS);
            }
        } else if (events.contains(ProfilerEvent.ALLOC)) {
            text.append("event=alloc,alloc=").append(ALLOC_INTERVAL);
            if (events.contains(ProfilerEvent.LOCK)) {
                text.append(",lock=").append(LOCK_THRESHOLD_NANOS);
            }
        } else {
            text.append("event=lock,lock=").append(LOCK_THRESHOLD_NANOS);
        }
        return text.append(",file=").append(directory).append("/profile.jfr").toString();
    }
}
