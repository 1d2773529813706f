package io.merklebench.bench.sync;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MountInfoTest {
    /** A mount table in /proc/self/mountinfo's format: optional fields, an escaped space, stacked mounts. */
    private static final List<String> LINES = List.of(
        "22 27 0:21 / /proc rw,relatime - proc proc rw",
        "27 1 252:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,errors=remount-ro",
        "25 24 0:23 / /dev/shm rw,nosuid,nodev shared:4 - tmpfs tmpfs rw,size=24683656k",
        "40 27 259:2 / /mnt/fast\\040disk rw,noatime shared:7 master:2 - xfs /dev/nvme0n1p2 rw,attr2",
        "41 27 0:50 / /var/cache rw - tmpfs tmpfs rw",
        "42 41 251:0 / /var/cache rw - ext4 /dev/zram0 rw",
        "not a mount line");

    @Test
    void shouldPickTheLongestMountPointContainingThePath() {
        assertEquals("ext4", MountInfo.findMount(LINES, "/home/user/data").filesystemType());
        assertEquals("tmpfs", MountInfo.findMount(LINES, "/dev/shm/x").filesystemType());
        assertEquals("/dev/shm", MountInfo.findMount(LINES, "/dev/shm").mountPoint());
        assertEquals("ext4", MountInfo.findMount(LINES, "/dev/shmem").filesystemType(), "prefix is not containment");
    }

    @Test
    void shouldDecodeOctalEscapesAndSkipOptionalFields() {
        final MountInfo mount = MountInfo.findMount(LINES, "/mnt/fast disk/results");
        assertEquals("/mnt/fast disk", mount.mountPoint());
        assertEquals("xfs", mount.filesystemType());
        assertEquals("/dev/nvme0n1p2", mount.source());
        assertEquals("rw,noatime,rw,attr2", mount.options());
        assertNull(MountInfo.parseLine("not a mount line"));
    }

    @Test
    void shouldTakeTheLastOfStackedMountsAndTreatZramAsVolatile() {
        final MountInfo mount = MountInfo.findMount(LINES, "/var/cache/x");
        assertEquals("/dev/zram0", mount.source(), "the later mount hides the earlier one");
        assertTrue(mount.volatileStorage(), "ext4 on compressed RAM is lost at reboot");
    }

    @Test
    void shouldCallRamFilesystemsVolatileAndDiskFilesystemsNot() {
        assertTrue(MountInfo.findMount(LINES, "/dev/shm/x").volatileStorage());
        assertTrue(MountInfo.findMount(LINES, "/proc/1").volatileStorage());
        assertFalse(MountInfo.findMount(LINES, "/home").volatileStorage());
        assertFalse(MountInfo.findMount(LINES, "/mnt/fast disk").volatileStorage());
    }

    @Test
    void shouldFindThisMachinesSharedMemoryOnTmpfs() {
        final Path sharedMemory = Path.of("/dev/shm");
        assumeTrue(Files.isReadable(MountInfo.PROC_MOUNTINFO) && Files.isDirectory(sharedMemory), "not Linux");
        final MountInfo mount = MountInfo.of(sharedMemory);
        assertTrue(mount.volatileStorage(), mount.describe());
        assertEquals("/dev/shm", mount.mountPoint());
    }
}
