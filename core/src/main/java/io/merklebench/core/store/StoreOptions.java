package io.merklebench.core.store;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Store-specific settings, written as {@code name=value} pairs separated by commas
 * ({@code blockCacheBytes=67108864,compression=none}), the form of the benchmarks' {@code storeOptions} param and
 * of {@code --store-options}. Each store reads the names it knows and rejects the others. Immutable.
 */
public final class StoreOptions {
    public static final StoreOptions DEFAULTS = new StoreOptions(Map.of());

    private final Map<String, String> values;

    private StoreOptions(final Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static StoreOptions of(final Map<String, String> values) {
        return new StoreOptions(values);
    }

    /** Parses {@code a=1,b=2}; an empty or blank text gives {@link #DEFAULTS}. */
    public static StoreOptions parse(final String text) {
        if (text == null || text.isBlank()) {
            return DEFAULTS;
        }
        final Map<String, String> values = new LinkedHashMap<>();
        for (final String pair : text.split(",")) {
            final int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException("store option must be name=value: option='" + pair.trim() + "' in '" + text + "'");
            }
            values.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return new StoreOptions(values);
    }

    public Map<String, String> asMap() {
        return values;
    }

    /** Throws if an option is not among {@code known}, listing the valid ones. */
    public StoreOptions requireOnly(final String storeKind, final Set<String> known) {
        for (final String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "' for store " + storeKind
                    + "; expected one of: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        return this;
    }

    public String getString(final String name, final String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public long getLong(final String name, final long defaultValue) {
        final String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            return parseSize(text);
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("store option " + name + " must be a whole number (k, m, g suffixes allowed): "
                + name + "=" + text);
        }
    }

    public boolean getBoolean(final String name, final boolean defaultValue) {
        final String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException("store option " + name + " must be true or false: " + name + "=" + text);
    }

    @Override
    public String toString() {
        final StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(text.length() == 0 ? "" : ",").append(name).append('=').append(value));
        return text.toString();
    }

    private static long parseSize(final String text) {
        final String lower = text.toLowerCase(java.util.Locale.ROOT);
        final char last = lower.charAt(lower.length() - 1);
        final long multiplier = switch (last) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1L;
        };
        final String digits = multiplier == 1L ? lower : lower.substring(0, lower.length() - 1);
        return Math.multiplyExact(Long.parseLong(digits), multiplier);
    }
}
