package io.merklebench.hostinfo;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MountInfoTest {
    private static final String ROOT = "23 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard,errors=remount-ro";
    private static final String DATA =
        "40 23 259:1 / /mnt/fast\\040disk rw,noatime shared:7 master:2 - xfs /dev/nvme0n1p1 rw,attr2,inode64";
    private static final String TMP = "41 23 0:35 / /tmp rw,nosuid,nodev shared:8 - tmpfs tmpfs rw,size=1024k";

    @Test
    void shouldParseTheFieldsAroundTheOptionalFieldsSeparator() {
        final MountInfo mount = MountInfo.parse(DATA).orElseThrow();

        assertEquals("259:1", mount.majorMinor());
        assertEquals("/mnt/fast disk", mount.mountPoint());
        assertEquals("rw,noatime", mount.mountOptions());
        assertEquals("xfs", mount.fsType());
        assertEquals("/dev/nvme0n1p1", mount.source());
        assertEquals("rw,attr2,inode64", mount.superOptions());
        assertEquals("rw,noatime,attr2,inode64", mount.allOptions());
    }

    @Test
    void shouldRejectALineWithoutTheSeparator() {
        assertTrue(MountInfo.parse("23 1 253:0 / / rw,relatime ext4 /dev/vda rw").isEmpty());
    }

    @Test
    void shouldPickTheLongestMountPointHoldingThePath() {
        final List<MountInfo> mounts = List.of(MountInfo.parse(ROOT).orElseThrow(), MountInfo.parse(DATA).orElseThrow(),
            MountInfo.parse(TMP).orElseThrow());

        assertEquals("xfs", MountInfo.containing(mounts, Path.of("/mnt/fast disk/results/h")).orElseThrow().fsType());
        assertEquals("ext4", MountInfo.containing(mounts, Path.of("/mnt/fastdisk")).orElseThrow().fsType());
        assertEquals("tmpfs", MountInfo.containing(mounts, Path.of("/tmp/x")).orElseThrow().fsType());
    }

    @Test
    void shouldSayWhetherABlockDeviceBacksTheMount() {
        assertTrue(MountInfo.parse(ROOT).orElseThrow().hasBlockDevice());
        assertFalse(MountInfo.parse(TMP).orElseThrow().hasBlockDevice());
    }
}
