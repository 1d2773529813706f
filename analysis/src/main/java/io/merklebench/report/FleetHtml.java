package io.merklebench.report;

import io.merklebench.results.FleetRuns;
import io.merklebench.results.RunFolder;

import java.util.ArrayList;
import java.util.List;

/**
 * The fleet section of {@code mbench report --hosts}: one row per host (its run letter, label, run, the key host
 * facts as columns, as {@code mbench hosts} lists them), and per benchmark family the geometric mean of the changes
 * against the base host with its 95% interval and row verdicts ({@link RunDiff.FamilySummary}, as {@code mbench diff}
 * computes them). The hosts left out (no finished run) are named below the table. Stateless.
 */
final class FleetHtml {
    private FleetHtml() {
    }

    /**
     * @param diff the comparison of the fleet's runs (base first); null with a single host
     */
    static void write(final Html html, final FleetRuns fleet, final RunDiff diff) {
        final List<RunFolder> runs = fleet.runs();
        html.open("section", "id", "fleet");
        html.element("h2", "Fleet: " + runs.size() + " host" + (runs.size() == 1 ? "" : "s") + ", base "
            + runs.get(0).hostLabel()).raw("\n");
        html.element("p", "The newest finished run of every host folder in " + fleet.directory() + ". Family"
            + " columns: geometric mean of the change of every row's centre against the base host ("
            + runs.get(0).hostLabel() + ") with its 95% interval, and how many rows got each verdict ("
            + (diff == null ? "no other host" : diff.rules().describe()) + "); per-row changes in the Changes"
            + " section below. The charts' series are named after the hosts.", "class", "note");

        final List<String> header = new ArrayList<>(List.of("run", "host", "folder"));
        header.addAll(HostsListing.FACT_COLUMNS);
        final List<RunDiff.FamilySummary> families = diff == null ? List.of() : diff.familySummaries();
        families.forEach(family -> header.add(family.family() + " (" + family.unit() + ") vs base"));
        final List<List<String>> rows = new ArrayList<>();
        for (int index = 0; index < runs.size(); index++) {
            final RunFolder run = runs.get(index);
            final List<String> cells = new ArrayList<>(List.of(RunDiff.sideLabel(index), run.hostLabel(),
                String.valueOf(run.directory().getFileName())));
            cells.addAll(HostsListing.factCells(run.hostProperties()));
            for (final RunDiff.FamilySummary family : families) {
                cells.add(index == 0 ? "base"
                    : DiffPrinter.familyCell(family.changes().get(index - 1), family.direction()));
            }
            rows.add(cells);
        }
        html.table(header, rows, "fleet");
        if (!fleet.skipped().isEmpty()) {
            html.element("p", "Left out: " + String.join("; ", fleet.skipped()) + ".", "class", "warning");
        }
        html.close("section");
    }
}
