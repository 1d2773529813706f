package io.merklebench.report;

import io.merklebench.results.MemoryBreakdownCsv;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * The Memory breakdown section of a run's report: the charts of {@link MemoryBreakdownCharts} and a table of every
 * group that holds bytes, per engine, store and size. Left out for runs without
 * {@value MemoryBreakdownCsv#FILE_NAME}. Stateless.
 */
final class MemoryBreakdownHtml {
    private static final double BYTES_PER_MIB = 1024.0 * 1024.0;

    private MemoryBreakdownHtml() {
    }

    /**
     * Writes the section; nothing when {@code rows} is empty.
     *
     * @param figures the rendered charts of {@link MemoryBreakdownCharts#build}, in order
     * @param drawFigure draws one of them where the section wants it
     */
    static <F> void write(final Html html, final List<MemoryBreakdownCsv.Row> rows, final List<F> figures,
                          final BiConsumer<Html, F> drawFigure) {
        if (rows.isEmpty()) {
            return;
        }
        html.open("section", "id", "memory-breakdown");
        html.element("h2", "Memory breakdown").raw("\n");
        html.open("p", "class", "note").text("What holds the live Java heap of a loaded and saved tree, from "
            + MemoryBreakdownCsv.FILE_NAME + ": class histograms after full GCs inside the benchmark fork (before"
            + " loading, with the tree open, after closing it), the classes grouped by the rules of"
            + " docs/profiling.md. Off-heap and native memory (mapped pages, native stores' caches) are not in a"
            + " class histogram.").close("p");
        figures.forEach(figure -> drawFigure.accept(html, figure));
        final List<List<String>> cells = new ArrayList<>();
        for (final MemoryBreakdownCsv.Row row : rows) {
            if (row.bytes() <= 0) {
                continue;
            }
            cells.add(List.of(row.engine(), row.store(), Long.toString(row.size()), row.group().label(),
                String.format(Locale.ROOT, "%.2f", row.bytes() / BYTES_PER_MIB),
                Numbers.value(row.size() == 0 ? 0 : (double)row.bytes() / row.size()),
                String.format(Locale.ROOT, "%.1f%%", 100 * row.share())));
        }
        html.table(List.of("engine", "store", "keys", "group", "MiB", "bytes per key", "share"), cells,
            "memory-breakdown");
        html.close("section");
    }
}
