package io.merklebench.backends.support;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the map a store reports from {@code KvStore.settings()}: option names to their effective values as text, in
 * the order they were added (the order results files list them in). Not thread-safe; use one per map.
 */
public final class SettingsMapBuilder {
    private final Map<String, String> map = new LinkedHashMap<>();

    public SettingsMapBuilder put(final String name, final String value) {
        map.put(name, value);
        return this;
    }

    public SettingsMapBuilder put(final String name, final long value) {
        return put(name, Long.toString(value));
    }

    public SettingsMapBuilder put(final String name, final boolean value) {
        return put(name, Boolean.toString(value));
    }

    /** An unmodifiable copy of the entries added so far, in insertion order. */
    public Map<String, String> build() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
