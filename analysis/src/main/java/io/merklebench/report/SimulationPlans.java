package io.merklebench.report;

import io.merklebench.results.RunFolder;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells when runs of {@code mbench simulate} ran different plans: their rows share names ({@code simulate.commit
 * engine=heap store=mem ...}) but are different experiments, so a change between them is the plan's, not the
 * machine's or the code's. Compares the SHA-256 of the plan as run ({@value #PLAN_SHA256}, over
 * {@code simulation-plan.json}: defaults, {@code --scale} and all), and names each run's plan and versions. Stateless.
 */
final class SimulationPlans {
    /** host.properties key of the plan's digest, written by {@code mbench simulate}. */
    static final String PLAN_SHA256 = "simulate.planSha256";
    private static final String PLAN = "simulate.plan";
    private static final String VERSIONS = "simulate.versions";

    private SimulationPlans() {
    }

    /** One warning when the simulations among {@code runs} did not all run the same plan; empty otherwise. */
    static List<String> warnings(final List<RunFolder> runs) {
        final List<RunFolder> simulations = runs.stream()
            .filter(run -> run.hostProperties().get(PLAN) != null).toList();
        if (simulations.isEmpty()) {
            return List.of();
        }
        final Set<String> plans = new LinkedHashSet<>();
        final List<String> described = new ArrayList<>();
        for (final RunFolder run : runs) {
            final String plan = run.hostProperties().get(PLAN);
            final String digest = run.hostProperties().get(PLAN_SHA256);
            final String versions = run.hostProperties().get(VERSIONS);
            plans.add(plan == null ? "(not a simulation)" : plan + "/" + (digest == null ? versions : digest));
            described.add(run.displayName() + " " + (plan == null ? "is not a simulation"
                : "ran " + plan + (versions == null ? "" : " (" + versions + " versions)")));
        }
        if (plans.size() < 2) {
            return List.of();
        }
        return List.of("the runs simulated different plans (" + String.join(", ", described) + "): their simulate"
            + " rows are different experiments, so a change between them says nothing about machine or code");
    }
}
