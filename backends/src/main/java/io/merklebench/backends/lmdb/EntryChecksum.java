package io.merklebench.backends.lmdb;

import io.merklebench.core.Bytes;
import io.merklebench.core.store.StoreDamageException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The checksum the LMDB store keeps after every value, because LMDB keeps none: a flipped bit in a page of
 * {@code data.mdb} was read back as good data (a wrong root hash with exit 0, issue 16). The stored value is
 * <pre>
 * value bytes | crc32c(key bytes, value bytes):4 (big-endian)
 * </pre>
 * The key is in the sum, so a damaged key is caught too when its entry is read by iteration; a point read of the
 * intact key then finds nothing, which the tree engines report as a missing node. CRC-32C is computed by the CPU's
 * CRC instruction where the JIT has the intrinsic (x86-64 SSE 4.2, ARMv8), a few GB/s, small against an LMDB read.
 * Stateless.
 */
final class EntryChecksum {
    static final int CHECKSUM_BYTES = 4;

    private EntryChecksum() {
    }

    /** {@code value} with the checksum of {@code key} and {@code value} appended. */
    static byte[] seal(final byte[] key, final byte[] value) {
        final byte[] stored = Arrays.copyOf(value, value.length + CHECKSUM_BYTES);
        final int checksum = checksum(key, stored, value.length);
        stored[value.length] = (byte) (checksum >>> 24);
        stored[value.length + 1] = (byte) (checksum >>> 16);
        stored[value.length + 2] = (byte) (checksum >>> 8);
        stored[value.length + 3] = (byte) checksum;
        return stored;
    }

    /**
     * The value in {@code stored}, after checking its checksum.
     *
     * @throws StoreDamageException naming the key and the data file when the entry is too short or its checksum
     *                              does not match
     */
    static byte[] open(final byte[] key, final byte[] stored, final Path directory) {
        final int valueLength = stored.length - CHECKSUM_BYTES;
        if (valueLength < 0 || checksum(key, stored, valueLength) != storedChecksum(stored, valueLength)) {
            throw new StoreDamageException("lmdb entry key=" + Bytes.toHex(key) + " in "
                + directory.toAbsolutePath().resolve("data.mdb") + " fails its checksum ("
                + (valueLength < 0 ? "only " + stored.length + " bytes" : "crc32c of key and value differs")
                + "): the file is damaged");
        }
        return Arrays.copyOf(stored, valueLength);
    }

    private static int checksum(final byte[] key, final byte[] stored, final int valueLength) {
        final CRC32C crc = new CRC32C();
        crc.update(key, 0, key.length);
        crc.update(stored, 0, valueLength);
        return (int) crc.getValue();
    }

    private static int storedChecksum(final byte[] stored, final int valueLength) {
        return (stored[valueLength] & 0xff) << 24 | (stored[valueLength + 1] & 0xff) << 16
            | (stored[valueLength + 2] & 0xff) << 8 | stored[valueLength + 3] & 0xff;
    }
}
