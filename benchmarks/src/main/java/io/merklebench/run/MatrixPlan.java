package io.merklebench.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link MatrixPlanner} made of a profile: the cases to run, and the cases left out because their engine cannot
 * use their store (or a store benchmark was given a store of tree pages), each with the registry's reason. Skipped
 * cases are not failures: {@code mbench run} lists them and runs the rest. Immutable.
 *
 * @param cases   the cases to run, in order
 * @param skipped the cases the store rule left out, in order
 */
public record MatrixPlan(List<PlannedCase> cases, List<Skipped> skipped) {

    public MatrixPlan {
        cases = List.copyOf(cases);
        skipped = List.copyOf(skipped);
    }

    /** A case left out, and why ({@code engine heap cannot use store pagefile: ...}). */
    public record Skipped(PlannedCase plannedCase, String reason) {
    }

    /** One line per reason, in order of first appearance: {@code skipped 6 cases: engine heap cannot use ...}. */
    public List<String> skipSummary() {
        final Map<String, Integer> countByReason = new LinkedHashMap<>();
        for (final Skipped skip : skipped) {
            countByReason.merge(skip.reason(), 1, Integer::sum);
        }
        final List<String> lines = new ArrayList<>();
        countByReason.forEach((reason, count) ->
            lines.add("skipped " + count + (count == 1 ? " case: " : " cases: ") + reason));
        return lines;
    }
}
