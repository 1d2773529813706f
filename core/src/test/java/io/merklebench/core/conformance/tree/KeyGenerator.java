package io.merklebench.core.conformance.tree;

import java.util.SplittableRandom;

/**
 * Random keys and values for randomized tree tests. Keys are 1 to {@value #MAX_KEY_LENGTH} bytes and often share a
 * prefix (one of a few fixed prefixes, some of them prefixes of each other), and bytes come from a small alphabet
 * that includes {@code 00}, {@code 7f}, {@code 80} and {@code ff}, so signed/unsigned order mistakes, prefix
 * ordering and long common runs are all exercised. Stateless; randomness comes from the caller's seeded generator.
 */
public final class KeyGenerator {
    public static final int MAX_KEY_LENGTH = 64;
    /** Longest value generated, in bytes. */
    public static final int MAX_VALUE_LENGTH = 48;

    /** Chance that a value is empty. */
    private static final double EMPTY_VALUE_CHANCE = 0.1;
    /** Chance that a key starts with one of {@link #PREFIXES}. */
    private static final double SHARED_PREFIX_CHANCE = 0.7;
    /** Byte alphabet for keys: few symbols, so keys collide and share runs; includes the sign boundary. */
    private static final byte[] KEY_ALPHABET = {0x00, 0x01, 0x41, 0x42, 0x7f, (byte)0x80, (byte)0xfe, (byte)0xff};
    private static final byte[][] PREFIXES = {
        {0x61},
        {0x61, 0x61},
        {0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61, 0x61},
        {(byte)0xff, (byte)0xff, 0x00},
        {0x00},
        bytes(0x42, 40),
    };

    private KeyGenerator() {
    }

    public static byte[] randomKey(final SplittableRandom random) {
        final byte[] prefix = random.nextDouble() < SHARED_PREFIX_CHANCE
            ? PREFIXES[random.nextInt(PREFIXES.length)] : new byte[0];
        // Mostly short suffixes, so keys collide (updates) and sort next to each other; sometimes long ones.
        final int maxSuffix = MAX_KEY_LENGTH - prefix.length;
        final int suffixLength = random.nextInt(4) == 0 ? random.nextInt(maxSuffix + 1) : random.nextInt(Math.min(4, maxSuffix) + 1);
        final int length = Math.max(1, prefix.length + suffixLength);
        final byte[] key = new byte[length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        for (int i = prefix.length; i < length; i++) {
            key[i] = KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)];
        }
        return key;
    }

    public static byte[] randomValue(final SplittableRandom random) {
        if (random.nextDouble() < EMPTY_VALUE_CHANCE) {
            return new byte[0];
        }
        final byte[] value = new byte[1 + random.nextInt(MAX_VALUE_LENGTH)];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte)random.nextInt(256);
        }
        return value;
    }

    private static byte[] bytes(final int value, final int count) {
        final byte[] result = new byte[count];
        java.util.Arrays.fill(result, (byte)value);
        return result;
    }
}
