package io.merklebench.report;

import io.merklebench.results.AtomicFiles;
import io.merklebench.results.FleetRuns;
import io.merklebench.results.HostProperties;
import io.merklebench.results.MemoryBreakdownCsv;
import io.merklebench.results.ResultRow;
import io.merklebench.results.RunFolder;
import io.merklebench.results.SimulationCsv;
import io.merklebench.results.SimulationRow;
import io.merklebench.stats.VerdictRules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the self-contained HTML report of one or more runs. It leads with the answer: a summary of the first run
 * ({@link RunSummary}: per benchmark and workload the fastest row with its 95% interval, the others as factors of it,
 * the unstable rows); the Profiles and Memory breakdown sections of the first run when it has them
 * ({@link ProfilesHtml}, {@link MemoryBreakdownHtml}); then the runs, host facts, the Simulation section when a run holds a {@code simulation.csv}
 * ({@link SimulationCharts}: the per-version series of {@code mbench simulate}), one chart per benchmark family
 * (inline SVG, no script, no network), the results tables, and with two or more runs the diff against the first run
 * with a chart of the changes. Each chart is also written as {@code <report name>-<chart>.svg} beside the HTML.
 *
 * <p>Everything is computed and rendered in memory first; only then are the files written, each through a temporary
 * file and an atomic rename, so a failure (bad input, missing fonts) leaves nothing half-written. Stateless.
 */
public final class ReportWriter {
    /** File name of the report in a run folder. */
    public static final String FILE_NAME = "report.html";

    private static final String STYLE = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;color:#222}
        h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
        table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
        th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}
        th{background:#f4f4f4}tr.differs td{background:#fff4d6}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        figure{margin:1em 0;overflow-x:auto}figcaption{font-size:.85em;color:#555}
        .note{font-size:.85em;color:#555}code{font-size:.95em}
        .warning{background:#fff4d6;border-left:4px solid #e0a000;padding:.3em .6em}
        td.best{font-weight:600}td.others ul{margin:0;padding-left:1.1em}
        li[data-verdict=no_change]{color:#555}li[data-verdict=unstable],li[data-verdict=insufficient_forks]{color:#777}
        """;

    /** A chart rendered: its SVG document and the file name it is saved under beside the report. */
    private record Figure(ReportChart chart, String svg, String fileName) {
    }

    private ReportWriter() {
    }

    /**
     * Writes the report of {@code runs} to {@code out} and the charts as SVG files beside it.
     *
     * @param runs one or more runs; with two or more, the first is the base of the diff section
     * @param out the HTML file; its directory must exist. Nothing is written unless every file can be: the page
     *            and charts are rendered first, a target that is a directory is refused before any write, and files
     *            this call wrote are deleted again when a later write fails
     * @return the files written, the HTML first
     */
    public static List<Path> write(final List<RunFolder> runs, final Path out) throws IOException {
        return write(runs, out, null);
    }

    /**
     * Writes the report of a fleet ({@code mbench report --hosts}): the report of its runs, base host first, led by
     * the fleet section ({@link FleetHtml}: the hosts with their facts as columns and each family's change against
     * the base), with chart series named after the hosts. Writes as {@link #write(List, Path)} does.
     */
    public static List<Path> writeFleet(final FleetRuns fleet, final Path out) throws IOException {
        return write(fleet.runs(), out, fleet);
    }

    private static List<Path> write(final List<RunFolder> runs, final Path out, final FleetRuns fleet)
        throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run");
        }
        final Path html = out.toAbsolutePath();
        final Path directory = html.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("report directory does not exist: " + directory);
        }
        if (Files.isDirectory(html)) {
            throw new IllegalArgumentException("the report file is a directory: " + html);
        }
        final String baseName = html.getFileName().toString().replaceFirst("\\.html?$", "");
        final List<List<SimulationRow>> simulationRows = simulationRows(runs);
        final List<Figure> simulationFigures = render(SimulationCharts.build(simulationRows), baseName);
        final List<MemoryBreakdownCsv.Row> breakdownRows = breakdownRows(runs.get(0));
        final List<Figure> breakdownFigures = render(MemoryBreakdownCharts.build(breakdownRows), baseName);
        final List<Figure> familyFigures = render(fleet == null || runs.size() == 1 ? FamilyCharts.build(runs)
            : FamilyCharts.build(runs, runs.stream().map(RunFolder::hostLabel).toList()), baseName);
        final RunDiff diff = runs.size() > 1 ? RunDiff.compare(runs, VerdictRules.DEFAULTS, null) : null;
        final List<Figure> changesFigures = diff == null ? List.of() : render(List.of(ChangesChart.build(diff)),
            baseName);
        final String page = page(runs, fleet, simulationRows, simulationFigures, familyFigures, changesFigures, diff,
            directory, breakdownRows, breakdownFigures);

        final List<Path> written = new ArrayList<>();
        written.add(html);
        final List<Figure> figures = new ArrayList<>(breakdownFigures); // in page order
        figures.addAll(simulationFigures);
        figures.addAll(familyFigures);
        figures.addAll(changesFigures);
        for (final Figure figure : figures) {
            final Path svgFile = directory.resolve(figure.fileName());
            if (Files.isDirectory(svgFile)) {
                throw new IllegalArgumentException("a report chart's file is a directory: " + svgFile);
            }
            written.add(svgFile);
        }
        final List<Path> done = new ArrayList<>();
        try {
            for (int i = 0; i < figures.size(); i++) {
                final Figure figure = figures.get(i);
                AtomicFiles.write(written.get(i + 1), "report chart", writer -> writer.write(figure.svg()));
                done.add(written.get(i + 1));
            }
            AtomicFiles.write(html, "report", writer -> writer.write(page));
        } catch (final IOException | RuntimeException e) {
            for (final Path file : done) {
                Files.deleteIfExists(file);
            }
            throw e;
        }
        return written;
    }

    /**
     * Per run, the rows of its simulation.csv, or none when the folder has no such file: only runs of
     * {@code mbench simulate} write one, and every other run folder must report as before.
     */
    private static List<List<SimulationRow>> simulationRows(final List<RunFolder> runs) throws IOException {
        final List<List<SimulationRow>> rows = new ArrayList<>();
        for (final RunFolder run : runs) {
            final Optional<Path> file = run.simulationFile();
            rows.add(file.isPresent() ? SimulationCsv.read(file.get()) : List.of());
        }
        return rows;
    }

    /**
     * The rows of the first run's memory-breakdown.csv, or none: only runs with {@code memory.breakdown} cases
     * write one.
     */
    private static List<MemoryBreakdownCsv.Row> breakdownRows(final RunFolder run) throws IOException {
        final Path file = run.directory().resolve(MemoryBreakdownCsv.FILE_NAME);
        return Files.isRegularFile(file) ? MemoryBreakdownCsv.read(file) : List.of();
    }

    private static List<Figure> render(final List<ReportChart> charts, final String baseName) throws IOException {
        final List<Figure> figures = new ArrayList<>();
        for (final ReportChart chart : charts) {
            figures.add(new Figure(chart, SvgRenderer.standalone(chart.chart(), "chart-" + chart.name()),
                baseName + "-" + chart.name() + ".svg"));
        }
        return figures;
    }

    private static String page(final List<RunFolder> runs, final FleetRuns fleet,
                               final List<List<SimulationRow>> simulationRows,
                               final List<Figure> simulationFigures, final List<Figure> familyFigures,
                               final List<Figure> changesFigures, final RunDiff diff, final Path reportDirectory,
                               final List<MemoryBreakdownCsv.Row> breakdownRows,
                               final List<Figure> breakdownFigures) throws IOException {
        final Html html = new Html();
        html.raw("<!DOCTYPE html>\n");
        html.open("html", "lang", "en").open("head").raw("<meta charset=\"utf-8\"/>");
        final String title = fleet == null ? "merkle-bench report" : "merkle-bench fleet report";
        html.element("title", title + ": " + runNames(runs)).open("style").raw(STYLE).close("style");
        html.close("head").open("body");
        html.element("h1", title).raw("\n");
        html.open("p", "class", "note").text("Runs: " + runNames(runs) + ". Generated by merkle-bench "
            + toolkitVersion() + ". Charts are inline SVG (also saved beside this file); the page loads nothing.")
            .close("p");
        if (fleet != null) {
            FleetHtml.write(html, fleet, diff);
        }

        final RunSummary summary = RunSummary.of(runs.get(0), VerdictRules.DEFAULTS);
        SummaryHtml.write(html, summary, runs.size() == 1 ? "Summary"
            : "Summary of run " + RunDiff.sideLabel(0) + " (" + runs.get(0).displayName() + ")",
            runs.size() == 1 ? StoppedRuns.withMachineWarnings(runs)
                : StoppedRuns.warnings(runs.subList(0, 1)));
        ProfilesHtml.write(html, runs.get(0), reportDirectory);
        MemoryBreakdownHtml.write(html, breakdownRows, breakdownFigures, ReportWriter::figure);
        runsSection(html, runs);
        hostSection(html, runs);
        simulationSection(html, runs, simulationRows, simulationFigures);

        final Set<String> families = new LinkedHashSet<>();
        familyFigures.forEach(figure -> families.add(figure.chart().family()));
        for (final String family : families) {
            html.open("section", "id", "family-" + family, "class", "family");
            html.element("h2", "Family: " + family).raw("\n");
            familyFigures.stream().filter(figure -> figure.chart().family().equals(family))
                .forEach(figure -> figure(html, figure));
            resultsTable(html, runs, family);
            html.close("section");
        }
        if (diff != null) {
            html.open("section", "id", "changes");
            html.element("h2", "Changes against " + runs.get(0).displayName()).raw("\n");
            DiffHtml.write(html, diff);
            changesFigures.forEach(figure -> figure(html, figure));
            html.close("section");
        }
        html.close("body").close("html");
        return html.toString();
    }

    private static void figure(final Html html, final Figure figure) {
        final ReportChart chart = figure.chart();
        html.open("figure", "id", "chart-" + chart.name(), "data-family", chart.family());
        html.raw(SvgRenderer.inline(figure.svg())).raw("\n");
        html.open("figcaption").text(chart.caption() + " ").element("a", figure.fileName(), "href", figure.fileName())
            .close("figcaption");
        html.close("figure");
    }

    /**
     * The per-version series of {@code mbench simulate}, after the host facts because in a simulation run they are
     * the measurement (its results.csv rows only summarise them); left out when no run has simulation rows.
     */
    private static void simulationSection(final Html html, final List<RunFolder> runs,
                                          final List<List<SimulationRow>> simulationRows,
                                          final List<Figure> figures) {
        if (figures.isEmpty()) {
            return;
        }
        final List<String> sources = new ArrayList<>();
        for (int index = 0; index < runs.size(); index++) {
            final List<SimulationRow> rows = simulationRows.get(index);
            if (!rows.isEmpty()) {
                sources.add((runs.size() > 1 ? RunDiff.sideLabel(index) + " " : "") + runs.get(index).displayName()
                    + " (" + rows.stream().map(SimulationCharts::pairLabel).distinct().count() + " engine:store"
                    + " pairs, versions " + rows.stream().mapToLong(SimulationRow::version).min().orElseThrow()
                    + " to " + rows.stream().mapToLong(SimulationRow::version).max().orElseThrow() + ")");
            }
        }
        html.open("section", "id", "simulation");
        html.element("h2", "Simulation").raw("\n");
        html.open("p", "class", "note").text("Per-version time series of mbench simulate, from "
            + SimulationCsv.FILE_NAME + " of " + String.join("; ", sources) + ".").close("p");
        figures.forEach(figure -> figure(html, figure));
        html.close("section");
    }

    private static void runsSection(final Html html, final List<RunFolder> runs) {
        html.open("section", "id", "runs");
        html.element("h2", "Runs").raw("\n");
        final List<List<String>> rows = new ArrayList<>();
        for (int index = 0; index < runs.size(); index++) {
            final RunFolder run = runs.get(index);
            final HostProperties host = run.hostProperties();
            rows.add(List.of(RunDiff.sideLabel(index), run.hostLabel(),
                run.start().map(Object::toString).orElse("-"),
                host.getOrDefault(HostProperties.PROFILE, "-"), host.getOrDefault(HostProperties.GIT_COMMIT, "-"),
                Integer.toString(run.results().size()), Integer.toString(run.samples().size()),
                run.directory().toString()));
        }
        html.table(List.of("run", "host", "start (UTC)", "profile", "commit", "results", "samples", "folder"), rows,
            "runs");
        html.close("section");
    }

    /** Every host fact, one column per run; rows whose values differ are highlighted. */
    private static void hostSection(final Html html, final List<RunFolder> runs) {
        html.open("section", "id", "host-facts");
        html.element("h2", "Host facts").raw("\n");
        final Set<String> keys = new LinkedHashSet<>(HostProperties.KNOWN_KEYS);
        runs.forEach(run -> keys.addAll(run.hostProperties().asMap().keySet()));
        html.open("table", "class", "hosts").open("thead").open("tr").element("th", "fact");
        for (int index = 0; index < runs.size(); index++) {
            html.element("th", RunDiff.sideLabel(index) + " " + runs.get(index).hostLabel());
        }
        html.close("tr").close("thead").open("tbody");
        for (final String key : keys) {
            final List<String> values = new ArrayList<>();
            runs.forEach(run -> values.add(run.hostProperties().getOrDefault(key, RunDiff.ABSENT)));
            if (values.stream().allMatch(RunDiff.ABSENT::equals)) {
                continue;
            }
            final boolean differs = values.stream().distinct().count() > 1;
            html.open("tr", "class", differs ? "differs" : "same").element("td", key);
            values.forEach(value -> html.element("td", value));
            html.close("tr");
        }
        html.close("tbody").close("table");
        html.close("section");
    }

    private static void resultsTable(final Html html, final List<RunFolder> runs, final String family) {
        final List<List<String>> rows = new ArrayList<>();
        for (int index = 0; index < runs.size(); index++) {
            for (final ResultRow row : runs.get(index).results()) {
                if (!row.family().equals(family)) {
                    continue;
                }
                rows.add(List.of(RunDiff.sideLabel(index), row.benchmark(), DiffPrinter.paramsText(row.params()),
                    row.mode(), row.unit(), Numbers.value(row.score()), Numbers.value(row.error()),
                    Long.toString(row.samples()), Numbers.value(row.p50()), Numbers.value(row.p99()),
                    Numbers.value(row.p999()), Numbers.value(row.allocBytesPerOp()), Numbers.value(row.syncsPerOp()),
                    Numbers.value(row.storeBytesPerOp())));
            }
        }
        html.open("details").element("summary", rows.size() + " result rows");
        html.table(List.of("run", "benchmark", "params", "mode", "unit", "score", "error (99.9%)", "samples", "p50",
            "p99", "p99.9", "alloc B/op", "syncs/op", "store B/op"), rows, "results");
        html.close("details");
    }

    private static String runNames(final List<RunFolder> runs) {
        final List<String> names = new ArrayList<>();
        for (int index = 0; index < runs.size(); index++) {
            names.add((runs.size() > 1 ? RunDiff.sideLabel(index) + " " : "") + runs.get(index).displayName());
        }
        return String.join(", ", names);
    }

    private static String toolkitVersion() {
        final String version = ReportWriter.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
