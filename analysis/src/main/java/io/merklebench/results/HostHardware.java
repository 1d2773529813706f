package io.merklebench.results;

import java.util.Locale;

/**
 * The hardware a run was measured on, as far as host.properties tells it: CPU model, logical cores, memory. Two runs
 * under one label must share it, or the label no longer names one machine (a cloud VM label can land on an AMD host
 * one day and an Intel host the next). Immutable.
 *
 * <p>Memory is compared with a tolerance of {@value #MEMORY_TOLERANCE_PERCENT}%: {@code MemTotal} of the same VM
 * type moves by a few MiB between kernels and boots (reserved memory), which is not another machine.
 *
 * @param cpuModel    {@code cpu.model}, or {@link #UNKNOWN}
 * @param cpuCores    {@code cpu.cores}, or {@link #UNKNOWN}
 * @param memoryBytes {@code memory.bytes}, or {@link #UNKNOWN}
 */
public record HostHardware(String cpuModel, String cpuCores, String memoryBytes) {
    /** Shown for a fact the run did not record. */
    public static final String UNKNOWN = "unknown";
    static final double MEMORY_TOLERANCE_PERCENT = 2.0;

    /** The hardware recorded in {@code properties}. */
    public static HostHardware of(final HostProperties properties) {
        return new HostHardware(properties.getOrDefault(HostProperties.CPU_MODEL, UNKNOWN),
            properties.getOrDefault(HostProperties.CPU_CORES, UNKNOWN),
            properties.getOrDefault(HostProperties.MEMORY_BYTES, UNKNOWN));
    }

    /**
     * True if both name the same machine: equal CPU model and cores, memory within the tolerance. A fact unknown on
     * either side does not count as a difference (old runs may lack it).
     */
    public boolean sameMachineAs(final HostHardware other) {
        return sameFact(cpuModel, other.cpuModel) && sameFact(cpuCores, other.cpuCores)
            && sameMemory(memoryBytes, other.memoryBytes);
    }

    /** {@code AMD EPYC, 2 cores, 23.5 GiB}: what a listing or a warning shows. */
    public String describe() {
        return cpuModel + ", " + cpuCores + " cores, " + memoryText();
    }

    /**
     * A label for this hardware, derived from {@code baseLabel}: {@code vm-intel-xeon-2c-24g} for base {@code vm} on
     * an "Intel(R) Xeon(R) Processor" with 2 cores and 24 GiB. Only letters, digits and '-', so it is a valid label.
     */
    public String suggestLabel(final String baseLabel) {
        final String cpu = cpuModel.toLowerCase(Locale.ROOT)
            .replaceAll("\\((r|tm)\\)", "")
            .replaceAll("\\b(processor|cpu|core|with|radeon|graphics)\\b", "")
            .replaceAll("@.*$", "")
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
        final StringBuilder label = new StringBuilder(baseLabel);
        if (!cpu.isEmpty() && !UNKNOWN.equals(cpuModel)) {
            label.append('-').append(cpu);
        }
        if (!UNKNOWN.equals(cpuCores)) {
            label.append('-').append(cpuCores).append('c');
        }
        final double gib = memoryGib();
        if (!Double.isNaN(gib)) {
            label.append('-').append(Math.round(gib)).append('g');
        }
        return label.toString();
    }

    private String memoryText() {
        final double gib = memoryGib();
        return Double.isNaN(gib) ? memoryBytes + " memory" : String.format(Locale.ROOT, "%.1f GiB", gib);
    }

    private double memoryGib() {
        try {
            return Long.parseLong(memoryBytes) / (1024.0 * 1024 * 1024);
        } catch (final NumberFormatException notANumber) {
            return Double.NaN;
        }
    }

    private static boolean sameFact(final String one, final String other) {
        return UNKNOWN.equals(one) || UNKNOWN.equals(other) || one.equals(other);
    }

    private static boolean sameMemory(final String one, final String other) {
        if (UNKNOWN.equals(one) || UNKNOWN.equals(other)) {
            return true;
        }
        try {
            final double a = Long.parseLong(one);
            final double b = Long.parseLong(other);
            return Math.abs(a - b) <= Math.max(a, b) * MEMORY_TOLERANCE_PERCENT / 100;
        } catch (final NumberFormatException notANumber) {
            return one.equals(other);
        }
    }
}
