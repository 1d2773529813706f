package io.merklebench.hostinfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the kernel counted of this process's writes and of the disk holding a directory, read from Linux's files, so
 * a benchmark can set them beside the toolkit's own counters (which count what the toolkit handed to a store and the
 * syncs it asked for, not what reached the device):
 * <ul>
 *   <li>{@code write_bytes} of {@code /proc/self/io} (proc(5)): bytes this process, all its threads, caused to be
 *       sent to storage. Linux counts them when a page-cache page turns dirty, whether through {@code write(2)} or a
 *       store into a shared mapping (a whole page, or a whole large folio, once until it is written back), and when
 *       direct I/O is submitted. Not counted: re-dirtying a page that is still dirty, the filesystem's journal and
 *       metadata (written by kernel threads), and anything below the filesystem (RAID, device-mapper, the device's
 *       own write amplification). Truncating dirty pages before writeback does not subtract from it.</li>
 *   <li>sectors written (field 7, always in 512-byte units) and flush requests completed (field 16, Linux 5.5 and
 *       later) of the disk in {@code /proc/diskstats} (Documentation/admin-guide/iostats.rst; a line is major,
 *       minor, name, then the fields). Device-wide: every process writing to that disk counts. The disk is the whole
 *       disk also when the directory is on a partition, because the block layer accounts flush requests on the whole
 *       disk only (a partition's flush field stays 0); a device-mapper volume (LVM, dm-crypt) is a disk of its own,
 *       whose flush count need not match the flushes its lower disks see.</li>
 * </ul>
 * A figure the machine does not expose is {@value #NOT_EXPOSED}, never 0: no {@code /proc} (macOS), a directory
 * without a block device (tmpfs, overlay, btrfs and ZFS mounts, whose device numbers are anonymous), a kernel older
 * than 5.5 (no flush field), or a disk missing from diskstats.
 *
 * <p>{@link #readInto} parses the files in place from one reusable buffer (no text lines or strings are made), so a
 * benchmark can read it at every iteration's start and end. Not thread-safe: one per benchmark thread.
 */
public final class KernelIoCounters {
    /** Value of a counter the machine does not expose. */
    public static final long NOT_EXPOSED = -1;
    /** The unit of diskstats' sector fields, whatever the device's real sector size. */
    public static final int SECTOR_BYTES = 512;
    /** 1-based statistics field of diskstats with the sectors written. */
    static final int SECTORS_WRITTEN_FIELD = 7;
    /** 1-based statistics field of diskstats with the flush requests completed (Linux 5.5+). */
    static final int FLUSHES_COMPLETED_FIELD = 16;
    /** Columns of a diskstats line before its first statistics field: major, minor, name. */
    private static final int DEVICE_COLUMNS = 3;
    private static final byte[] WRITE_BYTES_KEY = "write_bytes:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READ_BYTES_KEY = "read_bytes:".getBytes(StandardCharsets.US_ASCII);
    private static final int INITIAL_BUFFER_BYTES = 8192;

    private final Path processIoFile;
    private final Path diskstatsFile;
    private final String deviceName;
    private final byte[] deviceNameBytes;
    private byte[] buffer = new byte[INITIAL_BUFFER_BYTES];

    /** Reads {@code processIoFile} and the line of {@code deviceName} (null: none) in {@code diskstatsFile}. */
    KernelIoCounters(final Path processIoFile, final Path diskstatsFile, final String deviceName) {
        this.processIoFile = processIoFile;
        this.diskstatsFile = diskstatsFile;
        this.deviceName = deviceName;
        this.deviceNameBytes = deviceName == null ? null : deviceName.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Counters of this process and of the disk that holds {@code directory} (its mount from mountinfo, the mount's
     * device resolved to its whole disk through sysfs, as {@link HostFacts#diskOf} does), under {@code facts}' root.
     */
    public static KernelIoCounters forDirectory(final HostFacts facts, final Path directory) {
        final String disk = facts.mountOf(HostFacts.realPath(directory)).flatMap(facts::diskOf)
            .map(HostFacts.Disk::name).orElse(null);
        return new KernelIoCounters(facts.path("proc/self/io"), facts.path("proc/diskstats"), disk);
    }

    /** {@link #forDirectory} on the running machine. */
    public static KernelIoCounters ofThisProcess(final Path directory) {
        return forDirectory(HostFacts.ofThisMachine(), directory);
    }

    /** The kernel name of the disk whose counters are read ({@code vda}, {@code nvme0n1}); empty when none. */
    public Optional<String> deviceName() {
        return Optional.ofNullable(deviceName);
    }

    /** Reads the current totals into {@code totals}; a file that cannot be read leaves its figures not exposed. */
    public void readInto(final Totals totals) {
        final int ioLength = read(processIoFile);
        totals.processWriteBytes = ioLength < 0 ? NOT_EXPOSED : parseWriteBytes(buffer, ioLength);
        totals.processReadBytes = ioLength < 0 ? NOT_EXPOSED : parseField(buffer, ioLength, READ_BYTES_KEY);
        totals.deviceSectorsWritten = NOT_EXPOSED;
        totals.deviceFlushes = NOT_EXPOSED;
        if (deviceNameBytes != null) {
            final int statsLength = read(diskstatsFile);
            if (statsLength >= 0) {
                parseDiskstatsInto(buffer, statsLength, deviceNameBytes, totals);
            }
        }
    }

    /**
     * Totals since boot (device) or process start (process), each {@link #NOT_EXPOSED} where not available. Mutable,
     * so that reading allocates nothing; not thread-safe.
     */
    public static final class Totals {
        long processWriteBytes = NOT_EXPOSED;
        long processReadBytes = NOT_EXPOSED;
        long deviceSectorsWritten = NOT_EXPOSED;
        long deviceFlushes = NOT_EXPOSED;

        /** {@code write_bytes} of /proc/self/io. */
        public long processWriteBytes() {
            return processWriteBytes;
        }

        /**
         * {@code read_bytes} of /proc/self/io: bytes this process caused to be fetched from storage (page-cache
         * misses of reads and of faults on mapped files; reads served from the page cache do not count).
         */
        public long processReadBytes() {
            return processReadBytes;
        }

        /** Sectors of 512 bytes the disk wrote. */
        public long deviceSectorsWritten() {
            return deviceSectorsWritten;
        }

        /** Flush requests the disk completed. */
        public long deviceFlushes() {
            return deviceFlushes;
        }

        @Override
        public String toString() {
            return "Totals[processWriteBytes=" + processWriteBytes + " processReadBytes=" + processReadBytes
                + " deviceSectorsWritten=" + deviceSectorsWritten
                + " deviceFlushes=" + deviceFlushes + "]";
        }
    }

    /** The {@code write_bytes:} value of /proc/self/io content, or {@link #NOT_EXPOSED} when it has none. */
    static long parseWriteBytes(final byte[] text, final int length) {
        return parseField(text, length, WRITE_BYTES_KEY);
    }

    /** The value after {@code key} (e.g. {@code read_bytes:}) in /proc/self/io content, or {@link #NOT_EXPOSED}. */
    static long parseField(final byte[] text, final int length, final byte[] key) {
        int lineStart = 0;
        while (lineStart < length) {
            final int lineEnd = lineEnd(text, lineStart, length);
            if (startsWith(text, lineStart, lineEnd, key)) {
                int position = lineStart + key.length;
                while (position < lineEnd && isBlank(text[position])) {
                    position++;
                }
                int end = position;
                while (end < lineEnd && !isBlank(text[end])) {
                    end++;
                }
                return parseCount(text, position, end);
            }
            lineStart = lineEnd + 1;
        }
        return NOT_EXPOSED;
    }

    /**
     * Sets {@code into}'s device figures from the diskstats line of {@code deviceName}; figures the line lacks (or
     * the whole line, when absent) stay {@link #NOT_EXPOSED}. Returns whether the line was found.
     */
    static boolean parseDiskstatsInto(final byte[] text, final int length, final byte[] deviceName,
                                      final Totals into) {
        into.deviceSectorsWritten = NOT_EXPOSED;
        into.deviceFlushes = NOT_EXPOSED;
        int lineStart = 0;
        while (lineStart < length) {
            final int lineEnd = lineEnd(text, lineStart, length);
            int position = lineStart;
            int column = 0;
            boolean found = false;
            while (position < lineEnd) {
                while (position < lineEnd && isBlank(text[position])) {
                    position++;
                }
                if (position == lineEnd) {
                    break;
                }
                final int tokenStart = position;
                while (position < lineEnd && !isBlank(text[position])) {
                    position++;
                }
                column++;
                if (column == DEVICE_COLUMNS) {
                    found = Arrays.equals(text, tokenStart, position, deviceName, 0, deviceName.length);
                    if (!found) {
                        break;
                    }
                } else if (column == DEVICE_COLUMNS + SECTORS_WRITTEN_FIELD) {
                    into.deviceSectorsWritten = parseCount(text, tokenStart, position);
                } else if (column == DEVICE_COLUMNS + FLUSHES_COMPLETED_FIELD) {
                    into.deviceFlushes = parseCount(text, tokenStart, position);
                }
            }
            if (found) {
                return true;
            }
            lineStart = lineEnd + 1;
        }
        return false;
    }

    /** Reads the whole of {@code file} into {@link #buffer} (growing it as needed); its length, or -1. */
    private int read(final Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                final int count = in.read(buffer, length, buffer.length - length);
                if (count < 0) {
                    return length;
                }
                length += count;
            }
        } catch (final IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long parseCount(final byte[] text, final int from, final int to) {
        if (from == to || to - from > 18) {
            return NOT_EXPOSED;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            final int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_EXPOSED;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int lineEnd(final byte[] text, final int from, final int length) {
        int position = from;
        while (position < length && text[position] != '\n') {
            position++;
        }
        return position;
    }

    private static boolean startsWith(final byte[] text, final int from, final int to, final byte[] prefix) {
        return to - from >= prefix.length && Arrays.equals(text, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static boolean isBlank(final byte character) {
        return character == ' ' || character == '\t' || character == '\r';
    }

    @Override
    public String toString() {
        return "KernelIoCounters[processIo=" + processIoFile + " diskstats=" + diskstatsFile + " device="
            + (deviceName == null ? "none" : deviceName) + "]";
    }
}
