package io.merklebench.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The order in which a run's forks run: {@code forks} rounds, each holding one fork of every case, in plan order
 * ({@link ForkOrder#ROUND_ROBIN}) or in a seeded random order per round ({@link ForkOrder#SHUFFLE}). Fork numbers
 * count a case's forks 1..N in the order they run; a case that runs in fewer forks than the run's
 * ({@link PlannedCase#forksIn}) is left out of the later rounds. Stateless; thread-safe.
 */
public final class ForkSchedule {
    /**
     * One fork to run.
     *
     * @param sequence   1-based position in the run
     * @param caseIndex  0-based index of the case in the plan
     * @param plannedCase the case
     * @param fork       1-based fork of this case
     * @param forks      forks planned for this case ({@link PlannedCase#forksIn})
     */
    public record Entry(int sequence, int caseIndex, PlannedCase plannedCase, int fork, int forks) {
    }

    private ForkSchedule() {
    }

    /** @param seed used by {@link ForkOrder#SHUFFLE} only */
    public static List<Entry> of(final List<PlannedCase> cases, final int forks, final ForkOrder order,
                                 final long seed) {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1: forks=" + forks);
        }
        final Random random = new Random(seed);
        final List<Entry> entries = new ArrayList<>(cases.size() * forks);
        for (int fork = 1; fork <= forks; fork++) {
            final List<Integer> round = new ArrayList<>(cases.size());
            for (int caseIndex = 0; caseIndex < cases.size(); caseIndex++) {
                if (fork <= cases.get(caseIndex).forksIn(forks)) {
                    round.add(caseIndex);
                }
            }
            if (order == ForkOrder.SHUFFLE) {
                Collections.shuffle(round, random);
            }
            for (final int caseIndex : round) {
                entries.add(new Entry(entries.size() + 1, caseIndex, cases.get(caseIndex), fork,
                    cases.get(caseIndex).forksIn(forks)));
            }
        }
        return List.copyOf(entries);
    }
}
