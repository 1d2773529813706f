package io.merklebench.run.profile;

import io.merklebench.results.ProfileFolders;
import io.merklebench.results.ProfileTopCsv;
import one.convert.Arguments;
import one.convert.FlameGraph;
import one.convert.JfrToFlame;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files a profiled run leaves, under {@code profiles/} in the run folder, one folder per case:
 * <pre>
 * profiles/&lt;case&gt;/fork-N/        while the run goes: the fork's recording, then its collapsed stacks per event
 * profiles/&lt;case&gt;/&lt;event&gt;.collapsed  every fork's stacks summed (one "frame;frame;...;frame count" line per stack)
 * profiles/&lt;case&gt;/&lt;event&gt;.html       async-profiler's interactive flame graph of those stacks
 * profile-top.csv                    the top frames of every case and event ({@link ProfileTopCsv})
 * </pre>
 * Conversions use async-profiler's own converter (it reads async-profiler's recordings and the JDK's). Stateless.
 */
public final class ProfileFiles {
    /** Folder of the profiles inside a run folder. */
    public static final String DIRECTORY = ProfileFolders.DIRECTORY;
    /** Frames per case and event kept in profile-top.csv. */
    static final int TOP_FRAMES = 20;
    private static final String COLLAPSED = ".collapsed";
    /** The converter's frame-type suffix: _[j] Java, _[i] inlined, _[k] kernel, _[0]/_[1] interpreted or C1... */
    private static final Pattern FRAME_TYPE = Pattern.compile("_\\[[a-z0-9]+]$");

    private ProfileFiles() {
    }

    /** Where fork {@code fork} of the case with folder {@code caseDirectory} records. */
    public static Path forkDirectory(final Path caseDirectory, final int fork) {
        return caseDirectory.resolve("fork-" + fork);
    }

    /**
     * Turns the recording a fork left under {@code forkDirectory} into {@code <event>.collapsed} per event, then
     * deletes the recording (tens of MB for long forks; the collapsed stacks keep what the flame graphs show).
     *
     * @throws IOException when the fork left no recording, or the converter cannot read it
     */
    public static void collapseFork(final Path forkDirectory, final List<ProfilerEvent> events) throws IOException {
        final List<Path> recordings;
        try (Stream<Path> files = Files.walk(forkDirectory)) {
            recordings = files.filter(file -> file.getFileName().toString().endsWith(".jfr")).sorted().toList();
        }
        if (recordings.isEmpty()) {
            throw new IOException("the profiler left no recording in " + forkDirectory);
        }
        for (final ProfilerEvent event : events) {
            final Path collapsed = forkDirectory.resolve(event.label() + COLLAPSED);
            final List<String> options = new ArrayList<>(List.of(event.converterOptions()));
            options.addAll(List.of("-o", "collapsed"));
            JfrToFlame.convert(recordings.get(0).toString(), collapsed.toString(),
                new Arguments(options.toArray(String[]::new)));
        }
        for (final Path recording : recordings) {
            Files.delete(recording);
        }
    }

    /**
     * Sums the forks' stacks of each event into the case folder, draws the flame graphs, removes the fork folders,
     * and returns the case's top frames per event.
     */
    public static List<ProfileTopCsv.Row> finishCase(final Path caseDirectory, final String caseLabel,
                                                     final List<ProfilerEvent> events) throws IOException {
        final List<Path> forks;
        try (Stream<Path> children = Files.list(caseDirectory)) {
            forks = children.filter(Files::isDirectory).filter(dir -> dir.getFileName().toString().startsWith("fork-"))
                .sorted().toList();
        }
        final List<ProfileTopCsv.Row> top = new ArrayList<>();
        for (final ProfilerEvent event : events) {
            final Map<String, Long> stacks = new LinkedHashMap<>();
            for (final Path fork : forks) {
                final Path forkStacks = fork.resolve(event.label() + COLLAPSED);
                if (Files.isRegularFile(forkStacks)) {
                    addCollapsed(forkStacks, stacks);
                }
            }
            final Path collapsed = caseDirectory.resolve(event.label() + COLLAPSED);
            writeCollapsed(collapsed, stacks);
            FlameGraph.convert(collapsed.toString(), caseDirectory.resolve(event.label() + ".html").toString(),
                new Arguments("--title", caseLabel + " (" + event.label() + ", " + forks.size() + " forks)"));
            top.addAll(topFrames(caseLabel, event.label(), stacks, TOP_FRAMES));
        }
        for (final Path fork : forks) {
            deleteTree(fork);
        }
        return top;
    }

    /**
     * The {@code limit} frames with the largest self share: self is the samples whose stack ends in the frame, total
     * the samples whose stack holds it (counted once per stack, however often it recurses).
     */
    static List<ProfileTopCsv.Row> topFrames(final String caseLabel, final String event, final Map<String, Long> stacks,
                                             final int limit) {
        final Map<String, Long> self = new HashMap<>();
        final Map<String, Long> total = new HashMap<>();
        long samples = 0;
        for (final Map.Entry<String, Long> stack : stacks.entrySet()) {
            final String[] frames = stack.getKey().split(";");
            final long count = stack.getValue();
            samples += count;
            self.merge(frameName(frames[frames.length - 1]), count, Long::sum);
            final Set<String> seen = new HashSet<>();
            for (final String frame : frames) {
                final String name = frameName(frame);
                if (seen.add(name)) {
                    total.merge(name, count, Long::sum);
                }
            }
        }
        if (samples == 0) {
            return List.of();
        }
        final long all = samples;
        return self.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry::getKey))
            .limit(limit)
            .map(entry -> new ProfileTopCsv.Row(caseLabel, event, entry.getKey(), percent(entry.getValue(), all),
                percent(total.get(entry.getKey()), all)))
            .toList();
    }

    static String frameName(final String frame) {
        return FRAME_TYPE.matcher(frame).replaceFirst("");
    }

    private static double percent(final long part, final long whole) {
        return Math.round(10_000.0 * part / whole) / 100.0;
    }

    /** Adds the stacks of a collapsed file ({@code frame;...;frame count} per line) to {@code stacks}. */
    static void addCollapsed(final Path file, final Map<String, Long> stacks) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.filter(line -> !line.isBlank()).forEach(line -> {
                final int space = line.lastIndexOf(' ');
                if (space <= 0) {
                    throw new UncheckedIOException(new IOException("not a collapsed stack line in " + file + ": " + line));
                }
                stacks.merge(line.substring(0, space), Long.parseLong(line.substring(space + 1).trim()), Long::sum);
            });
        } catch (final UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void writeCollapsed(final Path file, final Map<String, Long> stacks) throws IOException {
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (final Map.Entry<String, Long> stack : stacks.entrySet()) {
                writer.write(stack.getKey());
                writer.write(' ');
                writer.write(Long.toString(stack.getValue()));
                writer.write('\n');
            }
        }
    }

    private static void deleteTree(final Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (final Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
