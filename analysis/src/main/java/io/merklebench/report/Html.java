package io.merklebench.report;

import java.util.List;

/**
 * A small builder for the report's HTML. Everything written through {@link #text} and {@link #attribute} is escaped,
 * and the output is also well-formed XML (XHTML syntax), so tests can parse it strictly. Not thread-safe.
 */
final class Html {
    private final StringBuilder out = new StringBuilder(64 * 1024);

    /** Opens {@code <tag attr="value" …>}; {@code attributes} alternate name and value. */
    Html open(final String tag, final String... attributes) {
        out.append('<').append(tag);
        for (int index = 0; index + 1 < attributes.length; index += 2) {
            out.append(' ').append(attributes[index]).append("=\"").append(attribute(attributes[index + 1]))
                .append('"');
        }
        out.append('>');
        return this;
    }

    Html close(final String tag) {
        out.append("</").append(tag).append(">\n");
        return this;
    }

    /** {@code <tag …>text</tag>}. */
    Html element(final String tag, final String text, final String... attributes) {
        open(tag, attributes);
        text(text);
        out.append("</").append(tag).append('>');
        return this;
    }

    Html text(final Object text) {
        out.append(escape(String.valueOf(text)));
        return this;
    }

    /** Appends markup produced elsewhere (XChart's SVG, the fixed style sheet) as it is. */
    Html raw(final String markup) {
        out.append(markup);
        return this;
    }

    /** A table with a header row; every cell is escaped text. */
    Html table(final List<String> header, final List<List<String>> rows, final String cssClass) {
        open("table", "class", cssClass);
        open("thead").open("tr");
        header.forEach(cell -> element("th", cell));
        close("tr").close("thead");
        open("tbody");
        for (final List<String> row : rows) {
            open("tr");
            row.forEach(cell -> element("td", cell));
            close("tr");
        }
        close("tbody");
        close("table");
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    static String escape(final String text) {
        final StringBuilder escaped = new StringBuilder(text.length());
        for (int index = 0; index < text.length(); index++) {
            final char character = text.charAt(index);
            switch (character) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(character);
            }
        }
        return escaped.toString();
    }

    private static String attribute(final String value) {
        return escape(value);
    }
}
