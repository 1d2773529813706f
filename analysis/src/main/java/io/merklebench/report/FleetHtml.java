package io.merklebench.report;

import io.merklebench.results.FleetRuns;
import io.merklebench.results.RunFolder;

import java.util.ArrayList;
import java.util.List;

/**
 * The fleet section of {@code mbench report --hosts}: a table with one row per host (its run letter, label, run,
 * the key host facts as columns, as {@code mbench hosts} lists them), then a table with one row per benchmark family
 * and one column per host: the geometric mean of the changes against the base host with its 95% interval and row
 * verdicts ({@link RunDiff.FamilySummary}, as {@code mbench diff} computes them). The hosts left out (no finished run) are named below the table. Stateless.
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
        html.element("p", "The newest finished run of every host folder in " + fleet.directory() + ". Per family"
            + " and host: geometric mean of the change of every row's centre against the base host ("
            + runs.get(0).hostLabel() + ") with its 95% interval, and how many rows got each verdict ("
            + (diff == null ? "no other host" : diff.rules().describe()) + "); per-row changes in the Changes"
            + " section below. The charts' series are named after the hosts.", "class", "note");


        final List<String> header = new ArrayList<>(List.of("run", "host", "folder"));
        header.addAll(HostsListing.FACT_COLUMNS);
        final int commitColumn = header.indexOf("commit");
        final List<List<String>> hosts = new ArrayList<>();
        for (int index = 0; index < runs.size(); index++) {
            final RunFolder run = runs.get(index);
            final List<String> cells = new ArrayList<>(List.of(RunDiff.sideLabel(index), run.hostLabel(),
                String.valueOf(run.directory().getFileName())));
            cells.addAll(HostsListing.factCells(run.hostProperties()));
            // the commit's first 12 digits name it; the full hash is in the host facts section below
            cells.set(commitColumn, cells.get(commitColumn).substring(0, Math.min(12,
                cells.get(commitColumn).length())));
            hosts.add(cells);
        }
        html.table(header, hosts, "fleet");

        // Families down, hosts across: a fleet has fewer hosts than there are families.
        if (diff != null) {
            final List<String> changesHeader = new ArrayList<>(List.of("family", "unit", "rows"));
            for (int index = 1; index < runs.size(); index++) {
                changesHeader.add(RunDiff.sideLabel(index) + " " + runs.get(index).hostLabel() + " vs "
                    + runs.get(0).hostLabel());
            }
            final List<List<String>> families = new ArrayList<>();
            for (final RunDiff.FamilySummary family : diff.familySummaries()) {
                final List<String> cells = new ArrayList<>(List.of(family.family(), family.unit(),
                    Integer.toString(family.rowCount())));
                family.changes().forEach(change -> cells.add(DiffPrinter.familyCell(change, family.direction())));
                families.add(cells);
            }
            html.table(changesHeader, families, "fleet-changes");
        }
        if (!fleet.skipped().isEmpty()) {
            html.element("p", "Left out: " + String.join("; ", fleet.skipped()) + ".", "class", "warning");
        }
        html.close("section");
    }
}
