package io.merklebench.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows of cells printed as left-aligned columns (text) or as a Markdown table. Not thread-safe. */
final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(final List<String> header) {
        this.header = List.copyOf(header);
    }

    void add(final List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, header has " + header.size());
        }
        rows.add(List.copyOf(cells));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Columns padded to their widest cell, two spaces apart, trailing spaces trimmed. */
    void printText(final PrintWriter out, final String indent) {
        final int[] widths = new int[header.size()];
        for (final List<String> row : allRows()) {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (final List<String> row : allRows()) {
            final StringBuilder line = new StringBuilder(indent);
            for (int column = 0; column < row.size(); column++) {
                line.append(row.get(column));
                if (column < row.size() - 1) {
                    line.append(" ".repeat(widths[column] - row.get(column).length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** A GitHub-flavoured Markdown table; '|' in cells is escaped. */
    void printMarkdown(final PrintWriter out) {
        out.println(markdownLine(header));
        final List<String> rule = new ArrayList<>();
        header.forEach(cell -> rule.add("---"));
        out.println(markdownLine(rule));
        rows.forEach(row -> out.println(markdownLine(row)));
    }

    private List<List<String>> allRows() {
        final List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private static String markdownLine(final List<String> cells) {
        final StringBuilder line = new StringBuilder("|");
        for (final String cell : cells) {
            line.append(' ').append(cell.replace("|", "\\|")).append(" |");
        }
        return line.toString();
    }
}
