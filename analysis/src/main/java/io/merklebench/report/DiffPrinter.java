package io.merklebench.report;

import io.merklebench.results.ResultColumns;
import io.merklebench.results.RunFolder;
import io.merklebench.stats.MannWhitney;
import io.merklebench.stats.MedianInterval;
import io.merklebench.stats.SampleComparison;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
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

    /** Median cell: {@code 812.5 ±1.2% n=10}; {@code ±?} when there are too few samples for an interval. */
    static String medianCell(final MedianInterval median) {
        final String spread = median.hasInterval()
            ? String.format(Locale.ROOT, "±%.1f%%", halfWidthPercent(median)) : "±?";
        return Numbers.value(median.median()) + " " + spread + " n=" + median.sampleCount();
    }

    /** Comparison cell: {@code +10.8% slower p=0.001}, {@code ~ p=0.481}, {@code ? need >= 4 samples}. */
    static String comparisonCell(final SampleComparison comparison) {
        return switch (comparison.verdict()) {
            case INSUFFICIENT_SAMPLES -> "? " + Numbers.signedPercent(comparison.changePercent());
            case NO_CHANGE -> "~ " + Numbers.signedPercent(comparison.changePercent()) + " "
                + Numbers.pEquals(comparison.pValue());
            default -> Numbers.signedPercent(comparison.changePercent()) + " "
                + comparison.direction().describe(comparison.other().median() > comparison.base().median())
                + " " + Numbers.pEquals(comparison.pValue());
        };
    }

    /** The larger distance from the median to an interval end, in percent of the median. */
    static double halfWidthPercent(final MedianInterval median) {
        final double halfWidth = Math.max(median.median() - median.low(), median.high() - median.median());
        return median.median() == 0 ? 0 : halfWidth / Math.abs(median.median()) * 100;
    }

    /** {@code engine=heap store=mem size=10000}: the parameters of a row. */
    static String paramsText(final Map<String, String> params) {
        final StringJoiner joiner = new StringJoiner(" ");
        params.forEach((name, value) -> joiner.add(name + "=" + value));
        return joiner.toString();
    }

    private static void printReadable(final RunDiff diff, final PrintWriter out, final boolean markdown) {
        final List<RunFolder> runs = diff.runs();
        out.println(markdown ? "### Runs (" + RunDiff.sideLabel(0) + " is the base, alpha=" + diff.alpha() + ")\n"
            : "Runs (" + RunDiff.sideLabel(0) + " is the base, alpha=" + diff.alpha() + "):");
        final TextTable runTable = new TextTable(List.of("run", "host/run", "folder"));
        for (int index = 0; index < runs.size(); index++) {
            runTable.add(List.of(RunDiff.sideLabel(index), runs.get(index).displayName(),
                runs.get(index).directory().toString()));
        }
        print(runTable, out, markdown);

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

        heading(out, markdown, "Rows in every run (median ±95% CI, n samples; change against "
            + RunDiff.sideLabel(0) + ", Mann-Whitney p; ~ = not significant)");
        final List<String> header = new ArrayList<>(List.of("benchmark", "params", "unit"));
        for (int index = 0; index < runs.size(); index++) {
            header.add(RunDiff.sideLabel(index));
        }
        for (int index = 1; index < runs.size(); index++) {
            header.add(RunDiff.sideLabel(index) + " vs " + RunDiff.sideLabel(0));
        }
        final TextTable table = new TextTable(header);
        boolean anyWithoutInterval = false;
        boolean anyInsufficient = false;
        for (final RunDiff.Row row : diff.rows()) {
            final List<String> cells = new ArrayList<>(List.of(row.key().benchmark(), paramsText(row.key().params()),
                row.unit()));
            for (final MedianInterval median : row.medians()) {
                cells.add(medianCell(median));
                anyWithoutInterval |= !median.hasInterval();
            }
            for (final SampleComparison comparison : row.comparisons()) {
                cells.add(comparisonCell(comparison));
                anyInsufficient |= comparison.verdict() == SampleComparison.Verdict.INSUFFICIENT_SAMPLES;
            }
            table.add(cells);
        }
        if (table.isEmpty()) {
            out.println(indent(markdown) + "none");
        } else {
            print(table, out, markdown);
        }

        heading(out, markdown, "Geometric mean per family (change of the median against " + RunDiff.sideLabel(0)
            + ")");
        final List<String> summaryHeader = new ArrayList<>(List.of("family", "unit", "rows"));
        for (int index = 1; index < runs.size(); index++) {
            summaryHeader.add(RunDiff.sideLabel(index) + " vs " + RunDiff.sideLabel(0));
        }
        final TextTable summaries = new TextTable(summaryHeader);
        for (final RunDiff.FamilySummary summary : diff.familySummaries()) {
            final List<String> cells = new ArrayList<>(List.of(summary.family(), summary.unit(),
                Integer.toString(summary.rowCount())));
            for (final double change : summary.changePercents()) {
                cells.add(Double.isNaN(change) ? "-" : Numbers.signedPercent(change) + " "
                    + summary.direction().describe(change > 0));
            }
            summaries.add(cells);
        }
        if (summaries.isEmpty()) {
            out.println(indent(markdown) + "none");
        } else {
            print(summaries, out, markdown);
        }

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

        if (anyWithoutInterval || anyInsufficient) {
            heading(out, markdown, "Notes");
            if (anyWithoutInterval) {
                out.println(indent(markdown) + "±?: need >= " + MedianInterval.minimumSamples(
                    MedianInterval.DEFAULT_CONFIDENCE) + " samples for a 95% confidence interval of the median"
                    + " (n=1 means the run has no samples.csv rows for it: its results.csv score is shown)");
            }
            if (anyInsufficient) {
                out.println(indent(markdown) + "?: need >= " + MannWhitney.minimumSamplesPerSide(diff.alpha())
                    + " samples per side for a Mann-Whitney test at alpha=" + diff.alpha());
            }
        }
    }

    private static void printCsv(final RunDiff diff, final PrintWriter out) throws IOException {
        final List<String> header = new ArrayList<>(List.of(ResultColumns.BENCHMARK));
        header.addAll(ResultColumns.PARAM_COLUMNS);
        header.add(ResultColumns.UNIT);
        header.add("presentIn");
        final int runCount = diff.runs().size();
        for (int index = 0; index < runCount; index++) {
            final String side = RunDiff.sideLabel(index);
            header.addAll(List.of(side + ".median", side + ".ciLow", side + ".ciHigh", side + ".samples"));
        }
        for (int index = 1; index < runCount; index++) {
            final String side = RunDiff.sideLabel(index);
            header.addAll(List.of(side + ".changePercent", side + ".pValue", side + ".verdict"));
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
            for (final MedianInterval median : row.medians()) {
                cells.addAll(List.of(raw(median.median()), raw(median.low()), raw(median.high()),
                    Integer.toString(median.sampleCount())));
            }
            for (final SampleComparison comparison : row.comparisons()) {
                cells.addAll(List.of(raw(comparison.changePercent()), raw(comparison.pValue()),
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

    private static List<String> keyCells(final String benchmark, final Map<String, String> params,
                                         final String unit) {
        final List<String> cells = new ArrayList<>(List.of(benchmark));
        for (final String column : ResultColumns.PARAM_COLUMNS) {
            cells.add(params.getOrDefault(column, ""));
        }
        cells.add(unit);
        return cells;
    }

    /** Unrounded, locale-free; empty for NaN. */
    private static String raw(final double value) {
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
