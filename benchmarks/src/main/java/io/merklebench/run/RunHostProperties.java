package io.merklebench.run;

import io.merklebench.analysis.cli.ToolkitVersion;
import io.merklebench.hostinfo.EnvironmentFacts;
import io.merklebench.hostinfo.GitCommit;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.hostinfo.MountInfo;
import io.merklebench.results.HostHardware;
import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultColumns;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Builds the {@code host.properties} of a run: the machine's facts ({@link HostFacts}; the disk and filesystem are
 * those of the data directory, where the stores write), the JVM and its fork flags, the toolkit version and git
 * commit, and what was run. Beyond the keys HostProperties names: {@code disk.name}, {@code engines}, {@code stores},
 * {@code filter}, {@code cases.failed}, (format 2) {@code jvm.args}, {@code run.forks}, {@code run.order},
 * {@code run.seed}, {@code run.like}, and the environment facts that change results ({@link EnvironmentFacts}:
 * governor, boost, huge pages, load at the start and the end, swap, and the warnings printed about them).
 */
public final class RunHostProperties {
    private RunHostProperties() {
    }

    /**
     * This machine's hardware as a run records it ({@code cpu.model}, {@code cpu.cores} as the logical CPUs the JVM
     * sees, {@code memory.bytes}): what {@code mbench run} compares with the runs already under a label.
     */
    public static HostHardware hardwareOf(final HostFacts facts) {
        return new HostHardware(facts.cpuModel(), Integer.toString(Runtime.getRuntime().availableProcessors()),
            facts.memoryBytes());
    }

    /**
     * @param toolkitFlags the toolkit's own flags of every fork ({@code jvm.flags})
     * @param userJvmArgs  the user's options of every fork ({@code jvm.args}), after the toolkit's
     */
    public static HostProperties collect(final HostFacts facts, final String label, final Path dataDirectory,
                                  final List<String> toolkitFlags, final List<String> userJvmArgs,
                                  final String gitCommit) {
        final HostHardware hardware = hardwareOf(facts);
        final HostProperties properties = new HostProperties()
            .put(HostProperties.LABEL, label)
            .put(HostProperties.CPU_MODEL, hardware.cpuModel())
            .put(HostProperties.CPU_CORES, hardware.cpuCores())
            .put(HostProperties.MEMORY_BYTES, hardware.memoryBytes());
        final Optional<MountInfo> mount = facts.mountOf(realPath(dataDirectory));
        final Optional<HostFacts.Disk> disk = mount.flatMap(facts::diskOf);
        properties
            .put(HostProperties.DISK_MODEL, disk.map(HostFacts.Disk::model)
                .orElse(mount.map(m -> "none (" + m.fsType() + ")").orElse(HostFacts.UNKNOWN)))
            .put(HostProperties.DISK_ROTATIONAL, disk.map(HostFacts.Disk::rotational).orElse(HostFacts.UNKNOWN))
            .put("disk.name", disk.map(HostFacts.Disk::name).orElse(HostFacts.UNKNOWN))
            .put(HostProperties.FS_TYPE, mount.map(MountInfo::fsType).orElse(HostFacts.UNKNOWN))
            .put(HostProperties.FS_MOUNT_OPTIONS, mount.map(MountInfo::allOptions).orElse(HostFacts.UNKNOWN))
            .put(HostProperties.KERNEL, facts.kernel())
            .put(HostProperties.OS, facts.operatingSystem())
            .put(HostProperties.JVM_VENDOR, System.getProperty("java.vm.vendor", HostFacts.UNKNOWN))
            .put(HostProperties.JVM_VERSION, System.getProperty("java.runtime.version", Runtime.version().toString()))
            .put(HostProperties.JVM_FLAGS, String.join(" ", toolkitFlags))
            .put(HostProperties.JVM_ARGS, String.join(" ", userJvmArgs))
            .put(HostProperties.TOOLKIT_VERSION, ToolkitVersion.version())
            .put(HostProperties.GIT_COMMIT, gitCommit)
            .put(HostProperties.FORMAT_VERSION, ResultColumns.FORMAT_VERSION);
        return properties;
    }

    /** Records {@code environment} (read as the run starts) and the warnings it gives, "; "-separated. */
    public static void putEnvironment(final HostProperties properties, final EnvironmentFacts environment) {
        properties
            .put(HostProperties.CPU_GOVERNOR, environment.cpuGovernor())
            .put(HostProperties.CPU_BOOST, environment.cpuBoost())
            .put(HostProperties.THP_ENABLED, environment.thpEnabled())
            .put(HostProperties.THP_DEFRAG, environment.thpDefrag())
            .put(HostProperties.LOAD_AT_START, environment.loadAverage())
            .put(HostProperties.LOAD_AT_END, environment.loadAverage())
            .put(HostProperties.SWAP_USED_BYTES, environment.swapUsedBytes())
            .put(HostProperties.RUN_WARNINGS, String.join("; ", environment.warnings()));
    }

    /** Records the load averages now, as the load at the end of the run (called after every case). */
    static void putLoadAtEnd(final HostProperties properties, final HostFacts facts) {
        properties.put(HostProperties.LOAD_AT_END, EnvironmentFacts.loadAverage(facts));
    }

    /**
     * The git commit of the toolkit's own checkout: the one holding the jar or classes this code was loaded from, so
     * that a run started from another directory still records the code it ran. The working directory's commit when
     * the code's location is unknown or not in a checkout.
     */
    public static String toolkitGitCommit() {
        try {
            final Path codeLocation = Path.of(RunHostProperties.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
            final Path directory = Files.isDirectory(codeLocation) ? codeLocation : codeLocation.getParent();
            final String commit = directory == null ? HostFacts.UNKNOWN : GitCommit.of(directory);
            if (!commit.equals(HostFacts.UNKNOWN)) {
                return commit;
            }
        } catch (final URISyntaxException | RuntimeException e) {
            // no usable code location: fall back to the working directory below
        }
        return GitCommit.of(Path.of("").toAbsolutePath());
    }

    private static Path realPath(final Path directory) {
        try {
            return directory.toRealPath();
        } catch (final IOException e) {
            return directory.toAbsolutePath().normalize();
        }
    }
}
