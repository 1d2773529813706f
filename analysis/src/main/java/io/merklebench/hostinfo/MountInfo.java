package io.merklebench.hostinfo;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One line of {@code /proc/self/mountinfo} (see proc(5)): where a filesystem is mounted, from which device, with
 * which options. Immutable.
 *
 * @param majorMinor     the device number, {@code 253:0}; major 0 means no block device (tmpfs, overlay, ...)
 * @param mountPoint     absolute path, with the kernel's octal escapes ({@code \040} for a space) decoded
 * @param mountOptions   per-mount options, {@code rw,relatime}
 * @param fsType         filesystem type, {@code ext4}
 * @param source         mount source, {@code /dev/vda1}
 * @param superOptions   per-superblock options, {@code rw,errors=remount-ro}
 */
public record MountInfo(
    String majorMinor, String mountPoint, String mountOptions, String fsType, String source, String superOptions) {

    private static final String OPTIONAL_FIELDS_END = "-";

    /** Parses one mountinfo line; empty when the line does not have the documented shape. */
    public static Optional<MountInfo> parse(final String line) {
        final String[] fields = line.trim().split(" ");
        int separator = -1;
        for (int i = 6; i < fields.length; i++) {
            if (fields[i].equals(OPTIONAL_FIELDS_END)) {
                separator = i;
                break;
            }
        }
        if (separator < 0 || separator + 2 >= fields.length) {
            return Optional.empty();
        }
        final String superOptions = separator + 3 < fields.length ? fields[separator + 3] : "";
        return Optional.of(new MountInfo(fields[2], unescape(fields[4]), fields[5], fields[separator + 1],
            unescape(fields[separator + 2]), superOptions));
    }

    /** The mount whose mount point is the longest prefix of {@code path} (the last such line wins, like the kernel). */
    public static Optional<MountInfo> containing(final List<MountInfo> mounts, final Path path) {
        MountInfo best = null;
        for (final MountInfo mount : mounts) {
            final Path mountPoint = Path.of(mount.mountPoint());
            if (path.startsWith(mountPoint)
                && (best == null || mountPoint.getNameCount() >= Path.of(best.mountPoint()).getNameCount())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Mount and superblock options in one list, each option once: {@code rw,relatime,errors=remount-ro}. */
    public String allOptions() {
        final Set<String> options = new LinkedHashSet<>();
        for (final String option : (mountOptions + "," + superOptions).split(",")) {
            if (!option.isEmpty()) {
                options.add(option);
            }
        }
        return String.join(",", options);
    }

    /** Whether a block device backs this mount (major number not 0). */
    public boolean hasBlockDevice() {
        return !majorMinor.startsWith("0:");
    }

    private static String unescape(final String text) {
        final StringBuilder decoded = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == '\\' && isOctal(text, i + 1)) {
                decoded.append((char)Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    private static boolean isOctal(final String text, final int from) {
        if (from + 3 > text.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
