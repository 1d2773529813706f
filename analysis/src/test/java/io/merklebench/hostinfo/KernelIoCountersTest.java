package io.merklebench.hostinfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KernelIoCountersTest {
    /** /proc/self/io as Linux 6.x writes it. */
    private static final String PROC_SELF_IO = "rchar: 6976\nwchar: 81920\nsyscr: 10\nsyscw: 20\n"
        + "read_bytes: 4096\nwrite_bytes: 1282048\ncancelled_write_bytes: 8192\n";

    /**
     * /proc/diskstats of Linux 5.5+ (17 statistics fields): a virtio disk, an NVMe disk and its partitions (the
     * partitions' flush field is 0: the block layer counts flushes on the whole disk), a device-mapper volume, and a
     * loop device. From Documentation/admin-guide/iostats.rst, with vda added.
     */
    private static final String DISKSTATS_5_5 = "   7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
        + " 254       0 vda 66968 23429 4534330 32084 212379 34467 11666080 64871 0 28892 100597 21355 50 75911728"
        + " 2288 50406 1353\n"
        + " 259       0 nvme0n1 255999 814 12369153 47919 996852 81 36123024 425995 0 301795 580470 0 0 0 0 60602"
        + " 106555\n"
        + " 259       1 nvme0n1p1 492 813 17572 96 848 81 108288 210 0 76 307 0 0 0 0 0 0\n"
        + " 259       2 nvme0n1p2 255401 1 12343477 47799 996004 0 36014736 425784 0 344336 473584 0 0 0 0 0 0\n"
        + " 253       0 dm-0 1000 0 8000 10 2000 0 16000 20 0 30 40 0 0 0 0 7 1\n";

    /** A kernel of 4.18 to 5.4: discard fields, no flush fields. */
    private static final String DISKSTATS_4_19 = "   8       0 sda 9001 12 300000 4000 5000 700 123456 9000 0 8000"
        + " 13000 0 0 0 0\n";

    @TempDir
    Path root;

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static KernelIoCounters.Totals parseDiskstats(final String content, final String device) {
        final KernelIoCounters.Totals totals = new KernelIoCounters.Totals();
        KernelIoCounters.parseDiskstatsInto(bytes(content), content.length(), bytes(device), totals);
        return totals;
    }

    @Test
    void shouldReadWriteBytesNotCancelledWriteBytes() {
        assertEquals(1282048, KernelIoCounters.parseWriteBytes(bytes(PROC_SELF_IO), PROC_SELF_IO.length()));
        final String cancelledFirst = "cancelled_write_bytes: 8192\nwrite_bytes:\t77\n";
        assertEquals(77, KernelIoCounters.parseWriteBytes(bytes(cancelledFirst), cancelledFirst.length()));
    }

    @Test
    void shouldReadReadBytesNotRchar() {
        final String io = "rchar: 999\nwchar: 5\nsyscr: 3\nsyscw: 1\nread_bytes: 40960\nwrite_bytes: 8192\n";
        assertEquals(40960, KernelIoCounters.parseField(bytes(io), io.length(),
            "read_bytes:".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(KernelIoCounters.NOT_EXPOSED, KernelIoCounters.parseField(bytes("rchar: 1\n"), 9,
            "read_bytes:".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void shouldSayNotExposedWhenWriteBytesIsMissingOrNotANumber() {
        final String withoutIoAccounting = "rchar: 6976\nwchar: 0\n";
        assertEquals(KernelIoCounters.NOT_EXPOSED,
            KernelIoCounters.parseWriteBytes(bytes(withoutIoAccounting), withoutIoAccounting.length()));
        final String garbled = "write_bytes: 12x4\n";
        assertEquals(KernelIoCounters.NOT_EXPOSED, KernelIoCounters.parseWriteBytes(bytes(garbled), garbled.length()));
        final String empty = "write_bytes:\n";
        assertEquals(KernelIoCounters.NOT_EXPOSED, KernelIoCounters.parseWriteBytes(bytes(empty), empty.length()));
    }

    @Test
    void shouldReadOnlyTheFirstLengthBytesOfTheBuffer() {
        final byte[] buffer = bytes(PROC_SELF_IO + "write_bytes: 5\n");
        assertEquals(1282048, KernelIoCounters.parseWriteBytes(buffer, PROC_SELF_IO.length()));
        final String cut = "write_bytes: 1282048";
        assertEquals(128, KernelIoCounters.parseWriteBytes(bytes(cut), "write_bytes: 128".length()));
    }

    @Test
    void shouldReadSectorsWrittenAndFlushesOfTheNamedDisk() {
        final KernelIoCounters.Totals vda = parseDiskstats(DISKSTATS_5_5, "vda");
        assertEquals(11666080, vda.deviceSectorsWritten());
        assertEquals(50406, vda.deviceFlushes());

        final KernelIoCounters.Totals nvme = parseDiskstats(DISKSTATS_5_5, "nvme0n1");
        assertEquals(36123024, nvme.deviceSectorsWritten());
        assertEquals(60602, nvme.deviceFlushes());

        final KernelIoCounters.Totals partition = parseDiskstats(DISKSTATS_5_5, "nvme0n1p2");
        assertEquals(36014736, partition.deviceSectorsWritten(), "a name that prefixes another is not confused");
        assertEquals(0, partition.deviceFlushes(), "why the counters use the whole disk");

        assertEquals(7, parseDiskstats(DISKSTATS_5_5, "dm-0").deviceFlushes());
    }

    @Test
    void shouldSayNotExposedForAMissingDiskOrAKernelWithoutTheFlushField() {
        final KernelIoCounters.Totals missing = parseDiskstats(DISKSTATS_5_5, "sdb");
        assertEquals(KernelIoCounters.NOT_EXPOSED, missing.deviceSectorsWritten());
        assertEquals(KernelIoCounters.NOT_EXPOSED, missing.deviceFlushes());

        final KernelIoCounters.Totals old = parseDiskstats(DISKSTATS_4_19, "sda");
        assertEquals(123456, old.deviceSectorsWritten());
        assertEquals(KernelIoCounters.NOT_EXPOSED, old.deviceFlushes(), "flush fields came with Linux 5.5");

        assertFalse(KernelIoCounters.parseDiskstatsInto(bytes("vd"), 2, bytes("vda"), new KernelIoCounters.Totals()));
    }

    /** A fixture root: /data on the first partition of nvme0n1, /tmp on tmpfs. */
    private HostFacts nvmeMachine(final String diskstats) throws IOException {
        write("sys/devices/pci0000:00/nvme/nvme0n1/nvme0n1p1/partition", "1\n");
        Files.createDirectories(root.resolve("sys/dev/block"));
        Files.createSymbolicLink(root.resolve("sys/dev/block/259:1"),
            root.resolve("sys/devices/pci0000:00/nvme/nvme0n1/nvme0n1p1"));
        write("proc/self/mountinfo", "23 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
            + "40 23 259:1 / /data rw,noatime shared:7 - xfs /dev/nvme0n1p1 rw,attr2\n"
            + "41 23 0:30 / /tmp rw shared:8 - tmpfs tmpfs rw,size=1024k\n");
        write("proc/self/io", PROC_SELF_IO);
        write("proc/diskstats", diskstats);
        return new HostFacts(root);
    }

    @Test
    void shouldCountThePartitionsWholeDisk() throws IOException {
        final KernelIoCounters counters = KernelIoCounters.forDirectory(nvmeMachine(DISKSTATS_5_5),
            Path.of("/data/mbench/run-1"));
        final KernelIoCounters.Totals totals = new KernelIoCounters.Totals();

        counters.readInto(totals);

        assertEquals("nvme0n1", counters.deviceName().orElseThrow());
        assertEquals(1282048, totals.processWriteBytes());
        assertEquals(36123024, totals.deviceSectorsWritten());
        assertEquals(60602, totals.deviceFlushes());
    }

    @Test
    void shouldLeaveTheDeviceNotExposedOnTmpfs() throws IOException {
        final KernelIoCounters counters = KernelIoCounters.forDirectory(nvmeMachine(DISKSTATS_5_5), Path.of("/tmp/x"));
        final KernelIoCounters.Totals totals = new KernelIoCounters.Totals();

        counters.readInto(totals);

        assertTrue(counters.deviceName().isEmpty(), counters.toString());
        assertEquals(1282048, totals.processWriteBytes(), "the process's own figure does not need a device");
        assertEquals(KernelIoCounters.NOT_EXPOSED, totals.deviceSectorsWritten());
        assertEquals(KernelIoCounters.NOT_EXPOSED, totals.deviceFlushes());
    }

    @Test
    void shouldLeaveEverythingNotExposedWithoutProc() {
        final KernelIoCounters counters = KernelIoCounters.forDirectory(new HostFacts(root), Path.of("/data"));
        final KernelIoCounters.Totals totals = new KernelIoCounters.Totals();

        counters.readInto(totals);

        assertEquals(KernelIoCounters.NOT_EXPOSED, totals.processWriteBytes());
        assertEquals(KernelIoCounters.NOT_EXPOSED, totals.deviceSectorsWritten());
        assertEquals(KernelIoCounters.NOT_EXPOSED, totals.deviceFlushes());
    }

    @Test
    void shouldReadADiskstatsLargerThanItsFirstBuffer() throws IOException {
        final StringBuilder manyLoops = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            manyLoops.append("   7 ").append(i).append(" loop").append(i).append(" 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
        }
        final KernelIoCounters counters = KernelIoCounters.forDirectory(nvmeMachine(manyLoops + DISKSTATS_5_5),
            Path.of("/data"));
        final KernelIoCounters.Totals totals = new KernelIoCounters.Totals();

        counters.readInto(totals);

        assertEquals(60602, totals.deviceFlushes());
    }

    @Test
    void shouldReadThisMachinesCountersOnLinux() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/self/io")), "no /proc/self/io: not Linux, or no I/O accounting");
        final KernelIoCounters counters = KernelIoCounters.ofThisProcess(Path.of("").toAbsolutePath());
        final KernelIoCounters.Totals before = new KernelIoCounters.Totals();
        final KernelIoCounters.Totals after = new KernelIoCounters.Totals();
        counters.readInto(before);

        final Path file = Files.createTempFile(Path.of("target"), "kernel-io-", ".bin");
        try {
            Files.write(file, new byte[64 * 1024]);
            counters.readInto(after);
        } finally {
            Files.delete(file);
        }

        assertTrue(before.processWriteBytes() >= 0, before.toString());
        if (!Files.getFileStore(file.getParent()).type().equals("tmpfs")) {
            assertTrue(after.processWriteBytes() - before.processWriteBytes() >= 64 * 1024,
                "64 KiB dirtied in the page cache: before=" + before + " after=" + after);
        }
        if (counters.deviceName().isPresent()) {
            assertTrue(after.deviceSectorsWritten() >= before.deviceSectorsWritten() && before.deviceSectorsWritten() >= 0,
                counters + ": before=" + before + " after=" + after);
        }
    }

    private void write(final String relativePath, final String content) throws IOException {
        FixtureRoot.write(root, relativePath, content);
    }
}
