package io.merklebench.report;

import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an XChart chart to SVG text with XChart's {@link ChartEncoder} (VectorGraphics2D underneath, which is
 * why the pom carries that optional XChart dependency).
 * Two adjustments make the output embeddable several times in one HTML page: the XML prolog and DOCTYPE are
 * dropped (not allowed inside HTML), and every id (clip paths) gets a per-chart prefix, because ids are global in a
 * document and the second chart's {@code url(#clip1)} would otherwise point at the first chart's clip.
 */
final class SvgRenderer {
    /** ChartEncoder's format name for SVG. */
    private static final String SVG_FORMAT = "svg";
    private static final Pattern ID_ATTRIBUTE = Pattern.compile("id=\"([^\"]+)\"");
    private static final Pattern ID_REFERENCE = Pattern.compile("(url\\(#|href=\"#)([^)\"]+)");

    private SvgRenderer() {
    }

    /** A standalone SVG document (what is written beside the report). */
    static String standalone(final Chart<?, ?> chart, final String idPrefix) throws IOException {
        final byte[] svg = ChartEncoder.getBytes(chart, SVG_FORMAT);
        return prefixIds(new String(svg, StandardCharsets.UTF_8), idPrefix);
    }

    /** The {@code <svg>} element alone, for inlining in HTML. */
    static String inline(final String standaloneSvg) {
        final int start = standaloneSvg.indexOf("<svg");
        if (start < 0) {
            throw new IllegalStateException("XChart produced no <svg> element");
        }
        return standaloneSvg.substring(start).strip();
    }

    private static String prefixIds(final String svg, final String idPrefix) {
        final String withIds = ID_ATTRIBUTE.matcher(svg)
            .replaceAll(match -> Matcher.quoteReplacement("id=\"" + idPrefix + "-" + match.group(1) + "\""));
        return ID_REFERENCE.matcher(withIds)
            .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + idPrefix + "-" + match.group(2)));
    }
}
