package io.merklebench.report;

import io.merklebench.results.HostHardware;
import io.merklebench.results.HostProperties;
import io.merklebench.stats.ForkComparison;
import io.merklebench.stats.ForkSummary;
import io.merklebench.stats.VerdictRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The first section of the report, {@code <section id="summary">}: a {@link RunSummary} as one table per family
 * (best row, its figure with the 95% interval, the others as factors of it) and the list of unstable rows. Stateless.
 */
final class SummaryHtml {
    private SummaryHtml() {
    }

    /**
     * Writes the summary of {@code summary}'s run.
     *
     * @param title    the section heading
     * @param warnings machine warnings to show under the heading (empty for none)
     */
    static void write(final Html html, final RunSummary summary, final String title, final List<String> warnings) {
        final VerdictRules rules = summary.rules();
        html.open("section", "id", "summary");
        html.element("h2", title).raw("\n");
        final HostProperties host = summary.run().hostProperties();
        html.element("p", "Measured on " + HostHardware.of(host).describe() + ", profile "
            + host.getOrDefault(HostProperties.PROFILE, "-") + "; " + summary.rowCount() + " result rows. For each"
            + " benchmark and workload (" + String.join(", ", RunSummary.WORKLOAD_PARAMS) + " equal), the fastest"
            + " engine \u00d7 store (or store, sync method, row where a family has no engines; the smallest for"
            + " bytes) with the centre of its per-fork values and their 95% confidence interval; every other row as"
            + " how many times slower (or larger) it is, with the 95% interval of that factor. Lower is better for"
            + " time and bytes per op or key, higher for operations per second. ~ means within the noise: the"
            + " interval includes 1, Welch's p >= " + VerdictRules.plain(rules.alpha()) + ", or the difference is"
            + " below " + VerdictRules.plain(rules.minEffectPercent()) + "%; unstable means a row's forks disagree so"
            + " much that its 95% interval reaches further than " + VerdictRules.plain(rules.maxIntervalPercent())
            + "% from its centre; ? means fewer than "
            + ForkComparison.MINIMUM_FORKS + " forks, so no interval.", "class", "note");
        for (final String warning : warnings) {
            html.element("p", "Warning: " + warning, "class", "warning");
        }
        singleForkNote(html, summary);

        final Map<String, List<RunSummary.Group>> byFamily = new LinkedHashMap<>();
        summary.groups().forEach(group -> byFamily.computeIfAbsent(group.family(), family -> new ArrayList<>())
            .add(group));
        byFamily.forEach((family, groups) -> familyTable(html, family, groups));
        peersTable(html, PeerRatios.of(summary.run(), rules));

        html.element("h3", "Unstable rows").raw("\n");
        if (!summary.unstableRows().isEmpty()) {
            final int count = summary.unstableRows().size();
            html.element("p", (count == 1 ? "1 row has" : count + " rows have") + " forks that disagree so much"
                + " that the 95% interval of the centre reaches further than "
                + VerdictRules.plain(rules.maxIntervalPercent()) + "% from it: their figures and ratios are not to be"
                + " trusted; rerun them with more forks or find what differs between JVMs (JIT decisions, placement,"
                + " a neighbour on the machine).",
                "class", "note");
            final List<List<String>> rows = new ArrayList<>();
            for (final RunSummary.UnstableRow row : summary.unstableRows()) {
                rows.add(List.of(row.key().benchmark(), DiffPrinter.paramsText(row.key().params()), row.unit(),
                    String.format(Locale.ROOT, "%.1f%%", row.forks().noisePercent()),
                    Integer.toString(row.forks().forkCount()), forkValuesText(row.forks())));
            }
            html.table(List.of("benchmark", "params", "unit", "noise", "forks", "per-fork values"), rows,
                "unstable");
        } else if (summary.singleForkRowCount() == summary.rowCount()) {
            html.element("p", "None can be named: noise is the spread between forks, and every row has one.",
                "class", "note");
        } else {
            html.element("p", "None: every row with " + ForkComparison.MINIMUM_FORKS + " or more forks has a 95%"
                + " interval within " + VerdictRules.plain(rules.maxIntervalPercent()) + "% of its centre.", "class",
                "note");
        }
        html.close("section");
    }

    /** {@code heap × mem: 1.43x slower [1.40x, 1.46x]}, {@code ~ 1.01x [0.98x, 1.04x]}, {@code ? 1.52x slower}. */
    static String otherText(final RunSummary.Group group, final RunSummary.Entry entry) {
        final String factor = Numbers.value(entry.factor()) + "x";
        final String worse = RunSummary.worseWord(group.unit(), group.direction());
        final String interval = DiffPrinter.ratioInterval(entry.factorLow(), entry.factorHigh());
        final ForkComparison comparison = entry.againstBest();
        final String reading = switch (comparison.verdict()) {
            case NO_CHANGE -> "~ " + factor + " " + interval;
            case UNSTABLE -> "unstable " + factor + " (" + comparison.note() + ")";
            case INSUFFICIENT_FORKS -> "? " + factor + " " + worse;
            default -> factor + " " + worse + " " + interval;
        };
        return group.competitor(entry) + ": " + reading.strip();
    }

    /** {@code 7.002 [6.95, 7.05]}, or {@code 7.002 (no CI)} with one fork. */
    static String figureText(final ForkSummary forks) {
        if (!forks.hasInterval()) {
            return Numbers.value(forks.centre()) + " (no CI)";
        }
        return Numbers.value(forks.centre()) + " [" + Numbers.value(forks.low()) + ", " + Numbers.value(forks.high())
            + "]";
    }

    private static void singleForkNote(final Html html, final RunSummary summary) {
        final String rerun = "record with mbench run --forks " + ForkComparison.RECOMMENDED_FORKS
            + " or more for intervals and verdicts.";
        if (summary.singleForkRowCount() == summary.rowCount()) {
            html.element("p", "This run has 1 fork per case, and one fork gives no interval: every figure is the"
                + " mean of one JVM's iterations (which share that JVM's JIT and memory layout, so they do not show"
                + " how much a rerun would differ), the factors are point estimates marked ?, and no row can be"
                + " called unstable; " + rerun, "class", "note single-fork");
        } else if (summary.singleForkRowCount() > 0) {
            html.element("p", summary.singleForkRowCount() + " of " + summary.rowCount() + " rows have 1 fork: these"
                + " show no interval and their factors are marked ?; " + rerun, "class", "note single-fork");
        }
    }

    private static void familyTable(final Html html, final String family, final List<RunSummary.Group> groups) {
        html.element("h3", family).raw("\n");
        // Workload parameters with one value in the whole family go in a line above the table, not in every row.
        final Map<String, Set<String>> valuesByParam = new LinkedHashMap<>();
        for (final RunSummary.Group group : groups) {
            group.workload().forEach((name, value) -> valuesByParam.computeIfAbsent(name, key -> new TreeSet<>())
                .add(value));
        }
        final Map<String, String> constant = new LinkedHashMap<>();
        valuesByParam.forEach((name, values) -> {
            if (values.size() == 1 && groups.stream().allMatch(group -> group.workload().containsKey(name))) {
                constant.put(name, values.iterator().next());
            }
        });
        if (!constant.isEmpty()) {
            html.element("p", "Every " + family + " row: " + DiffPrinter.paramsText(constant) + ".", "class", "note");
        }
        final boolean workloadColumn = groups.stream().anyMatch(group -> !constant.keySet()
            .containsAll(group.workload().keySet()));
        final List<String> headers = new ArrayList<>(List.of("benchmark"));
        if (workloadColumn) {
            headers.add("workload");
        }
        headers.addAll(List.of("unit", "fastest", "centre [95% CI]", "forks", "others, times the fastest"));
        html.open("table", "class", "summary", "data-family", family).open("thead").open("tr");
        headers.forEach(header -> html.element("th", header));
        html.close("tr").close("thead").open("tbody");
        for (final RunSummary.Group group : groups) {
            final RunSummary.Entry best = group.best();
            html.open("tr");
            html.element("td", group.benchmark());
            if (workloadColumn) {
                final Map<String, String> varying = new LinkedHashMap<>(group.workload());
                varying.keySet().removeAll(constant.keySet());
                html.element("td", varying.isEmpty() ? "-" : DiffPrinter.paramsText(varying));
            }
            html.element("td", group.unit());
            html.element("td", group.competitor(best) + describeBest(group), "class", "best");
            html.element("td", figureText(best.forks()), "class", "num");
            html.element("td", Integer.toString(best.forks().forkCount()), "class", "num");
            html.open("td", "class", "others");
            if (group.others().isEmpty()) {
                html.text("only row");
            } else {
                html.open("ul");
                for (final RunSummary.Entry other : group.others()) {
                    html.element("li", otherText(group, other), "data-verdict",
                        other.againstBest().verdict().name().toLowerCase(Locale.ROOT));
                }
                html.close("ul");
            }
            html.close("td");
            html.close("tr");
        }
        html.close("tbody").close("table");
    }

    /**
     * The peers section: per benchmark, workload and store, the best IAVL layout with its figure, and its cost as a
     * ratio to mpt and to flat (the Merkle tax) with their 95% intervals. Nothing when the run has no peer rows.
     */
    static void peersTable(final Html html, final List<PeerRatios.Group> groups) {
        if (groups.isEmpty()) {
            return;
        }
        html.element("h3", "Peers: the best IAVL layout against mpt and flat").raw("\n");
        html.element("p", "Measured in this run, on the same store and workload. The best IAVL engine (hash scheme "
            + PeerRatios.IAVL + ") against Ethereum's Merkle Patricia trie (mpt, the peer) and against the store alone"
            + " (flat, the baseline): its cost over theirs (time or bytes; for throughput the inverse), with the 95%"
            + " interval of the ratio over forks. Below 1x against mpt, the IAVL layout beats the trie; against flat,"
            + " the ratio is the Merkle tax. ~ marks a ratio within the noise.", "class", "note");
        final List<List<String>> rows = new ArrayList<>();
        for (final PeerRatios.Group group : groups) {
            rows.add(List.of(group.benchmark(), group.workload().isEmpty() ? "-"
                    : DiffPrinter.paramsText(group.workload()), group.store(), group.unit(),
                group.bestEngine() + " " + figureText(group.bestForks()),
                group.againstMpt().map(SummaryHtml::ratioText).orElse("-"),
                group.againstFlat().map(SummaryHtml::ratioText).orElse("-")));
        }
        html.table(List.of("benchmark", "workload", "store", "unit", "best IAVL [95% CI]", "IAVL / mpt",
            "IAVL / flat (Merkle tax)"), rows, "peers");
    }

    /** {@code 0.42x [0.40x, 0.45x]}, {@code ~ 1.02x [0.97x, 1.08x]}, {@code ? 2.1x}, {@code unstable 2.1x}. */
    static String ratioText(final PeerRatios.Ratio ratio) {
        final String factor = Numbers.value(ratio.ratio()) + "x";
        return switch (ratio.comparison().verdict()) {
            case NO_CHANGE -> "~ " + factor + " " + DiffPrinter.ratioInterval(ratio.low(), ratio.high());
            case UNSTABLE -> "unstable " + factor;
            case INSUFFICIENT_FORKS -> "? " + factor;
            default -> factor + " " + DiffPrinter.ratioInterval(ratio.low(), ratio.high());
        };
    }

    /** Empty for the usual "fastest"; {@code (smallest)} or {@code (lowest)} where the word differs. */
    private static String describeBest(final RunSummary.Group group) {
        final String word = RunSummary.bestWord(group.unit(), group.direction());
        return word.equals("fastest") ? "" : " (" + word + ")";
    }

    private static String forkValuesText(final ForkSummary forks) {
        final StringJoiner values = new StringJoiner(", ");
        for (final double value : forks.forkValues()) {
            values.add(Numbers.value(value));
        }
        return values.toString();
    }
}
