package io.merklebench.simulate;

import com.sun.management.GcInfo;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the process holds in memory: the Java heap in use after the most recent garbage collection (the live data,
 * without the garbage a heap figure taken at any moment includes), and the resident set the kernel reports (heap,
 * native stores' caches, mapped files). NaN where the JVM or the OS does not tell.
 */
final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();

    /** Heap bytes in use just after the latest collection of any collector; NaN before the first one. */
    double heapUsedAfterLastGc() {
        GcInfo latest = null;
        for (final GarbageCollectorMXBean collector : collectors) {
            if (collector instanceof com.sun.management.GarbageCollectorMXBean withInfo) {
                final GcInfo info = withInfo.getLastGcInfo();
                if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                    latest = info;
                }
            }
        }
        if (latest == null) {
            return Double.NaN;
        }
        long used = 0;
        for (final var pool : latest.getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                final MemoryUsage usage = pool.getValue();
                used += usage.getUsed();
            }
        }
        return used;
    }

    /** VmRSS of /proc/self/status in bytes; NaN without /proc. */
    static double residentBytes() {
        try {
            for (final String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    final String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024.0;
                }
            }
        } catch (final IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
