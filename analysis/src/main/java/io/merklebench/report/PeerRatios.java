package io.merklebench.report;

import io.merklebench.results.ResultColumns;
import io.merklebench.results.ResultRow;
import io.merklebench.results.RowKey;
import io.merklebench.results.RunFolder;
import io.merklebench.stats.Direction;
import io.merklebench.stats.ForkComparison;
import io.merklebench.stats.ForkSummary;
import io.merklebench.stats.VerdictRules;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The peers against the IAVL layouts, measured in one run: for each benchmark of the families in
 * {@link #FAMILIES}, workload and store, the best IAVL engine ({@code hashScheme=iavl-v1}) as a ratio to Ethereum's
 * trie ({@code eth-mpt}, the {@code mpt} peer) and to the store alone ({@code none}, the {@code flat} baseline).
 * IAVL / flat is the Merkle tax of the best layout on that store; IAVL / mpt below 1 is the best layout beating the
 * trie. Ratios read as cost: time or bytes of the IAVL row over the peer's (throughput units are inverted), with the
 * 95% interval of the ratio over forks and the verdict of {@link ForkComparison}; no ratio to a peer whose figure is
 * not measurably above 0 (flat's heap bytes per key). Rows recorded before results carried a hash scheme give no
 * groups. Immutable.
 */
final class PeerRatios {
    /** Where a peer answers the same question as the layouts: the TMSP block, queries, writes, memory per key. */
    static final List<String> FAMILIES = List.of("block", "query", "write", "memory");
    static final String IAVL = "iavl-v1";
    static final String MPT = "eth-mpt";
    static final String FLAT = "none";

    /**
     * The best IAVL row against one peer.
     *
     * @param peer       the peer's row
     * @param peerForks  its forks
     * @param ratio      IAVL cost / peer cost (centres)
     * @param low        lower end of the 95% interval of the ratio, NaN without a test
     * @param high       upper end
     * @param comparison the peer (base) against the IAVL row
     */
    record Ratio(RowKey peer, ForkSummary peerForks, double ratio, double low, double high,
                 ForkComparison comparison) {
    }

    /**
     * One benchmark, workload and store.
     *
     * @param benchmark  {@code family.case}
     * @param workload   size, key and value length, block size, ...
     * @param store      the store every row of the group ran on
     * @param unit       the unit of every row
     * @param best       the best IAVL row
     * @param bestForks  its forks
     * @param againstMpt the ratio to mpt, empty when the run has no mpt row here
     * @param againstFlat the ratio to flat, empty likewise
     */
    record Group(String benchmark, Map<String, String> workload, String store, String unit, RowKey best,
                 ForkSummary bestForks, Optional<Ratio> againstMpt, Optional<Ratio> againstFlat) {
        String bestEngine() {
            return best.params().get(ResultColumns.ENGINE);
        }
    }

    private PeerRatios() {
    }

    /** The groups of {@code run} that have an IAVL row and at least one peer, by benchmark, workload, store. */
    static List<Group> of(final RunFolder run, final VerdictRules rules) {
        final Map<String, List<ResultRow>> byGroup = new TreeMap<>();
        for (final ResultRow row : run.results()) {
            final String store = row.params().get(ResultColumns.STORE);
            if (!FAMILIES.contains(row.family()) || row.hashScheme().isEmpty() || store == null) {
                continue;
            }
            final String groupKey = row.benchmark() + '\u0000' + row.unit() + '\u0000' + store + '\u0000'
                + DiffPrinter.paramsText(RunSummary.workloadParams(row.key()));
            byGroup.computeIfAbsent(groupKey, key -> new ArrayList<>()).add(row);
        }
        final List<Group> groups = new ArrayList<>();
        for (final List<ResultRow> rows : byGroup.values()) {
            final String unit = rows.get(0).unit();
            final Direction direction = Direction.ofUnit(unit);
            final Optional<ResultRow> best = rows.stream().filter(row -> row.hashScheme().equals(IAVL))
                .min(Comparator.comparingDouble((ResultRow row) -> cost(forks(run, row).centre(), direction))
                    .thenComparing(ResultRow::key));
            if (best.isEmpty()) {
                continue;
            }
            final ForkSummary bestForks = forks(run, best.get());
            final Optional<Ratio> mpt = ratio(run, rows, MPT, bestForks, rules, direction);
            final Optional<Ratio> flat = ratio(run, rows, FLAT, bestForks, rules, direction);
            if (mpt.isEmpty() && flat.isEmpty()) {
                continue;
            }
            final RowKey bestKey = best.get().key();
            groups.add(new Group(bestKey.benchmark(), RunSummary.workloadParams(bestKey),
                bestKey.params().get(ResultColumns.STORE), unit, bestKey, bestForks, mpt, flat));
        }
        // As the summary: a key of benchmark and workload sorts sizes numerically.
        groups.sort(Comparator.comparing((Group group) -> new RowKey(group.benchmark(), group.workload()))
            .thenComparing(Group::store).thenComparing(Group::unit));
        return List.copyOf(groups);
    }

    private static Optional<Ratio> ratio(final RunFolder run, final List<ResultRow> rows, final String scheme,
                                         final ForkSummary best, final VerdictRules rules,
                                         final Direction direction) {
        return rows.stream().filter(row -> row.hashScheme().equals(scheme)).findFirst().flatMap(peer -> {
            final ForkSummary peerForks = forks(run, peer);
            if (!(peerForks.centre() > 0) || peerForks.hasInterval() && peerForks.low() <= 0) {
                // Nothing measurable to divide by: flat keeps no tree on the heap (memory.perKey about 0 B/key,
                // forks on either side of 0), and a ratio to it would read as 272,600x.
                return Optional.empty();
            }
            final ForkComparison comparison = ForkComparison.of(peerForks, best, rules, direction);
            if (direction == Direction.HIGHER_IS_BETTER) {
                return Optional.of(new Ratio(peer.key(), peerForks, peerForks.centre() / best.centre(),
                    1 / comparison.ratioHigh(), 1 / comparison.ratioLow(), comparison));
            }
            return Optional.of(new Ratio(peer.key(), peerForks, best.centre() / peerForks.centre(),
                comparison.ratioLow(), comparison.ratioHigh(), comparison));
        });
    }

    private static ForkSummary forks(final RunFolder run, final ResultRow row) {
        return RunDiff.forksOf(run, row.key());
    }

    /** Smaller is better: the centre, negated where higher is better. */
    private static double cost(final double centre, final Direction direction) {
        return direction == Direction.HIGHER_IS_BETTER ? -centre : centre;
    }
}
