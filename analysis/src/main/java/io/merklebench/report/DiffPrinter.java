package io.merklebench.report;

import io.merklebench.results.HostHardware;
import io.merklebench.results.ResultColumns;
import io.merklebench.results.RunFolder;
import io.merklebench.stats.Direction;
import io.merklebench.stats.FamilyChange;
import io.merklebench.stats.ForkComparison;
import io.merklebench.stats.ForkSummary;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Prints a {@link RunDiff} as aligned text, Markdown or CSV. Text and Markdown carry the same sections: runs, host
 * facts that differ, rows in every run, geometric means per family, rows not in every run, and notes. CSV is one
 * machine-readable table of rows (numbers unrounded, '.' decimals). Stateless.
 */
public final class DiffPrinter {
    /** Output formats of {@code mbench diff --format}. */
    public enum Format {
        TEXT, MARKDOWN, CSV;

        /** Parses {@code text}, {@code markdown} or {@code csv}, listing the valid names otherwise. */
        public static Format parse(final String name) {
            for (final Format format : values()) {
                if (format.name().equalsIgnoreCase(name)) {
                    return format;
                }
            }
            throw new IllegalArgumentException("unknown format '" + name + "'; expected one of: text, markdown, csv");
        }
    }

    private DiffPrinter() {
    }

    public static void print(final RunDiff diff, final Format format, final PrintWriter out) throws IOException {
        switch (format) {
            case TEXT -> printReadable(diff, out, false);
            case MARKDOWN -> printReadable(diff, out, true);
            case CSV -> printCsv(diff, out);
            default -> throw new IllegalStateException("format=" + format);
        }
        out.flush();
    }

    /**
     * Side cell: {@code 812.5 ±1.2% noise=2.1% f=3} (centre, half-width of its 95% interval, between-fork noise, forks);
     * {@code ±?} and no noise with one fork.
     */
    static String sideCell(final ForkSummary side) {
        if (!side.hasInterval()) {
            return Numbers.value(side.centre()) + " ±? f=" + side.forkCount();
        }
        return Numbers.value(side.centre()) + String.format(Locale.ROOT, " ±%.1f%% noise=%.1f%% f=%d",
            side.halfWidthPercent(), side.noisePercent(), side.forkCount());
    }

    /**
     * Comparison cell: {@code +10.8% slower [1.05x, 1.17x] p=0.001}, {@code ~ +1.2% p=0.481}, {@code unstable +31.0%},
     * {@code ? +3.0%}.
     */
    static String comparisonCell(final ForkComparison comparison) {
        final String change = Numbers.signedPercent(comparison.changePercent());
        return switch (comparison.verdict()) {
            case INSUFFICIENT_FORKS -> "? " + change;
            case UNSTABLE -> "unstable " + change;
            case NO_CHANGE -> "~ " + change + " " + Numbers.pEquals(comparison.pValue());
            default -> change + " " + comparison.direction().describe(comparison.other().centre()
                > comparison.base().centre()) + " " + ratioInterval(comparison.ratioLow(), comparison.ratioHigh())
                + " " + Numbers.pEquals(comparison.pValue());
        };
    }

    /** Family cell: {@code +6.1% slower [1.02x, 1.10x] (3 slower, 0 faster, 20 ~, 1 unstable)}. */
    static String familyCell(final FamilyChange change, final Direction direction) {
        if (Double.isNaN(change.changePercent())) {
            return "-";
        }
        final String percent = Numbers.signedPercent(change.changePercent());
        final String head = switch (change.verdict()) {
            case NO_CHANGE -> "~ " + percent;
            case INSUFFICIENT_FORKS -> "? " + percent;
            case UNSTABLE -> "unstable " + percent;
            default -> percent + " " + direction.describe(change.changePercent() > 0)
                + (Double.isNaN(change.low()) ? "" : " " + ratioInterval(change.low(), change.high()));
        };
        return head + " (" + change.rowVerdictText(direction) + ")";
    }

    /** {@code [0.95x, 1.02x]}: an interval of a ratio. */
    static String ratioInterval(final double low, final double high) {
        return Double.isNaN(low) ? "" : "[" + Numbers.value(low) + "x, " + Numbers.value(high) + "x]";
    }

    /** {@code engine=heap store=mem size=10000}: the parameters of a row. */
    static String paramsText(final Map<String, String> params) {
        final StringJoiner joiner = new StringJoiner(" ");
        params.forEach((name, value) -> joiner.add(name + "=" + value));
        return joiner.toString();
    }

    private static void printReadable(final RunDiff diff, final PrintWriter out, final boolean markdown) {
        final List<RunFolder> runs = diff.runs();
        final String rules = diff.rules().describe();
        out.println(markdown ? "### Runs (" + RunDiff.sideLabel(0) + " is the base; " + rules + ")\n"
            : "Runs (" + RunDiff.sideLabel(0) + " is the base; " + rules + "):");
        final TextTable runTable = new TextTable(List.of("run", "host/run", "machine", "folder"));
        for (int index = 0; index < runs.size(); index++) {
            runTable.add(List.of(RunDiff.sideLabel(index), runs.get(index).displayName(),
                HostHardware.of(runs.get(index).hostProperties()).describe(),
                runs.get(index).directory().toString()));
        }
        print(runTable, out, markdown);
        for (final String warning : diff.runWarnings()) {
            out.println((markdown ? "\n**warning:** " : "  warning: ") + warning);
        }

        heading(out, markdown, "Host facts that differ");
        if (diff.factDifferences().isEmpty()) {
            out.println(indent(markdown) + "none: " + String.join(", ", RunDiff.COMPARED_FACTS) + " are equal");
        } else {
            final List<String> header = new ArrayList<>(List.of("fact"));
            for (int index = 0; index < runs.size(); index++) {
                header.add(RunDiff.sideLabel(index));
            }
            final TextTable facts = new TextTable(header);
            for (final RunDiff.FactDifference difference : diff.factDifferences()) {
                final List<String> cells = new ArrayList<>(List.of(difference.key()));
                cells.addAll(difference.values());
                facts.add(cells);
            }
            print(facts, out, markdown);
        }

        heading(out, markdown, "Rows in every run (centre of the per-fork values ±95% CI, between-fork noise, f forks;"
            + " change against " + RunDiff.sideLabel(0) + " with the 95% CI of the ratio and Welch's p on per-fork"
            + " values; ~ = within the noise or not significant)");
        final List<String> header = new ArrayList<>(List.of("benchmark", "params", "unit"));
        for (int index = 0; index < runs.size(); index++) {
            header.add(RunDiff.sideLabel(index));
        }
        for (int index = 1; index < runs.size(); index++) {
            header.add(RunDiff.sideLabel(index) + " vs " + RunDiff.sideLabel(0));
        }
        final TextTable table = new TextTable(header);
        boolean anyInsufficient = false;
        boolean anyUnstable = false;
        for (final RunDiff.Row row : diff.rows()) {
            final List<String> cells = new ArrayList<>(List.of(row.key().benchmark(), paramsText(row.key().params()),
                row.unit()));
            for (final ForkSummary side : row.sides()) {
                cells.add(sideCell(side));
            }
            for (final ForkComparison comparison : row.comparisons()) {
                cells.add(comparisonCell(comparison));
                anyInsufficient |= comparison.verdict() == ForkComparison.Verdict.INSUFFICIENT_FORKS;
                anyUnstable |= comparison.verdict() == ForkComparison.Verdict.UNSTABLE;
            }
            table.add(cells);
        }
        if (table.isEmpty()) {
            out.println(indent(markdown) + "none");
        } else {
            print(table, out, markdown);
        }

        heading(out, markdown, "Geometric mean per family (change of the centres against " + RunDiff.sideLabel(0)
            + ", 95% CI over the family's rows; ~ unless the rows agree and the change passes --min-effect)");
        final List<String> summaryHeader = new ArrayList<>(List.of("family", "unit", "rows"));
        for (int index = 1; index < runs.size(); index++) {
            summaryHeader.add(RunDiff.sideLabel(index) + " vs " + RunDiff.sideLabel(0));
        }
        final TextTable summaries = new TextTable(summaryHeader);
        for (final RunDiff.FamilySummary summary : diff.familySummaries()) {
            final List<String> cells = new ArrayList<>(List.of(summary.family(), summary.unit(),
                Integer.toString(summary.rowCount())));
            for (final FamilyChange change : summary.changes()) {
                cells.add(familyCell(change, summary.direction()));
            }
            summaries.add(cells);
        }
        if (summaries.isEmpty()) {
            out.println(indent(markdown) + "none");
        } else {
            print(summaries, out, markdown);
        }

        printPeerRatios(diff, out, markdown);

        heading(out, markdown, "Rows not in every run");
        if (diff.partialRows().isEmpty()) {
            out.println(indent(markdown) + "none");
        } else {
            final TextTable partial = new TextTable(List.of("benchmark", "params", "unit", "only in"));
            for (final RunDiff.PartialRow row : diff.partialRows()) {
                final StringJoiner sides = new StringJoiner(", ");
                row.presentIn().forEach(index -> sides.add(RunDiff.sideLabel(index)));
                partial.add(List.of(row.key().benchmark(), paramsText(row.key().params()), row.unit(),
                    sides.toString()));
            }
            print(partial, out, markdown);
        }

        if (anyInsufficient || anyUnstable) {
            heading(out, markdown, "Notes");
            if (anyInsufficient) {
                out.println(indent(markdown) + "?: fewer than " + ForkComparison.MINIMUM_FORKS + " forks on a side"
                    + " (runs recorded before forks were the unit of replication have 1): rerun with --forks "
                    + ForkComparison.RECOMMENDED_FORKS + " or more; f=1 without samples.csv rows shows the"
                    + " results.csv score");
            }
            if (anyUnstable) {
                out.println(indent(markdown) + "unstable: a side's 95% interval reaches further from its centre than"
                    + " --max-interval (its forks disagree too much for their number); no verdict is given: add"
                    + " forks");
            }
        }
    }

    /**
     * The peers section ({@link PeerRatios}), only when a run has peer rows: per benchmark, workload and store, each
     * run's best IAVL engine and its ratios to mpt and to flat, side by side, so a change of the Merkle tax between
     * hosts or commits reads on one line.
     */
    private static void printPeerRatios(final RunDiff diff, final PrintWriter out, final boolean markdown) {
        final List<RunFolder> runs = diff.runs();
        final Map<String, String[]> cellsByGroup = new LinkedHashMap<>();
        for (int index = 0; index < runs.size(); index++) {
            for (final PeerRatios.Group group : PeerRatios.of(runs.get(index), diff.rules())) {
                final String key = group.benchmark() + " " + paramsText(group.workload()) + " store=" + group.store()
                    + " (" + group.unit() + ")";
                cellsByGroup.computeIfAbsent(key, ignored -> new String[runs.size()])[index] = group.bestEngine()
                    + ": /mpt " + group.againstMpt().map(SummaryHtml::ratioText).orElse("-")
                    + ", /flat " + group.againstFlat().map(SummaryHtml::ratioText).orElse("-");
            }
        }
        if (cellsByGroup.isEmpty()) {
            return;
        }
        heading(out, markdown, "Peers (per run: the best IAVL engine's cost over mpt and over flat, the Merkle tax,"
            + " with the 95% CI of the ratio over forks)");
        final List<String> header = new ArrayList<>(List.of("benchmark"));
        for (int index = 0; index < runs.size(); index++) {
            header.add(RunDiff.sideLabel(index));
        }
        final TextTable table = new TextTable(header);
        cellsByGroup.forEach((key, cells) -> {
            final List<String> row = new ArrayList<>(List.of(key));
            for (final String cell : cells) {
                row.add(cell == null ? "-" : cell);
            }
            table.add(row);
        });
        print(table, out, markdown);
    }

    private static void printCsv(final RunDiff diff, final PrintWriter out) throws IOException {
        final List<String> header = new ArrayList<>(List.of(ResultColumns.BENCHMARK));
        header.addAll(ResultColumns.PARAM_COLUMNS);
        header.add(ResultColumns.UNIT);
        header.add("presentIn");
        final int runCount = diff.runs().size();
        for (int index = 0; index < runCount; index++) {
            final String side = RunDiff.sideLabel(index);
            header.addAll(List.of(side + ".centre", side + ".ciLow", side + ".ciHigh", side + ".noisePercent",
                side + ".forks", side + ".samples"));
        }
        for (int index = 1; index < runCount; index++) {
            final String side = RunDiff.sideLabel(index);
            header.addAll(List.of(side + ".changePercent", side + ".ratioLow", side + ".ratioHigh", side + ".pValue",
                side + ".verdict"));
        }
        final CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
        printer.printRecord(header);
        for (final RunDiff.Row row : diff.rows()) {
            final List<String> cells = keyCells(row.key().benchmark(), row.key().params(), row.unit());
            final StringJoiner all = new StringJoiner(" ");
            for (int index = 0; index < runCount; index++) {
                all.add(RunDiff.sideLabel(index));
            }
            cells.add(all.toString());
            for (final ForkSummary side : row.sides()) {
                cells.addAll(List.of(raw(side.centre()), raw(side.low()), raw(side.high()), raw(side.noisePercent()),
                    Integer.toString(side.forkCount()), Integer.toString(side.sampleCount())));
            }
            for (final ForkComparison comparison : row.comparisons()) {
                cells.addAll(List.of(raw(comparison.changePercent()), raw(comparison.ratioLow()),
                    raw(comparison.ratioHigh()), raw(comparison.pValue()),
                    comparison.verdict().name().toLowerCase(Locale.ROOT)));
            }
            printer.printRecord(cells);
        }
        for (final RunDiff.PartialRow row : diff.partialRows()) {
            final List<String> cells = keyCells(row.key().benchmark(), row.key().params(), row.unit());
            final StringJoiner present = new StringJoiner(" ");
            row.presentIn().forEach(index -> present.add(RunDiff.sideLabel(index)));
            cells.add(present.toString());
            while (cells.size() < header.size()) {
                cells.add("");
            }
            printer.printRecord(cells);
        }
        printer.flush();
    }

    /** Benchmark, every parameter column (empty where not applicable) and unit: the key columns of a CSV row. */
    static List<String> keyCells(final String benchmark, final Map<String, String> params,
                                         final String unit) {
        final List<String> cells = new ArrayList<>(List.of(benchmark));
        for (final String column : ResultColumns.PARAM_COLUMNS) {
            cells.add(params.getOrDefault(column, ""));
        }
        cells.add(unit);
        return cells;
    }

    /** Unrounded, locale-free; empty for NaN. */
    static String raw(final double value) {
        return Double.isNaN(value) ? "" : Double.toString(value);
    }

    private static void heading(final PrintWriter out, final boolean markdown, final String title) {
        out.println();
        out.println(markdown ? "### " + title : title + ":");
        if (markdown) {
            out.println();
        }
    }

    private static String indent(final boolean markdown) {
        return markdown ? "" : "  ";
    }

    private static void print(final TextTable table, final PrintWriter out, final boolean markdown) {
        if (markdown) {
            table.printMarkdown(out);
        } else {
            table.printText(out, "  ");
        }
    }
}
