package io.merklebench.bench.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The mount a directory lives on, and whether that filesystem keeps data across a reboot: a sync on tmpfs returns at
 * once and measures nothing about a disk, so the sync experiments refuse such directories.
 *
 * <p>Read from {@code /proc/self/mountinfo} (the mount with the longest mount point containing the directory's real
 * path, the last one listed winning for stacked mounts) and checked against {@link FileStore#type()}. Immutable.
 *
 * @param mountPoint     where the filesystem is mounted
 * @param filesystemType {@code ext4}, {@code xfs}, {@code tmpfs}, ...
 * @param source         the device or pseudo-source ({@code /dev/nvme0n1p2}, {@code tmpfs})
 * @param options        the per-mount and superblock options, comma-separated
 */
public record MountInfo(String mountPoint, String filesystemType, String source, String options) {
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
    public static MountInfo of(final Path directory) {
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
            return new MountInfo("?", storeType, "?", "");
        }
        final List<String> lines;
        try {
            lines = Files.readAllLines(PROC_MOUNTINFO);
        } catch (final IOException e) {
            throw new UncheckedIOException("could not read the mount table: " + PROC_MOUNTINFO, e);
        }
        final MountInfo mount = findMount(lines, real.toString());
        if (mount == null) {
            return new MountInfo("?", storeType, "?", "");
        }
        // Trust the stricter answer: if either source says volatile, the result must say so too.
        if (!mount.volatileStorage() && VOLATILE_TYPES.contains(storeType.toLowerCase(Locale.ROOT))) {
            return new MountInfo(mount.mountPoint, storeType, mount.source, mount.options);
        }
        return mount;
    }

    /** The mount of {@code realPath} among mountinfo {@code lines}, or {@code null} when none matches. */
    static MountInfo findMount(final List<String> lines, final String realPath) {
        MountInfo best = null;
        for (final String line : lines) {
            final MountInfo mount = parseLine(line);
            if (mount == null || !contains(mount.mountPoint, realPath)) {
                continue;
            }
            if (best == null || mount.mountPoint.length() >= best.mountPoint.length()) {
                best = mount;
            }
        }
        return best;
    }

    /**
     * One mountinfo line: {@code id parent major:minor root mountPoint options [optional...] - type source superOptions};
     * {@code null} when malformed.
     */
    static MountInfo parseLine(final String line) {
        final String[] fields = line.trim().split(" ");
        int separator = -1;
        for (int i = 6; i < fields.length; i++) {
            if (fields[i].equals("-")) {
                separator = i;
                break;
            }
        }
        if (fields.length < 6 || separator < 0 || separator + 2 >= fields.length) {
            return null;
        }
        final String superOptions = separator + 3 < fields.length ? fields[separator + 3] : "";
        return new MountInfo(unescape(fields[4]), fields[separator + 1], unescape(fields[separator + 2]),
            fields[5] + (superOptions.isEmpty() ? "" : "," + superOptions));
    }

    private static boolean contains(final String mountPoint, final String path) {
        if (mountPoint.equals("/")) {
            return path.startsWith("/");
        }
        return path.equals(mountPoint) || path.startsWith(mountPoint + "/");
    }

    /** mountinfo writes space, tab, newline and backslash as octal escapes ({@code \040}). */
    static String unescape(final String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        final StringBuilder text = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            final char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1)) {
                text.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static boolean isOctal(final String field, final int start) {
        if (start + 3 > field.length()) {
            return false;
        }
        for (int i = start; i < start + 3; i++) {
            final char c = field.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
