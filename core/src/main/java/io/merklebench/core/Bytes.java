package io.merklebench.core;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Byte-array helpers used by every engine and store: unsigned lexicographic order and hex text.
 * Stateless and thread-safe.
 */
public final class Bytes {
    private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

    /** Keys compare as unsigned bytes, lexicographically; a proper prefix sorts first. */
    public static final Comparator<byte[]> UNSIGNED_ORDER = Bytes::compare;

    private Bytes() {
    }

    public static int compare(final byte[] a, final byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    public static int compare(
        final byte[] a, final int aOffset, final int aLength,
        final byte[] b, final int bOffset, final int bLength) {
        return Arrays.compareUnsigned(a, aOffset, aOffset + aLength, b, bOffset, bOffset + bLength);
    }

    public static String toHex(final byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        final char[] text = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            final int b = bytes[i] & 0xff;
            text[2 * i] = HEX_DIGITS[b >>> 4];
            text[2 * i + 1] = HEX_DIGITS[b & 0x0f];
        }
        return new String(text);
    }

    /**
     * Parses hex digits (either case) into bytes.
     *
     * @throws IllegalArgumentException naming the rule broken and the value, for odd length or a non-hex character
     */
    public static byte[] fromHex(final CharSequence hex) {
        final int length = hex.length();
        if ((length & 1) != 0) {
            throw new IllegalArgumentException("hex must have an even number of digits: length=" + length + " value=" + hex);
        }
        final byte[] bytes = new byte[length / 2];
        for (int i = 0; i < bytes.length; i++) {
            final int high = Character.digit(hex.charAt(2 * i), 16);
            final int low = Character.digit(hex.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                final int bad = high < 0 ? 2 * i : 2 * i + 1;
                throw new IllegalArgumentException(
                    "not a hex digit: '" + hex.charAt(bad) + "' at position=" + bad + " value=" + hex);
            }
            bytes[i] = (byte)((high << 4) | low);
        }
        return bytes;
    }

    /** Rejects a null key with a message naming the argument. */
    public static byte[] requireKey(final byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        return key;
    }

    /** Rejects a null value with a message naming the argument; an empty value is allowed. */
    public static byte[] requireValue(final byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("value must not be null (use an empty array for an empty value)");
        }
        return value;
    }
}
