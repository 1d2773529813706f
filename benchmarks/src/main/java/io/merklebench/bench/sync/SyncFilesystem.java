package io.merklebench.bench.sync;

import io.merklebench.hostinfo.MountInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The mount a directory lives on, and whether that filesystem keeps data across a reboot: a sync on tmpfs returns at
 * once and measures nothing about a disk, so the sync experiments refuse such directories.
 *
 * <p>Read from {@code /proc/self/mountinfo} (parsed by {@link MountInfo}: the mount with the longest mount point
 * containing the directory's real path, the last one listed winning for stacked mounts) and checked against
 * {@link FileStore#type()}. Immutable.
 *
 * @param mountPoint     where the filesystem is mounted
 * @param filesystemType {@code ext4}, {@code xfs}, {@code tmpfs}, ...
 * @param source         the device or pseudo-source ({@code /dev/nvme0n1p2}, {@code tmpfs})
 * @param options        the per-mount and superblock options, comma-separated
 */
public record SyncFilesystem(String mountPoint, String filesystemType, String source, String options) {
    /** Where Linux lists the mounts this process sees. */
    public static final Path PROC_MOUNTINFO = Path.of("/proc/self/mountinfo");

    /** Filesystems whose contents live in memory (or nowhere): syncs on them do not reach a device. */
    static final Set<String> VOLATILE_TYPES = Set.of(
        "tmpfs", "ramfs", "devtmpfs", "hugetlbfs", "proc", "sysfs", "devpts", "mqueue", "debugfs", "tracefs",
        "securityfs", "cgroup", "cgroup2", "bpf", "pstore", "configfs", "efivarfs");

    /** Block devices that are compressed RAM ({@code zram}) or plain RAM disks ({@code ram0}, {@code brd}). */
    private static final List<String> VOLATILE_DEVICE_PREFIXES = List.of("/dev/zram", "/dev/ram");

    /** Whether data written here is lost at reboot or power loss whatever the program syncs. */
    public boolean volatileStorage() {
        final String type = filesystemType.toLowerCase(Locale.ROOT);
        return VOLATILE_TYPES.contains(type)
            || VOLATILE_DEVICE_PREFIXES.stream().anyMatch(source::startsWith);
    }

    /** {@code type=ext4 mount=/ source=/dev/vda}, for output lines. */
    public String describe() {
        return "type=" + filesystemType + " mount=" + mountPoint + " source=" + source;
    }

    /**
     * The mount holding {@code directory} (which must exist). When mountinfo cannot be read (not Linux), falls back to
     * {@link FileStore#type()} with an unknown mount point.
     */
    public static SyncFilesystem of(final Path directory) {
        final Path real;
        final String storeType;
        try {
            real = directory.toRealPath();
            final FileStore store = Files.getFileStore(real);
            storeType = store.type();
        } catch (final IOException e) {
            throw new UncheckedIOException("could not find the filesystem of directory: " + directory.toAbsolutePath(), e);
        }
        if (!Files.isReadable(PROC_MOUNTINFO)) {
            return new SyncFilesystem("?", storeType, "?", "");
        }
        final List<String> lines;
        try {
            lines = Files.readAllLines(PROC_MOUNTINFO);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not read the mount table: " + PROC_MOUNTINFO, e);
        }
        final SyncFilesystem mount = findMount(lines, real.toString());
        if (mount == null) {
            return new SyncFilesystem("?", storeType, "?", "");
        }
        // Trust the stricter answer: if either source says volatile, the result must say so too.
        if (!mount.volatileStorage() && VOLATILE_TYPES.contains(storeType.toLowerCase(Locale.ROOT))) {
            return new SyncFilesystem(mount.mountPoint, storeType, mount.source, mount.options);
        }
        return mount;
    }

    /** The mount of {@code realPath} among mountinfo {@code lines}, or {@code null} when none matches. */
    static SyncFilesystem findMount(final List<String> lines, final String realPath) {
        final List<MountInfo> mounts = new ArrayList<>();
        for (final String line : lines) {
            MountInfo.parse(line).ifPresent(mounts::add);
        }
        return MountInfo.containing(mounts, Path.of(realPath))
            .map(mount -> new SyncFilesystem(mount.mountPoint(), mount.fsType(), mount.source(), mount.allOptions()))
            .orElse(null);
    }
}
