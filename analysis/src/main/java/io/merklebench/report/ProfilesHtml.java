package io.merklebench.report;

import io.merklebench.results.HostProperties;
import io.merklebench.results.ProfileFolders;
import io.merklebench.results.ProfileTopCsv;
import io.merklebench.results.ResultRow;
import io.merklebench.results.RunFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Profiles section of a profiled run's report ({@code mbench run --profiler ...}): per benchmark, the top self
 * frames of its fastest and its slowest case, and every case's flame graphs, linked. Left out for runs without
 * {@value ProfileTopCsv#FILE_NAME}. Stateless.
 */
final class ProfilesHtml {
    /** Frames shown per case in the fastest/slowest tables. */
    static final int FRAMES_SHOWN = 5;

    private ProfilesHtml() {
    }

    /**
     * Writes the section for {@code run}, whose report is written into {@code reportDirectory} (links are relative to
     * it); nothing when the run holds no profiles.
     */
    static void write(final Html html, final RunFolder run, final Path reportDirectory) throws IOException {
        final Path topFile = run.directory().resolve(ProfileTopCsv.FILE_NAME);
        if (!Files.isRegularFile(topFile)) {
            return;
        }
        final List<ProfileTopCsv.Row> top = ProfileTopCsv.read(topFile);
        final HostProperties host = run.hostProperties();
        html.open("section", "id", "profiles");
        html.element("h2", "Profiles").raw("\n");
        html.open("p", "class", "note").text("Every fork of this run was profiled for " + host.profiler()
            + " in its measurement iterations with " + host.getOrDefault(HostProperties.PROFILER_METHOD, "a profiler")
            + ". Every figure of the run carries the profiler's cost: compare it with runs profiled the same way."
            + " Self: samples taken in the frame itself; total: samples whose stack holds it.").close("p");

        final Map<String, List<ResultRow>> byBenchmark = new LinkedHashMap<>();
        for (final ResultRow row : run.results()) {
            byBenchmark.computeIfAbsent(row.benchmark(), name -> new ArrayList<>()).add(row);
        }
        for (final Map.Entry<String, List<ResultRow>> benchmark : byBenchmark.entrySet()) {
            final List<ResultRow> profiled = benchmark.getValue().stream()
                .filter(row -> top.stream().anyMatch(frame -> frame.describes(row.key())))
                .sorted(fastestFirst())
                .toList();
            if (profiled.isEmpty()) {
                continue;
            }
            html.element("h3", benchmark.getKey()).raw("\n");
            framesTable(html, "fastest", profiled.get(0), top);
            if (profiled.size() > 1) {
                framesTable(html, "slowest", profiled.get(profiled.size() - 1), top);
            }
        }
        html.element("h3", "Flame graphs").raw("\n");
        final List<List<String>> links = new ArrayList<>();
        final Path from = reportDirectory.toAbsolutePath().normalize();
        final Path runDirectory = run.directory().toAbsolutePath().normalize();
        html.open("ul", "class", "profiles");
        for (final String caseLabel : top.stream().map(ProfileTopCsv.Row::caseLabel).distinct().toList()) {
            html.open("li").text(caseLabel + ": ");
            for (final String event : top.stream().filter(row -> row.caseLabel().equals(caseLabel))
                .map(ProfileTopCsv.Row::event).distinct().toList()) {
                final String href = from.relativize(ProfileFolders.flameGraph(runDirectory, caseLabel, event))
                    .toString().replace('\\', '/');
                html.element("a", event, "href", href).text(" ");
            }
            html.close("li");
        }
        html.close("ul");
        html.close("section");
    }

    private static void framesTable(final Html html, final String which, final ResultRow row,
                                    final List<ProfileTopCsv.Row> top) {
        final List<List<String>> rows = new ArrayList<>();
        for (final ProfileTopCsv.Row frame : top) {
            if (!frame.describes(row.key())) {
                continue;
            }
            final long shownOfEvent = rows.stream().filter(cells -> cells.get(0).equals(frame.event())).count();
            if (shownOfEvent < FRAMES_SHOWN) {
                rows.add(List.of(frame.event(), frame.frame(), Numbers.value(frame.selfPercent()),
                    Numbers.value(frame.totalPercent())));
            }
        }
        html.open("p").text(which + ": " + DiffPrinter.paramsText(row.params()) + " (" + Numbers.value(row.score())
            + " " + row.unit() + ")").close("p");
        html.table(List.of("event", "frame", "self %", "total %"), rows, "frames");
    }

    /** Lower scores first, except for throughput, where higher is faster. */
    private static Comparator<ResultRow> fastestFirst() {
        return (left, right) -> "thrpt".equals(left.mode())
            ? Double.compare(right.score(), left.score()) : Double.compare(left.score(), right.score());
    }
}
