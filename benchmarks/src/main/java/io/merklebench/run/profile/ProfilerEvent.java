package io.merklebench.run.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code mbench run --profiler} samples: on-CPU time, wall-clock time, allocated bytes, or lock contention.
 * Several combine into one recording per fork ({@code cpu,alloc}), except cpu with wall: both sample the same threads'
 * stacks by a clock, and one recording holds one of them.
 */
public enum ProfilerEvent {
    CPU("cpu", "on-CPU time (samples of running threads)"),
    WALL("wall", "wall-clock time (samples of every thread, running, waiting or blocked)"),
    ALLOC("alloc", "allocated bytes (sampled allocations, weighted by size)"),
    LOCK("lock", "lock contention (time threads waited for monitors and locks)");

    private final String label;
    private final String description;

    ProfilerEvent(final String label, final String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Whether the event samples stacks by a clock (cpu, wall) rather than by what they do (alloc, lock). */
    boolean clockSampled() {
        return this == CPU || this == WALL;
    }

    /**
     * The options of async-profiler's converter that pick this event's samples from a recording: none for cpu and
     * wall, whose samples are the recording's execution samples (a recording holds one clock), {@code --alloc} and
     * {@code --lock} for the others. The same for async-profiler's recordings and the JDK's own (the JFR fallback).
     */
    String[] converterOptions() {
        return clockSampled() ? new String[0] : new String[] {"--" + label};
    }

    /**
     * The events of {@code --profiler cpu,alloc}, in the order given, each once.
     *
     * @throws IllegalArgumentException naming the bad word and the choices, or cpu and wall together
     */
    public static List<ProfilerEvent> parseList(final String text) {
        final List<ProfilerEvent> events = new ArrayList<>();
        for (final String word : text.split(",", -1)) {
            final ProfilerEvent event = parse(word.trim());
            if (!events.contains(event)) {
                events.add(event);
            }
        }
        if (events.contains(CPU) && events.contains(WALL)) {
            throw new IllegalArgumentException("--profiler cpu and wall cannot be combined: both sample stacks by a"
                + " clock and one recording holds one of them; run cpu and wall in two runs");
        }
        return List.copyOf(events);
    }

    static ProfilerEvent parse(final String word) {
        for (final ProfilerEvent event : values()) {
            if (event.label.equals(word.toLowerCase(Locale.ROOT))) {
                return event;
            }
        }
        throw new IllegalArgumentException("unknown profiler '" + word + "'; expected one or more of: "
            + labels() + " (comma-separated, e.g. --profiler cpu,alloc)");
    }

    static String labels() {
        return Arrays.stream(values()).map(ProfilerEvent::label).collect(Collectors.joining(", "));
    }

    /** {@code cpu,alloc}. */
    public static String join(final List<ProfilerEvent> events) {
        return events.stream().map(ProfilerEvent::label).collect(Collectors.joining(","));
    }
}
