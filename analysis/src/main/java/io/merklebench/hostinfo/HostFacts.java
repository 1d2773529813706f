package io.merklebench.hostinfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Facts about the machine a run measures, read from the files Linux exposes: CPU model ({@code /proc/cpuinfo}),
 * memory ({@code /proc/meminfo}), kernel ({@code /proc/sys/kernel/osrelease}), OS ({@code /etc/os-release}), and for
 * the disk holding a given directory its filesystem and mount options ({@code /proc/self/mountinfo}), model and
 * rotational flag ({@code /sys/dev/block/<major:minor>} → {@code device/model}, {@code queue/rotational}).
 *
 * <p>Every path is resolved under a root directory ({@code /} in production, a fixture folder in tests). A fact that
 * cannot be read is {@value #UNKNOWN}, never an exception: a run must not fail because a VM hides its disk model.
 * Thread-safe (no state besides the root).
 */
public final class HostFacts {
    /** Value of a fact this machine does not expose. */
    public static final String UNKNOWN = "unknown";

    /** The PCI vendor id of virtio devices (Red Hat / Qumranet), what virtio-blk disks show as their vendor. */
    private static final String VIRTIO_VENDOR_ID = "0x1af4";

    private final Path root;

    public HostFacts(final Path root) {
        this.root = root;
    }

    /** Facts of the running machine. */
    public static HostFacts ofThisMachine() {
        return new HostFacts(Path.of("/"));
    }

    /** The first "model name" of /proc/cpuinfo (x86), else "Hardware"/"Processor"/"cpu model" (ARM, others). */
    public String cpuModel() {
        final List<String> lines = lines("proc/cpuinfo");
        for (final String key : List.of("model name", "Hardware", "Processor", "cpu model", "cpu")) {
            for (final String line : lines) {
                final int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    final String value = line.substring(colon + 1).trim().replaceAll("\\s+", " ");
                    if (!value.isEmpty()) {
                        return value;
                    }
                }
            }
        }
        return UNKNOWN;
    }

    /** MemTotal of /proc/meminfo in bytes, as text; {@value #UNKNOWN} if absent. */
    public String memoryBytes() {
        final OptionalLong kibibytes = meminfoKibibytes("MemTotal");
        return kibibytes.isPresent() ? Long.toString(kibibytes.getAsLong() * 1024) : UNKNOWN;
    }

    /** {@code key} of /proc/meminfo in KiB (the line {@code SwapFree:  1024 kB}); empty if absent or not a number. */
    OptionalLong meminfoKibibytes(final String key) {
        final String prefix = key + ":";
        for (final String line : lines("proc/meminfo")) {
            if (line.startsWith(prefix)) {
                final String[] parts = line.substring(prefix.length()).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                } catch (final NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }

    /** The kernel's host name ({@code /proc/sys/kernel/hostname}), without asking DNS; {@value #UNKNOWN} if absent. */
    public String hostname() {
        final List<String> lines = lines("proc/sys/kernel/hostname");
        return lines.isEmpty() || lines.get(0).isBlank() ? UNKNOWN : lines.get(0).trim();
    }

    public String kernel() {
        final List<String> lines = lines("proc/sys/kernel/osrelease");
        return lines.isEmpty() || lines.get(0).isBlank() ? UNKNOWN : lines.get(0).trim();
    }

    /** PRETTY_NAME of /etc/os-release, else NAME and VERSION_ID. */
    public String operatingSystem() {
        final Map<String, String> release = new LinkedHashMap<>();
        for (final String line : lines("etc/os-release")) {
            final int equals = line.indexOf('=');
            if (equals > 0) {
                release.put(line.substring(0, equals).trim(), unquote(line.substring(equals + 1).trim()));
            }
        }
        if (release.containsKey("PRETTY_NAME")) {
            return release.get("PRETTY_NAME");
        }
        if (release.containsKey("NAME")) {
            return (release.get("NAME") + " " + release.getOrDefault("VERSION_ID", "")).trim();
        }
        return UNKNOWN;
    }

    /** The filesystem {@code directory} is on (absolute, symlinks resolved by the caller), from mountinfo. */
    public Optional<MountInfo> mountOf(final Path directory) {
        final List<MountInfo> mounts = new ArrayList<>();
        for (final String line : lines("proc/self/mountinfo")) {
            MountInfo.parse(line).ifPresent(mounts::add);
        }
        return MountInfo.containing(mounts, directory);
    }

    /**
     * The disk behind a mount: its kernel name, model and rotational flag. A partition resolves to its whole disk
     * (the {@code partition} file marks a partition in sysfs). Empty for mounts without a block device.
     */
    public Optional<Disk> diskOf(final MountInfo mount) {
        if (!mount.hasBlockDevice()) {
            return Optional.empty();
        }
        final Path link = root.resolve("sys/dev/block").resolve(mount.majorMinor());
        try {
            final Path resolved = link.toRealPath();
            final Path device = Files.exists(resolved.resolve("partition")) && resolved.getParent() != null
                ? resolved.getParent() : resolved;
            final String model = firstLine(device.resolve("device/model"))
                .or(() -> firstLine(device.resolve("device/vendor")).map(HostFacts::describeVendor))
                .orElse(UNKNOWN);
            final String rotational = firstLine(device.resolve("queue/rotational"))
                .map(flag -> flag.equals("1") ? "true" : flag.equals("0") ? "false" : UNKNOWN)
                .orElse(UNKNOWN);
            return Optional.of(new Disk(device.getFileName().toString(), model, rotational));
        } catch (final IOException e) {
            return Optional.empty();
        }
    }

    /**
     * A block device.
     *
     * @param name       kernel name, {@code vda}, {@code nvme0n1}
     * @param model      the device's model string; virtio disks have none, then the vendor or {@value #UNKNOWN}
     * @param rotational {@code true} (spinning), {@code false} (SSD, NVMe, most virtual disks) or {@value #UNKNOWN}
     */
    public record Disk(String name, String model, String rotational) {
    }

    /** Virtio disks have no model, only the PCI vendor id; name the common one. */
    static String describeVendor(final String vendor) {
        return VIRTIO_VENDOR_ID.equals(vendor) ? "virtio disk (vendor " + vendor + ")" : "vendor " + vendor;
    }

    private Optional<String> firstLine(final Path file) {
        try {
            final List<String> content = Files.readAllLines(file, StandardCharsets.UTF_8);
            return content.isEmpty() || content.get(0).isBlank() ? Optional.empty() : Optional.of(content.get(0).trim());
        } catch (final IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code directory} with symlinks resolved (what {@link #mountOf} needs); absolute and normalized if missing. */
    static Path realPath(final Path directory) {
        try {
            return directory.toRealPath();
        } catch (final IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }

    /** {@code relativePath} (e.g. {@code proc/diskstats}) under this machine's root. */
    Path path(final String relativePath) {
        return root.resolve(relativePath);
    }

    /** The lines of {@code relativePath} under the root; empty when it cannot be read. */
    List<String> lines(final String relativePath) {
        try {
            return Files.readAllLines(root.resolve(relativePath), StandardCharsets.UTF_8);
        } catch (final IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String unquote(final String text) {
        if (text.length() >= 2 && (text.startsWith("\"") && text.endsWith("\"")
            || text.startsWith("'") && text.endsWith("'"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    @Override
    public String toString() {
        return "HostFacts[root=" + root + "]";
    }
}
