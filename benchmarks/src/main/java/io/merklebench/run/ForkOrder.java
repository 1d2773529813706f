package io.merklebench.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * In which order {@code mbench run} runs the forks of its cases. Either way every fork is its own JMH invocation and
 * the forks of one case are spread over the whole run, so what changes between forks over time (the JIT's choices,
 * memory placement, transparent huge pages, page cache and disk state, neighbours on a shared host) shows up as
 * variation between a case's forks instead of as a difference between cases.
 */
public enum ForkOrder {
    /**
     * Fork 1 of every case in plan order, then fork 2 of every case, and so on. A run stopped after the first round
     * already has a row for every case; the neighbours of a fork are the same in every round.
     */
    ROUND_ROBIN("round-robin"),
    /**
     * Rounds as in {@link #ROUND_ROBIN}, each round in its own order drawn from the run's seed: a case no longer
     * always follows the same case (whose garbage, dirty pages or heat it may inherit). The seed repeats the order.
     */
    SHUFFLE("shuffle");

    private final String label;

    ForkOrder(final String label) {
        this.label = label;
    }

    /** What users type after {@code --order}, and what host.properties and plan.json record. */
    @JsonValue
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException {@code unknown fork order 'x'; expected one of: round-robin, shuffle} */
    @JsonCreator
    public static ForkOrder named(final String label) {
        for (final ForkOrder order : values()) {
            if (order.label.equals(label)) {
                return order;
            }
        }
        throw new IllegalArgumentException("unknown fork order '" + label + "'; expected one of: "
            + String.join(", ", labels()));
    }

    public static List<String> labels() {
        final List<String> labels = new ArrayList<>();
        for (final ForkOrder order : values()) {
            labels.add(order.label);
        }
        return labels;
    }
}
