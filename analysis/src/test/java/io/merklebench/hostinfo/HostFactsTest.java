package io.merklebench.hostinfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostFactsTest {
    @TempDir
    Path root;

    private void write(final String relativePath, final String content) throws IOException {
        FixtureRoot.write(root, relativePath, content);
    }

    /** A sysfs-like tree: /sys/dev/block/259:1 links to a partition of nvme0n1. */
    private void writeNvmeDisk() throws IOException {
        write("sys/devices/pci0000:00/nvme/nvme0n1/device/model", "Samsung SSD 980 PRO 1TB                 \n");
        write("sys/devices/pci0000:00/nvme/nvme0n1/queue/rotational", "0\n");
        write("sys/devices/pci0000:00/nvme/nvme0n1/nvme0n1p1/partition", "1\n");
        Files.createDirectories(root.resolve("sys/dev/block"));
        Files.createSymbolicLink(root.resolve("sys/dev/block/259:1"),
            root.resolve("sys/devices/pci0000:00/nvme/nvme0n1/nvme0n1p1"));
        write("proc/self/mountinfo", "23 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
            + "40 23 259:1 / /data rw,noatime shared:7 - xfs /dev/nvme0n1p1 rw,attr2\n");
    }

    @Test
    void shouldReadTheCpuModelMemoryKernelAndOs() throws IOException {
        write("proc/cpuinfo", "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC   7B13 64-Core"
            + " Processor\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13 64-Core Processor\n");
        write("proc/meminfo", "MemTotal:       24683656 kB\nMemFree:        23000000 kB\n");
        write("proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
        write("proc/sys/kernel/hostname", "vm-a\n");
        write("etc/os-release", "NAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12"
            + " (bookworm)\"\n");
        final HostFacts facts = new HostFacts(root);

        assertEquals("AMD EPYC 7B13 64-Core Processor", facts.cpuModel());
        assertEquals(Long.toString(24683656L * 1024), facts.memoryBytes());
        assertEquals("6.1.0-18-amd64", facts.kernel());
        assertEquals("vm-a", facts.hostname());
        assertEquals("Debian GNU/Linux 12 (bookworm)", facts.operatingSystem());
    }

    @Test
    void shouldFallBackToTheHardwareLineOnArm() throws IOException {
        write("proc/cpuinfo", "processor\t: 0\nBogoMIPS\t: 50.00\n\nHardware\t: BCM2835\n");

        assertEquals("BCM2835", new HostFacts(root).cpuModel());
    }

    @Test
    void shouldResolveAPartitionToItsDiskModelAndRotationalFlag() throws IOException {
        writeNvmeDisk();
        final HostFacts facts = new HostFacts(root);

        final MountInfo mount = facts.mountOf(Path.of("/data/results/host-a")).orElseThrow();
        final HostFacts.Disk disk = facts.diskOf(mount).orElseThrow();

        assertEquals("xfs", mount.fsType());
        assertEquals("rw,noatime,attr2", mount.allOptions());
        assertEquals("nvme0n1", disk.name());
        assertEquals("Samsung SSD 980 PRO 1TB", disk.model());
        assertEquals("false", disk.rotational());
    }

    @Test
    void shouldNameAVirtioDiskByItsVendorWhenItHasNoModel() throws IOException {
        write("sys/devices/virtio1/block/vda/device/vendor", "0x1af4\n");
        write("sys/devices/virtio1/block/vda/queue/rotational", "1\n");
        Files.createDirectories(root.resolve("sys/dev/block"));
        Files.createSymbolicLink(root.resolve("sys/dev/block/253:0"), root.resolve("sys/devices/virtio1/block/vda"));
        write("proc/self/mountinfo", "23 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda rw,discard\n");
        final HostFacts facts = new HostFacts(root);

        final HostFacts.Disk disk = facts.diskOf(facts.mountOf(Path.of("/work")).orElseThrow()).orElseThrow();

        assertEquals("vda", disk.name());
        assertEquals("virtio disk (vendor 0x1af4)", disk.model());
        assertEquals("true", disk.rotational());
    }

    @Test
    void shouldSayUnknownForFactsTheMachineDoesNotExpose() {
        final HostFacts facts = new HostFacts(root);

        assertEquals(HostFacts.UNKNOWN, facts.cpuModel());
        assertEquals(HostFacts.UNKNOWN, facts.memoryBytes());
        assertEquals(HostFacts.UNKNOWN, facts.kernel());
        assertEquals(HostFacts.UNKNOWN, facts.operatingSystem());
        assertTrue(facts.mountOf(Path.of("/")).isEmpty());
    }

    @Test
    void shouldGiveNoDiskForAMountWithoutBlockDevice() {
        final MountInfo tmpfs = MountInfo.parse("41 23 0:35 / /tmp rw - tmpfs tmpfs rw").orElseThrow();

        assertTrue(new HostFacts(root).diskOf(tmpfs).isEmpty());
    }
}
