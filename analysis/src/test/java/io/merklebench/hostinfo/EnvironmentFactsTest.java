package io.merklebench.hostinfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentFactsTest {
    private static final String UNKNOWN = HostFacts.UNKNOWN;

    @TempDir
    Path root;

    private void write(final String relativePath, final String content) throws IOException {
        FixtureRoot.write(root, relativePath, content);
    }

    /** A bare-metal Intel machine tuned for benchmarks, with its data disk mounted at /data. */
    private void writeQuietIntelMachine() throws IOException {
        for (int cpu = 0; cpu < 4; cpu++) {
            write("sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_governor", "performance\n");
        }
        write("sys/devices/system/cpu/cpuidle/current_driver", "intel_idle\n");
        write("sys/devices/system/cpu/intel_pstate/no_turbo", "1\n");
        write("sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n");
        write("sys/kernel/mm/transparent_hugepage/defrag", "always defer defer+madvise [madvise] never\n");
        write("proc/loadavg", "0.08 0.25 0.46 1/91 1035\n");
        write("proc/meminfo", "MemTotal:       24683656 kB\nSwapTotal:       2097148 kB\nSwapFree:        2097148 kB\n");
        write("proc/self/mountinfo", "23 1 253:0 / / rw,relatime shared:1 - ext4 /dev/vda rw\n"
            + "40 23 259:1 / /data rw,noatime shared:7 - xfs /dev/nvme0n1p1 rw,attr2\n"
            + "41 23 0:30 / /dev/shm rw shared:8 - tmpfs tmpfs rw\n"
            + "42 23 0:31 / /var/lib/docker/merged rw shared:9 - overlay overlay rw,lowerdir=/l,upperdir=/u\n");
    }

    private EnvironmentFacts collect(final String dataDirectory) {
        return EnvironmentFacts.collect(new HostFacts(root), Path.of(dataDirectory));
    }

    @Test
    void shouldReadEveryFactAndWarnAboutNothingOnAQuietTunedMachine() throws IOException {
        writeQuietIntelMachine();

        final EnvironmentFacts facts = collect("/data/mbench");

        assertEquals("performance", facts.cpuGovernor());
        assertEquals("off", facts.cpuBoost());
        assertEquals("madvise", facts.thpEnabled());
        assertEquals("madvise", facts.thpDefrag());
        assertEquals("0.08 0.25 0.46", facts.loadAverage());
        assertEquals("0", facts.swapUsedBytes());
        assertEquals("xfs", facts.dataFsType());
        assertEquals("/dev/nvme0n1p1", facts.dataSource());
        assertEquals(List.of(), facts.warnings());
    }

    @Test
    void shouldRecordUnknownAndWarnAboutNothingWhereTheMachineHidesEverything() {
        final EnvironmentFacts facts = collect("/data");

        assertEquals(new EnvironmentFacts(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN,
            Runtime.getRuntime().availableProcessors()), facts);
        assertEquals(List.of(), facts.warnings());
    }

    @Test
    void shouldListEveryGovernorInUseAndReadBoostFromCpufreq() throws IOException {
        write("sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave\n");
        write("sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "performance\n");
        write("sys/devices/system/cpu/cpu10/cpufreq/scaling_governor", "powersave\n");
        write("sys/devices/system/cpu/cpufreq/boost", "1\n");

        final EnvironmentFacts facts = collect("/");

        assertEquals("performance,powersave", facts.cpuGovernor());
        assertEquals("on", facts.cpuBoost());
        assertEquals(List.of(
            "CPU frequency governor is performance,powersave, not performance: the clock follows the load, so figures"
                + " depend on what ran just before (cpupower frequency-set -g performance)",
            "CPU turbo boost is on: the clock depends on temperature and on how many cores are busy, so figures drift"
                + " within a run and differ between runs (intel_pstate/no_turbo=1 or cpufreq/boost=0)"),
            facts.warnings());
    }

    @Test
    void shouldWarnAboutHugePagesLoadAndSwap() {
        final EnvironmentFacts facts = new EnvironmentFacts("performance", "off", "always", "always", "3.50 2.00 1.00",
            Long.toString(300L * 1024 * 1024), "ext4", "/dev/vda", 4);

        assertEquals(List.of(
            "transparent huge pages are 'always': whether the heap and mapped files get huge pages varies from run"
                + " to run, and khugepaged compacts memory in the background ('madvise' is steadier)",
            "transparent huge page defrag is 'always': page faults may stall while the kernel compacts memory",
            "the machine is busy: load average 3.50 (1 min) on 4 CPUs: other work (or a build just before) competes"
                + " with the benchmark, so figures are slower and noisier",
            "swap is in use (300.0 MiB): pages of the benchmark or of the stores' caches may be swapped out, and"
                + " paging makes figures erratic"), facts.warnings());
    }

    @Test
    void shouldCountTheMachineBusyFromHalfALoadPerCpuAndAtLeastOne() {
        assertEquals(1.0, facts("0.99 0 0", 1).busyLoad());
        assertEquals(List.of(), facts("0.99 0 0", 1).warnings());
        assertEquals(1, facts("1.00 0 0", 1).warnings().size());
        assertEquals(List.of(), facts("15.9 0 0", 32).warnings());
        assertEquals(1, facts("16.0 0 0", 32).warnings().size());
    }

    private static EnvironmentFacts facts(final String load, final int cpus) {
        return new EnvironmentFacts(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, load, UNKNOWN, UNKNOWN, UNKNOWN, cpus);
    }

    @Test
    void shouldWarnWhenTheDataDirectoryIsInMemoryOrOnOverlay() throws IOException {
        writeQuietIntelMachine();

        assertEquals(List.of("the data directory is in memory (tmpfs on tmpfs): syncs reach no disk, so durable"
            + " figures measure nothing and the device counters stay empty (--data-dir on the disk to measure)"),
            collect("/dev/shm/mbench").warnings());
        assertEquals(List.of("the data directory is on overlay (a container's filesystem): writes land in an upper"
            + " layer on some other filesystem, the device counters stay empty, and syncs measure that layer, not a"
            + " known disk (--data-dir on a mounted disk)"), collect("/var/lib/docker/merged/x").warnings());
        final EnvironmentFacts zram = new EnvironmentFacts(UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN,
            "ext4", "/dev/zram0", 2);
        assertTrue(zram.warnings().get(0).startsWith("the data directory is in memory (ext4 on /dev/zram0)"),
            zram.warnings().toString());
    }

    @Test
    void shouldReadTheLoadAtAnyMomentAndRejectAGarbledLoadavg() throws IOException {
        write("proc/loadavg", "1.50 0.75 0.20 2/300 4242\n");
        assertEquals("1.50 0.75 0.20", EnvironmentFacts.loadAverage(new HostFacts(root)));
        write("proc/loadavg", "1.50 abc\n");
        assertEquals(UNKNOWN, EnvironmentFacts.loadAverage(new HostFacts(root)));
    }

    @Test
    void shouldReadSwapInUseAsTotalMinusFree() throws IOException {
        write("proc/meminfo", "MemTotal: 1000 kB\nSwapTotal: 2048 kB\nSwapFree: 1024 kB\n");
        assertEquals(Long.toString(1024L * 1024), collect("/").swapUsedBytes());
    }

    @Test
    void shouldReadThisMachineWithoutFailing() {
        final EnvironmentFacts facts = EnvironmentFacts.collect(HostFacts.ofThisMachine(), Path.of(""));
        facts.warnings();
        if (Files.isReadable(Path.of("/proc/loadavg"))) {
            assertTrue(facts.loadAverage().matches("[0-9.]+ [0-9.]+ [0-9.]+"), facts.toString());
        }
    }

    @Test
    void shouldReadTheTransparentHugePageModeOfTheKernel() throws IOException {
        assertEquals(UNKNOWN, EnvironmentFacts.transparentHugePages(new HostFacts(root)));
        write("sys/kernel/mm/transparent_hugepage/enabled", "always madvise [never]\n");
        assertEquals("never", EnvironmentFacts.transparentHugePages(new HostFacts(root)));
    }

    @Test
    void shouldRefuseHugePagesTheKernelCannotGiveAndOnlyThen() {
        final List<String> asked = List.of("-Xmx4g", EnvironmentFacts.TRANSPARENT_HUGE_PAGES_OPTION);
        assertTrue(EnvironmentFacts.hugePagesRefusal("madvise", asked).isEmpty());
        assertTrue(EnvironmentFacts.hugePagesRefusal("always", asked).isEmpty());
        assertTrue(EnvironmentFacts.hugePagesRefusal("never", List.of("-Xmx4g")).isEmpty(), "not asked");
        assertTrue(EnvironmentFacts.hugePagesRefusal("never",
            List.of(EnvironmentFacts.TRANSPARENT_HUGE_PAGES_OPTION, "-XX:-UseTransparentHugePages")).isEmpty(),
            "the last of +/- counts");
        assertEquals("--jvm-args asks for transparent huge pages (-XX:+UseTransparentHugePages) but this kernel has"
                + " them off (/sys/kernel/mm/transparent_hugepage/enabled is 'never'; as root: echo madvise >"
                + " /sys/kernel/mm/transparent_hugepage/enabled): the forks would run on small pages under a flag"
                + " that did nothing; drop the option or enable them",
            EnvironmentFacts.hugePagesRefusal("never", asked).orElseThrow());
        assertTrue(EnvironmentFacts.hugePagesRefusal(UNKNOWN, asked).orElseThrow()
            .contains("does not say whether it has them"));
    }
}
