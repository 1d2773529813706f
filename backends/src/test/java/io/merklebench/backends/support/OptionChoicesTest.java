package io.merklebench.backends.support;

import io.merklebench.core.store.StoreOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptionChoicesTest {
    private static final List<String> CODECS = List.of("none", "snappy");

    @Test
    void shouldReturnDefaultOrLowerCasedChoice() {
        assertEquals("snappy", OptionChoices.choice(StoreOptions.DEFAULTS, "compression", "snappy", CODECS));
        assertEquals("none", OptionChoices.choice(StoreOptions.parse("compression=NONE"), "compression", "snappy", CODECS));
    }

    @Test
    void shouldRejectUnknownChoiceListingValidOnes() {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> OptionChoices.choice(StoreOptions.parse("compression=zip"), "compression", "snappy", CODECS));
        assertEquals("store option compression must be one of: none, snappy: compression=zip", failure.getMessage());
    }

    @Test
    void shouldAcceptSizeSuffixesWithinBounds() {
        assertEquals(8L << 20, OptionChoices.bounded(StoreOptions.parse("cacheBytes=8m"), "cacheBytes", 1, 0, 1L << 30));
        assertEquals(7L, OptionChoices.bounded(StoreOptions.DEFAULTS, "cacheBytes", 7, 0, 10));
    }

    @Test
    void shouldRejectSizeOutOfBounds() {
        final IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
            () -> OptionChoices.bounded(StoreOptions.parse("cacheBytes=2g"), "cacheBytes", 1, 0, 1L << 30));
        assertEquals("store option cacheBytes must be between 0 and 1073741824: cacheBytes=2g", failure.getMessage());
    }
}
