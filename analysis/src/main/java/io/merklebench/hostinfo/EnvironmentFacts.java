package io.merklebench.hostinfo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of a machine that changes benchmark figures without being hardware: how the CPU clock is managed, how
 * the kernel hands out huge pages, how busy the machine is, whether memory is on swap, and whether the data
 * directory is on a filesystem that syncs nothing to a disk. Read from Linux's files under a {@link HostFacts} root:
 * <ul>
 *   <li>{@code cpuGovernor}: {@code sys/devices/system/cpu/cpu<N>/cpufreq/scaling_governor}, the distinct values of
 *       all CPUs, comma-separated ({@code performance}, {@code powersave,performance});</li>
 *   <li>{@code cpuBoost}: turbo/boost {@code on} or {@code off}, from {@code intel_pstate/no_turbo} (1 = off), else
 *       {@code cpufreq/boost} (1 = on, acpi-cpufreq and amd-pstate);</li>
 *   <li>{@code thpEnabled}, {@code thpDefrag}: the selected (bracketed) mode of
 *       {@code sys/kernel/mm/transparent_hugepage/enabled} and {@code defrag};</li>
 *   <li>{@code loadAverage}: the 1, 5 and 15 minute load averages of {@code proc/loadavg}, {@code 0.08 0.25 0.46};</li>
 *   <li>{@code swapUsedBytes}: SwapTotal - SwapFree of {@code proc/meminfo}, in bytes;</li>
 *   <li>{@code dataFsType}, {@code dataSource}: the filesystem type and mount source of the data directory.</li>
 * </ul>
 * A fact that cannot be read is {@value HostFacts#UNKNOWN} (VMs and containers often hide cpufreq): never an
 * exception, and never a warning. Immutable.
 *
 * @param cpuGovernor   scaling governors in use, or unknown
 * @param cpuBoost      {@code on}, {@code off} or unknown
 * @param thpEnabled    {@code always}, {@code madvise}, {@code never} or unknown
 * @param thpDefrag     {@code always}, {@code defer}, {@code defer+madvise}, {@code madvise}, {@code never} or unknown
 * @param loadAverage   three load averages separated by spaces, or unknown
 * @param swapUsedBytes swap in use, bytes, or unknown
 * @param dataFsType    filesystem type of the data directory ({@code ext4}, {@code tmpfs}, {@code overlay}), or unknown
 * @param dataSource    mount source of the data directory ({@code /dev/nvme0n1p2}, {@code /dev/zram0}), or unknown
 * @param cpuCount      logical CPUs available to the JVM, what the load average is judged against
 */
public record EnvironmentFacts(String cpuGovernor, String cpuBoost, String thpEnabled, String thpDefrag,
                               String loadAverage, String swapUsedBytes, String dataFsType, String dataSource,
                               int cpuCount) {
    /** The governor that keeps the clock at its highest (non-boost) frequency. */
    static final String STEADY_GOVERNOR = "performance";
    /** Load (1 min) per available CPU from which the machine counts as busy; never below 1 runnable task. */
    static final double BUSY_LOAD_PER_CPU = 0.5;
    /** Filesystems that keep everything in memory: a sync there reaches no device. */
    static final Set<String> MEMORY_FILESYSTEMS = Set.of("tmpfs", "ramfs");
    private static final String THP_DIRECTORY = "sys/kernel/mm/transparent_hugepage/";
    private static final String CPU_DIRECTORY = "sys/devices/system/cpu";

    /** Reads the facts of {@code facts}' machine, the data directory being {@code dataDirectory}. */
    public static EnvironmentFacts collect(final HostFacts facts, final Path dataDirectory) {
        final Optional<MountInfo> mount = facts.mountOf(HostFacts.realPath(dataDirectory));
        final String fsType = mount.map(MountInfo::fsType).orElse(HostFacts.UNKNOWN);
        final String source = mount.map(MountInfo::source).orElse(HostFacts.UNKNOWN);
        return new EnvironmentFacts(governors(facts), boost(facts), selectedMode(facts, THP_DIRECTORY + "enabled"),
            selectedMode(facts, THP_DIRECTORY + "defrag"), loadAverage(facts), swapUsedBytes(facts), fsType, source,
            Runtime.getRuntime().availableProcessors());
    }

    /** HotSpot's option that gives the heap transparent huge pages through {@code madvise}. */
    public static final String TRANSPARENT_HUGE_PAGES_OPTION = "-XX:+UseTransparentHugePages";
    private static final String NO_TRANSPARENT_HUGE_PAGES_OPTION = "-XX:-UseTransparentHugePages";

    /** The selected transparent huge page mode of {@code facts}' kernel ({@code madvise}), or unknown. */
    public static String transparentHugePages(final HostFacts facts) {
        return selectedMode(facts, THP_DIRECTORY + "enabled");
    }

    /**
     * Why fork JVMs given {@code jvmArgs} would not get the transparent huge pages they ask for on a kernel whose
     * mode is {@code thpEnabled}, or empty when they do not ask (the last of {@code -XX:+/-UseTransparentHugePages}
     * counts) or will get them. HotSpot only warns and runs on with small pages, so a run would record a flag that did
     * nothing; huge pages are a recorded axis only where they are real.
     */
    public static Optional<String> hugePagesRefusal(final String thpEnabled, final List<String> jvmArgs) {
        boolean asked = false;
        for (final String arg : jvmArgs) {
            if (arg.equals(TRANSPARENT_HUGE_PAGES_OPTION)) {
                asked = true;
            } else if (arg.equals(NO_TRANSPARENT_HUGE_PAGES_OPTION)) {
                asked = false;
            }
        }
        if (!asked || thpEnabled.equals("madvise") || thpEnabled.equals("always")) {
            return Optional.empty();
        }
        final String why = thpEnabled.equals("never")
            ? "this kernel has them off (/" + THP_DIRECTORY + "enabled is 'never'; as root: echo madvise > /"
                + THP_DIRECTORY + "enabled)"
            : "this machine does not say whether it has them (no /" + THP_DIRECTORY + "enabled: not Linux, or a"
                + " kernel without them)";
        return Optional.of("--jvm-args asks for transparent huge pages (" + TRANSPARENT_HUGE_PAGES_OPTION + ") but "
            + why + ": the forks would run on small pages under a flag that did nothing; drop the option or enable"
            + " them");
    }

    /** The three load averages of {@code proc/loadavg} ({@code 0.08 0.25 0.46}), or {@value HostFacts#UNKNOWN}. */
    public static String loadAverage(final HostFacts facts) {
        final List<String> lines = facts.lines("proc/loadavg");
        if (lines.isEmpty()) {
            return HostFacts.UNKNOWN;
        }
        final String[] fields = lines.get(0).trim().split("\\s+");
        if (fields.length < 3) {
            return HostFacts.UNKNOWN;
        }
        for (int i = 0; i < 3; i++) {
            if (parseNumber(fields[i]) < 0) {
                return HostFacts.UNKNOWN;
            }
        }
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /**
     * What in these facts makes figures slower, noisier or meaningless, one sentence each naming the fact and its
     * value; empty when nothing does (unknown facts warn about nothing).
     */
    public List<String> warnings() {
        final List<String> warnings = new ArrayList<>();
        if (!cpuGovernor.equals(HostFacts.UNKNOWN) && !cpuGovernor.equals(STEADY_GOVERNOR)) {
            warnings.add("CPU frequency governor is " + cpuGovernor + ", not " + STEADY_GOVERNOR
                + ": the clock follows the load, so figures depend on what ran just before (cpupower frequency-set"
                + " -g performance)");
        }
        if (cpuBoost.equals("on")) {
            warnings.add("CPU turbo boost is on: the clock depends on temperature and on how many cores are busy, so"
                + " figures drift within a run and differ between runs (intel_pstate/no_turbo=1 or cpufreq/boost=0)");
        }
        if (thpEnabled.equals("always")) {
            warnings.add("transparent huge pages are 'always': whether the heap and mapped files get huge pages"
                + " varies from run to run, and khugepaged compacts memory in the background ('madvise' is steadier)");
        }
        if (thpDefrag.equals("always")) {
            warnings.add("transparent huge page defrag is 'always': page faults may stall while the kernel compacts"
                + " memory");
        }
        final double load = loadAverage.equals(HostFacts.UNKNOWN) ? -1 : parseNumber(loadAverage.split(" ")[0]);
        if (load >= busyLoad()) {
            warnings.add(String.format(Locale.ROOT, "the machine is busy: load average %s (1 min) on %d CPUs: other"
                + " work (or a build just before) competes with the benchmark, so figures are slower and noisier",
                loadAverage.split(" ")[0], cpuCount));
        }
        final double swapBytes = swapUsedBytes.equals(HostFacts.UNKNOWN) ? -1 : parseNumber(swapUsedBytes);
        if (swapBytes > 0) {
            warnings.add(String.format(Locale.ROOT, "swap is in use (%.1f MiB): pages of the benchmark or of the"
                + " stores' caches may be swapped out, and paging makes figures erratic", swapBytes / (1024.0 * 1024)));
        }
        if (MEMORY_FILESYSTEMS.contains(dataFsType) || dataSource.startsWith("/dev/zram")
            || dataSource.startsWith("/dev/ram")) {
            warnings.add("the data directory is in memory (" + dataFsType + " on " + dataSource + "): syncs reach no"
                + " disk, so durable figures measure nothing and the device counters stay empty (--data-dir on the"
                + " disk to measure)");
        } else if (dataFsType.equals("overlay")) {
            warnings.add("the data directory is on overlay (a container's filesystem): writes land in an upper layer"
                + " on some other filesystem, the device counters stay empty, and syncs measure that layer, not a"
                + " known disk (--data-dir on a mounted disk)");
        }
        return List.copyOf(warnings);
    }

    /** The 1-minute load from which the machine counts as busy. */
    double busyLoad() {
        return Math.max(1.0, cpuCount * BUSY_LOAD_PER_CPU);
    }

    private static String governors(final HostFacts facts) {
        final Set<String> governors = new TreeSet<>();
        final Path cpus = facts.path(CPU_DIRECTORY);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(cpus, "cpu[0-9]*")) {
            for (final Path cpu : entries) {
                final List<String> lines = facts.lines(CPU_DIRECTORY + "/" + cpu.getFileName()
                    + "/cpufreq/scaling_governor");
                if (!lines.isEmpty() && !lines.get(0).isBlank()) {
                    governors.add(lines.get(0).trim());
                }
            }
        } catch (final IOException | RuntimeException e) {
            return HostFacts.UNKNOWN;
        }
        return governors.isEmpty() ? HostFacts.UNKNOWN : String.join(",", governors);
    }

    private static String boost(final HostFacts facts) {
        final String noTurbo = firstLine(facts, CPU_DIRECTORY + "/intel_pstate/no_turbo");
        if (noTurbo.equals("0") || noTurbo.equals("1")) {
            return noTurbo.equals("1") ? "off" : "on";
        }
        final String boost = firstLine(facts, CPU_DIRECTORY + "/cpufreq/boost");
        if (boost.equals("0") || boost.equals("1")) {
            return boost.equals("1") ? "on" : "off";
        }
        return HostFacts.UNKNOWN;
    }

    /** The bracketed choice of a sysfs mode file: {@code always [madvise] never} gives {@code madvise}. */
    private static String selectedMode(final HostFacts facts, final String relativePath) {
        final String line = firstLine(facts, relativePath);
        final int open = line.indexOf('[');
        final int close = line.indexOf(']', open + 1);
        return open >= 0 && close > open + 1 ? line.substring(open + 1, close) : HostFacts.UNKNOWN;
    }

    private static String swapUsedBytes(final HostFacts facts) {
        final OptionalLong total = facts.meminfoKibibytes("SwapTotal");
        final OptionalLong free = facts.meminfoKibibytes("SwapFree");
        if (total.isEmpty() || free.isEmpty()) {
            return HostFacts.UNKNOWN;
        }
        return Long.toString(Math.max(0, total.getAsLong() - free.getAsLong()) * 1024);
    }

    private static String firstLine(final HostFacts facts, final String relativePath) {
        final List<String> lines = facts.lines(relativePath);
        return lines.isEmpty() ? "" : lines.get(0).trim();
    }

    /** A non-negative decimal, or -1 when {@code text} is not one. */
    private static double parseNumber(final String text) {
        try {
            final double value = Double.parseDouble(text);
            return Double.isFinite(value) && value >= 0 ? value : -1;
        } catch (final NumberFormatException e) {
            return -1;
        }
    }
}
