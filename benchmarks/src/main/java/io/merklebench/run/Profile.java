package io.merklebench.run;

import java.util.List;

/**
 * A named set of benchmark runs ({@code smoke}, {@code quick}, {@code standard}, {@code full}): for each family the
 * param values to sweep and the timing, plus which stores run when the user names none. Immutable.
 *
 * @param name          what users type after {@code --profile}
 * @param description   one line for {@code --help} and the run's output, with the expected duration
 * @param families      the entries, run in this order
 * @param defaultStores the stores used when {@code --stores} is not given
 * @param defaultForks  forks per case when {@code --forks} is not given
 */
public record Profile(String name, String description, List<FamilyPlan> families, DefaultStores defaultStores,
                      int defaultForks) {

    public Profile {
        families = List.copyOf(families);
        if (defaultForks < 1) {
            throw new IllegalArgumentException("defaultForks must be at least 1: profile=" + name + " defaultForks="
                + defaultForks);
        }
    }

    /** Which registered stores a profile runs by default. */
    public enum DefaultStores {
        /** In-memory stores only: no disk, fastest; CI. */
        IN_MEMORY,
        /** In-memory stores plus one persistent store every engine can use ({@link StoreSelection}). */
        IN_MEMORY_AND_ONE_PERSISTENT,
        /** Every registered store. */
        ALL
    }
}
