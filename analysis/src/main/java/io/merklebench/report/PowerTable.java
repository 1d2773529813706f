package io.merklebench.report;

import io.merklebench.results.ResultColumns;
import io.merklebench.results.ResultRow;
import io.merklebench.results.RowKey;
import io.merklebench.results.RunFolder;
import io.merklebench.stats.ForkComparison;
import io.merklebench.stats.ForkSummary;
import io.merklebench.stats.PowerEstimate;
import io.merklebench.stats.VerdictRules;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What {@code mbench power} prints: for every row of a recorded run with at least {@value ForkComparison#MINIMUM_FORKS}
 * forks, its between-fork noise and the probability that {@code mbench diff} with given rules ({@link VerdictRules},
 * the diff's defaults unless the user sets them) calls a change of a given size a change, with a given number of forks
 * per side ({@link PowerEstimate}); then how many rows fall in each noise band and how many of those reach {@value
 * #TARGET_PROBABILITY}. Immutable once computed.
 *
 * <p>Why bands: a row's noise is itself estimated from its few forks, so one row's probability is rough (a row that
 * happened to look quiet is judged more powerful than it is); the count per band says what a run can detect.
 */
public final class PowerTable {
    /** The probability a row should reach: the usual 80% power. */
    public static final double TARGET_PROBABILITY = 0.8;
    /** Upper ends of the noise bands, in percent; the last band is everything above. */
    static final double[] BAND_LIMITS_PERCENT = {3, 5, 10};

    /** Output formats of {@code mbench power --format}. */
    public enum Format {
        TEXT, CSV;

        /** Parses {@code text} or {@code csv}, listing the valid names otherwise. */
        public static Format parse(final String name) {
            for (final Format format : values()) {
                if (format.name().equalsIgnoreCase(name)) {
                    return format;
                }
            }
            throw new IllegalArgumentException("unknown format '" + name + "'; expected one of: text, csv");
        }
    }

    /**
     * One row of the run.
     *
     * @param key          the row
     * @param unit         its unit
     * @param forks        its recorded forks
     * @param forksPerSide forks per side in the simulation
     * @param probability  the estimated detection probability; NaN if a fork value is not positive
     */
    public record Row(RowKey key, String unit, ForkSummary forks, int forksPerSide, double probability) {
    }

    /**
     * The rows whose noise lies in one band: [0, 3), [3, 5), [5, 10] (10% is the noise ceiling, still allowed a
     * verdict) or above 10 percent.
     *
     * @param name        {@code < 3%}, {@code 3-5%}, {@code 5-10%}, {@code > 10%}
     * @param rowCount    rows in the band
     * @param reachCount  of those, rows whose probability is at least {@link #TARGET_PROBABILITY}
     */
    public record Band(String name, int rowCount, int reachCount) {
    }

    private final RunFolder run;
    private final double changePercent;
    private final OptionalInt forksOverride;
    private final VerdictRules rules;
    private final int trials;
    private final long seed;
    private final List<Row> rows;
    private final int singleForkRowCount;

    private PowerTable(final RunFolder run, final double changePercent, final OptionalInt forksOverride,
                       final VerdictRules rules, final int trials, final long seed, final List<Row> rows,
                       final int singleForkRowCount) {
        this.run = run;
        this.changePercent = changePercent;
        this.forksOverride = forksOverride;
        this.rules = rules;
        this.trials = trials;
        this.seed = seed;
        this.rows = rows;
        this.singleForkRowCount = singleForkRowCount;
    }

    /**
     * Estimates every row of {@code run}.
     *
     * @param changePercent the change to detect, in percent (&gt; 0)
     * @param forksPerSide  forks per side in the simulation; empty for each row's own fork count
     * @param rules         the rules of the simulated diff
     * @param filter        only rows whose label contains a match; null for all
     * @param trials        simulated pairs per row
     * @param seed          seed of the simulation (the same for every row, so equal noise gives equal results)
     * @throws IllegalArgumentException for a bad number, no matching row, or a run with one fork per row
     */
    public static PowerTable of(final RunFolder run, final double changePercent, final OptionalInt forksPerSide,
                                final VerdictRules rules, final Pattern filter, final int trials, final long seed) {
        if (!(changePercent > 0) || Double.isInfinite(changePercent)) {
            throw new IllegalArgumentException("--change must be a percentage > 0: --change=" + changePercent);
        }
        if (forksPerSide.isPresent()
            && (forksPerSide.getAsInt() < ForkComparison.MINIMUM_FORKS || forksPerSide.getAsInt() > 1000)) {
            throw new IllegalArgumentException("--forks must be between " + ForkComparison.MINIMUM_FORKS
                + " and 1000: --forks=" + forksPerSide.getAsInt());
        }
        if (trials < 1 || trials > 1_000_000) {
            throw new IllegalArgumentException("--trials must be between 1 and 1000000: --trials=" + trials);
        }
        final List<Row> rows = new ArrayList<>();
        int matching = 0;
        int singleFork = 0;
        for (final ResultRow result : run.results()) {
            final RowKey key = result.key();
            if (filter != null && !filter.matcher(key.label()).find()) {
                continue;
            }
            matching++;
            final ForkSummary forks = RunDiff.forksOf(run, key);
            if (forks.forkCount() < ForkComparison.MINIMUM_FORKS) {
                singleFork++;
                continue;
            }
            final int perSide = forksPerSide.orElse(forks.forkCount());
            final double sigma = PowerEstimate.logSigma(forks.forkValues());
            final double probability = Double.isNaN(sigma) ? Double.NaN
                : PowerEstimate.detectionProbability(sigma, perSide, changePercent, rules, trials,
                    seed);
            rows.add(new Row(key, result.unit(), forks, perSide, probability));
        }
        if (matching == 0) {
            throw new IllegalArgumentException(filter == null ? "no result rows in " + run.resultsFile()
                : "no row of " + run.displayName() + " matches --filter=" + filter.pattern());
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(run.displayName() + " was recorded with 1 fork per case: rerun"
                + " mbench run with --forks " + ForkComparison.RECOMMENDED_FORKS + " or more (fork noise needs at"
                + " least " + ForkComparison.MINIMUM_FORKS + " forks)");
        }
        return new PowerTable(run, changePercent, forksPerSide, rules, trials, seed, List.copyOf(rows), singleFork);
    }

    public List<Row> rows() {
        return rows;
    }

    /** Rows skipped because they have one fork. */
    public int singleForkRowCount() {
        return singleForkRowCount;
    }

    /** The noise bands {@code < 3%}, {@code 3-5%}, {@code 5-10%}, {@code > 10%}, rows without noise left out. */
    public List<Band> bands() {
        final int bandCount = BAND_LIMITS_PERCENT.length + 1;
        final int[] counts = new int[bandCount];
        final int[] reaching = new int[bandCount];
        for (final Row row : rows) {
            final double noise = row.forks().noisePercent();
            if (Double.isNaN(noise)) {
                continue;
            }
            final int band = bandOf(noise);
            counts[band]++;
            reaching[band] += row.probability() >= TARGET_PROBABILITY ? 1 : 0;
        }
        final List<Band> bands = new ArrayList<>();
        for (int band = 0; band < bandCount; band++) {
            bands.add(new Band(bandName(band), counts[band], reaching[band]));
        }
        return List.copyOf(bands);
    }

    public void print(final Format format, final PrintWriter out) throws IOException {
        if (format == Format.CSV) {
            printCsv(out);
        } else {
            printText(out);
        }
        out.flush();
    }

    private void printText(final PrintWriter out) {
        out.println("power of mbench diff for " + run.displayName() + ": a change of " + VerdictRules.plain(
            changePercent) + "% with " + (forksOverride.isEmpty() ? "each row's own fork count"
            : forksOverride.getAsInt() + " forks") + " per side, under " + rules.describe() + "; " + trials
            + " simulated pairs per row, seed=" + seed);
        final TextTable table = new TextTable(List.of("benchmark", "params", "unit", "forks", "noise",
            "forks/side", "P(detect)"));
        for (final Row row : rows) {
            table.add(List.of(row.key().benchmark(), DiffPrinter.paramsText(row.key().params()), row.unit(),
                Integer.toString(row.forks().forkCount()), percent(row.forks().noisePercent()),
                Integer.toString(row.forksPerSide()), probability(row.probability())));
        }
        table.printText(out, "  ");
        out.println();
        out.println("rows by fork noise (coefficient of variation of the per-fork values), and how many reach"
            + " P >= " + TARGET_PROBABILITY + ":");
        final TextTable bands = new TextTable(List.of("noise", "rows", "P >= " + TARGET_PROBABILITY));
        for (final Band band : bands()) {
            bands.add(List.of(band.name(), Integer.toString(band.rowCount()), Integer.toString(band.reachCount())));
        }
        bands.printText(out, "  ");
        if (singleForkRowCount > 0) {
            out.println("  " + singleForkRowCount + " rows with 1 fork left out: they have no fork noise");
        }
        out.println("P: the share of simulated pairs of runs, forks drawn with the row's noise, in which mbench diff");
        out.println("calls the change a change. A row's noise comes from its few forks: read the bands, not single");
        out.println("rows. A side whose 95% interval reaches further than "
            + VerdictRules.plain(rules.maxIntervalPercent()) + "% from its centre is unstable and gets"
            + " no verdict at all. To see what more forks buy,");
        out.println("try --forks N here, then record with mbench run --forks N.");
    }

    private void printCsv(final PrintWriter out) throws IOException {
        final List<String> header = new ArrayList<>(List.of(ResultColumns.BENCHMARK));
        header.addAll(ResultColumns.PARAM_COLUMNS);
        header.addAll(List.of(ResultColumns.UNIT, "forks", "noisePercent", "forksPerSide", "changePercent",
            "detectionProbability"));
        final CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
        printer.printRecord(header);
        for (final Row row : rows) {
            final List<String> cells = DiffPrinter.keyCells(row.key().benchmark(), row.key().params(), row.unit());
            cells.addAll(List.of(Integer.toString(row.forks().forkCount()), DiffPrinter.raw(row.forks().noisePercent()),
                Integer.toString(row.forksPerSide()), DiffPrinter.raw(changePercent),
                DiffPrinter.raw(row.probability())));
            printer.printRecord(cells);
        }
        printer.flush();
    }

    private static int bandOf(final double noisePercent) {
        for (int band = 0; band < BAND_LIMITS_PERCENT.length; band++) {
            final double limit = BAND_LIMITS_PERCENT[band];
            // The last limit is the noise ceiling, which a row may reach and still get a verdict.
            if (band == BAND_LIMITS_PERCENT.length - 1 ? noisePercent <= limit : noisePercent < limit) {
                return band;
            }
        }
        return BAND_LIMITS_PERCENT.length;
    }

    private static String bandName(final int band) {
        if (band == 0) {
            return "< " + VerdictRules.plain(BAND_LIMITS_PERCENT[0]) + "%";
        }
        if (band == BAND_LIMITS_PERCENT.length) {
            return "> " + VerdictRules.plain(BAND_LIMITS_PERCENT[band - 1]) + "%";
        }
        return VerdictRules.plain(BAND_LIMITS_PERCENT[band - 1]) + "-" + VerdictRules.plain(BAND_LIMITS_PERCENT[band])
            + "%";
    }

    private static String percent(final double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f%%", value);
    }

    private static String probability(final double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }
}
