package io.merklebench.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BytesTest {
    @Test
    void shouldCompareAsUnsignedBytesWithPrefixesFirst() {
        final List<byte[]> keys = new ArrayList<>(List.of(
            new byte[] {(byte)0xff}, new byte[] {(byte)0x80}, new byte[] {0x7f}, new byte[] {0x00},
            new byte[] {0x7f, 0x00}, new byte[] {0x00, (byte)0xff}));
        keys.sort(Bytes.UNSIGNED_ORDER);
        final List<String> sorted = keys.stream().map(Bytes::toHex).toList();
        assertEquals(List.of("00", "00ff", "7f", "7f00", "80", "ff"), sorted);
    }

    @Test
    void shouldCompareRanges() {
        final byte[] a = {9, 1, 2, 3};
        final byte[] b = {1, 2, 4, 9};
        assertTrue(Bytes.compare(a, 1, 2, b, 0, 2) == 0);
        assertTrue(Bytes.compare(a, 1, 3, b, 0, 3) < 0);
        assertTrue(Bytes.compare(a, 1, 2, b, 0, 1) > 0, "a longer range with an equal prefix sorts last");
    }

    @Test
    void shouldRoundTripHexInEitherCase() {
        final byte[] bytes = {0x00, 0x0f, (byte)0xa0, (byte)0xff, 0x7e};
        assertEquals("000fa0ff7e", Bytes.toHex(bytes));
        assertArrayEquals(bytes, Bytes.fromHex("000fa0ff7e"));
        assertArrayEquals(bytes, Bytes.fromHex("000FA0FF7E"));
        assertArrayEquals(new byte[0], Bytes.fromHex(""));
        assertEquals("null", Bytes.toHex(null));
    }

    @Test
    void shouldRejectOddLengthHexNamingTheRule() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("abc"));
        assertEquals("hex must have an even number of digits: length=3 value=abc", error.getMessage());
    }

    @Test
    void shouldRejectNonHexDigitNamingItsPosition() {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("00zz"));
        assertEquals("not a hex digit: 'z' at position=2 value=00zz", error.getMessage());
        final IllegalArgumentException second = assertThrows(IllegalArgumentException.class, () -> Bytes.fromHex("0g"));
        assertTrue(second.getMessage().contains("position=1"), second.getMessage());
    }

    @Test
    void shouldRejectNullKeyAndValueNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bytes.requireKey(null)).getMessage().contains("key"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Bytes.requireValue(null)).getMessage().contains("value"));
        final byte[] empty = new byte[0];
        assertSame(empty, Bytes.requireValue(empty), "an empty value is allowed");
    }
}
