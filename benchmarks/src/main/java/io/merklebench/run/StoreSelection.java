package io.merklebench.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Which stores a profile runs when the user gives no {@code --stores}. Stateless. */
public final class StoreSelection {
    private StoreSelection() {
    }

    /**
     * @param registered      registered store names, sorted
     * @param persistentStore whether a store keeps its data on disk
     */
    public static List<String> defaults(final Profile.DefaultStores policy, final List<String> registered,
                                        final Predicate<String> persistentStore) {
        final List<String> inMemory = new ArrayList<>();
        for (final String store : registered) {
            if (!persistentStore.test(store)) {
                inMemory.add(store);
            }
        }
        switch (policy) {
            case IN_MEMORY:
                return List.copyOf(inMemory);
            case ALL:
                return List.copyOf(registered);
            case IN_MEMORY_AND_ONE_PERSISTENT:
            default:
                final List<String> chosen = new ArrayList<>(inMemory);
                firstPersistent(registered, persistentStore).ifPresent(chosen::add);
                return List.copyOf(chosen);
        }
    }

    private static Optional<String> firstPersistent(final List<String> registered,
                                                             final Predicate<String> persistentStore) {
        for (final String preferred : Profiles.PERSISTENT_STORE_PREFERENCE) {
            if (registered.contains(preferred) && persistentStore.test(preferred)) {
                return Optional.of(preferred);
            }
        }
        return registered.stream().filter(persistentStore).findFirst();
    }
}
