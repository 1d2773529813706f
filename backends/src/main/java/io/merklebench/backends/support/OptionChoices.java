package io.merklebench.backends.support;

import io.merklebench.core.store.StoreOptions;

import java.util.List;
import java.util.Locale;

/** Reads store options that take one of a fixed list of words or a bounded number. Stateless. */
public final class OptionChoices {
    private OptionChoices() {
    }

    /**
     * The value of option {@code name}, lower-cased, which must be one of {@code valid}.
     *
     * @throws IllegalArgumentException {@code store option compression must be one of: none, snappy: compression=zip}
     */
    public static String choice(
        final StoreOptions options, final String name, final String defaultValue, final List<String> valid) {
        final String value = options.getString(name, defaultValue).toLowerCase(Locale.ROOT);
        if (!valid.contains(value)) {
            throw new IllegalArgumentException("store option " + name + " must be one of: " + String.join(", ", valid)
                + ": " + name + "=" + options.getString(name, defaultValue));
        }
        return value;
    }

    /**
     * The value of option {@code name} as a size or count between {@code min} and {@code max} inclusive.
     *
     * @throws IllegalArgumentException {@code store option cacheBytes must be between 0 and 1073741824: cacheBytes=-1}
     */
    public static long bounded(
        final StoreOptions options, final String name, final long defaultValue, final long min, final long max) {
        final long value = options.getLong(name, defaultValue);
        if (value < min || value > max) {
            throw new IllegalArgumentException("store option " + name + " must be between " + min + " and " + max
                + ": " + name + "=" + options.getString(name, Long.toString(defaultValue)));
        }
        return value;
    }
}
