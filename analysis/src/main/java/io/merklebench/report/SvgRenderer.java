package io.merklebench.report;

import org.knowm.xchart.ChartEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Renders an XChart chart to SVG text with XChart's {@link ChartEncoder} (VectorGraphics2D underneath, which is
 * why the pom carries that optional XChart dependency).
 * Two adjustments make the output embeddable several times in one HTML page: the XML prolog and DOCTYPE are
 * dropped (not allowed inside HTML), and every id (clip paths) gets a per-chart prefix, because ids are global in a
 * document and the second chart's {@code url(#clip1)} would otherwise point at the first chart's clip.
 *
 * <p>XChart's SVG draws every letter as an outline, so neither the title nor the legend is text that a screen reader,
 * a search in the page or a test can find: the chart's title and the names of the series in its legend are added as the SVG's
 * {@code <title>} and {@code <desc>}.
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
        return described(prefixIds(new String(svg, StandardCharsets.UTF_8), idPrefix), chart);
    }

    /** The {@code <svg>} element alone, for inlining in HTML. */
    static String inline(final String standaloneSvg) {
        final int start = standaloneSvg.indexOf("<svg");
        if (start < 0) {
            throw new IllegalStateException("XChart produced no <svg> element");
        }
        return standaloneSvg.substring(start).strip();
    }

    /** {@code svg} with the chart's title and series names as the first children of its {@code <svg>} element. */
    private static String described(final String svg, final Chart<?, ?> chart) {
        final int start = svg.indexOf("<svg");
        final int end = start < 0 ? -1 : svg.indexOf('>', start);
        if (end < 0) {
            throw new IllegalStateException("XChart produced no <svg> element");
        }
        final String series = chart.getSeriesCollection().stream().filter(Series::isShowInLegend)
            .map(Series::getName).collect(Collectors.joining("; "));
        return svg.substring(0, end + 1) + "\n  <title>" + Html.escape(chart.getTitle()) + "</title>\n  <desc>Series: "
            + Html.escape(series) + "</desc>" + svg.substring(end + 1);
    }

    private static String prefixIds(final String svg, final String idPrefix) {
        final String withIds = ID_ATTRIBUTE.matcher(svg)
            .replaceAll(match -> Matcher.quoteReplacement("id=\"" + idPrefix + "-" + match.group(1) + "\""));
        return ID_REFERENCE.matcher(withIds)
            .replaceAll(match -> Matcher.quoteReplacement(match.group(1) + idPrefix + "-" + match.group(2)));
    }
}
