package io.merklebench.run;

import java.util.List;

/**
 * Everything that decides what a run measures, kept as {@code plan.json} in its run folder so that
 * {@code mbench run --like RUN} can run it again: the selection it came from (informative), the forks and their
 * order, the user's JVM options, and every case with its params and timing (what is run; a later toolkit whose
 * profiles changed still runs the recorded cases). Where it runs (label, results and data folders) is not part of
 * it. Immutable.
 *
 * @param profile the profile the cases came from
 * @param engines the engines selected ({@code --engines} or all registered)
 * @param stores  the stores selected ({@code --stores} or the profile's default)
 * @param filter  the {@code --filter} regular expression; empty for none
 * @param forks   forks per case
 * @param order   the order of the forks
 * @param seed    the seed of a {@link ForkOrder#SHUFFLE} order; null for {@link ForkOrder#ROUND_ROBIN}
 * @param jvmArgs the user's JVM options for every fork ({@code --jvm-args}), after the toolkit's own flags
 * @param cases   the cases, in plan order
 */
public record RunPlan(String profile, List<String> engines, List<String> stores, String filter, int forks,
                      ForkOrder order, Long seed, List<String> jvmArgs, List<PlannedCase> cases) {
    /** Most forks {@code mbench run} accepts: beyond this a typo (500 for 5) would run for days. */
    public static final int MAX_FORKS = 100;

    public RunPlan {
        if (forks < 1 || forks > MAX_FORKS) {
            throw new IllegalArgumentException("forks must be from 1 to " + MAX_FORKS + ": forks=" + forks);
        }
        if (order == null) {
            throw new IllegalArgumentException("order must be one of " + String.join(", ", ForkOrder.labels()));
        }
        if ((order == ForkOrder.SHUFFLE) != (seed != null)) {
            throw new IllegalArgumentException("a seed goes with the shuffle order and only with it: order="
                + order.label() + " seed=" + seed);
        }
        if (cases == null || cases.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one case: profile=" + profile);
        }
        engines = List.copyOf(engines);
        stores = List.copyOf(stores);
        filter = filter == null ? "" : filter;
        jvmArgs = List.copyOf(jvmArgs);
        cases = List.copyOf(cases);
    }

    /** The seed {@link ForkSchedule} uses: the plan's, or 0 for round-robin (which draws nothing). */
    public long scheduleSeed() {
        return seed == null ? 0 : seed;
    }

    /** This plan with other JVM options (the rest as recorded). */
    public RunPlan withJvmArgs(final List<String> newJvmArgs) {
        return new RunPlan(profile, engines, stores, filter, forks, order, seed, newJvmArgs, cases);
    }
}
