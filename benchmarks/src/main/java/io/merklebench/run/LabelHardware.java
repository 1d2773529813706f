package io.merklebench.run;

import io.merklebench.results.HostHardware;
import io.merklebench.results.HostProperties;
import io.merklebench.results.RunFolder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One label, one machine: the runs under {@code results/<label>/} whose hardware ({@link HostHardware}: CPU model,
 * cores, memory) differs from this machine's. {@code mbench diff vm-a vm-b} compares the newest runs of two labels
 * as two machines; a label that held an AMD host's runs and then an Intel host's would compare neither. Run folders
 * without a readable host.properties (a run stopped before writing it) are left out. Stateless.
 */
public final class LabelHardware {
    /** A recorded run on other hardware, and which facts differ. */
    public record Mismatch(String runName, HostHardware recorded, List<String> differingFacts) {
    }

    private LabelHardware() {
    }

    /** The runs of {@code hostDirectory} recorded on hardware other than {@code here}, by folder name. */
    public static List<Mismatch> mismatches(final Path hostDirectory, final HostHardware here) throws IOException {
        final List<Mismatch> mismatches = new ArrayList<>();
        if (!Files.isDirectory(hostDirectory)) {
            return mismatches;
        }
        final List<Path> runs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(hostDirectory)) {
            for (final Path entry : entries) {
                if (Files.isDirectory(entry) && RunFolder.isRunFolderName(entry.getFileName().toString())
                    && Files.isRegularFile(entry.resolve(HostProperties.FILE_NAME))) {
                    runs.add(entry);
                }
            }
        }
        runs.sort(null);
        for (final Path run : runs) {
            final HostHardware recorded;
            try {
                recorded = HostHardware.of(HostProperties.read(run.resolve(HostProperties.FILE_NAME)));
            } catch (final IllegalArgumentException unreadable) {
                continue;
            }
            if (!recorded.sameMachineAs(here)) {
                mismatches.add(new Mismatch(run.getFileName().toString(), recorded, differingFacts(recorded, here)));
            }
        }
        return mismatches;
    }

    /**
     * {@code --label vm: results/vm holds runs recorded on other hardware: 20261123T162225Z, ... (7 runs on AMD EPYC,
     * 2 cores, 23.5 GiB; cpu.model differs) ...; a label names one machine: give this one its own, e.g. --label X}.
     */
    public static String refusal(final String label, final Path hostDirectory, final HostHardware here,
                                 final List<Mismatch> mismatches) {
        final Map<String, List<String>> runsByHardware = new LinkedHashMap<>();
        for (final Mismatch mismatch : mismatches) {
            runsByHardware.computeIfAbsent(mismatch.recorded().describe() + "; "
                + String.join(", ", mismatch.differingFacts()) + " differ" + (mismatch.differingFacts().size() == 1
                ? "s" : ""), key -> new ArrayList<>()).add(mismatch.runName());
        }
        final List<String> groups = new ArrayList<>();
        runsByHardware.forEach((hardware, runs) -> groups.add(String.join(", ", runs) + " (" + runs.size() + " run"
            + (runs.size() == 1 ? "" : "s") + " on " + hardware + ")"));
        return "--label " + label + ": " + hostDirectory + " holds runs recorded on other hardware than this machine ("
            + here.describe() + "): " + String.join("; ", groups) + ". A label names one machine, so that diff and"
            + " report compare machines: give this one its own, e.g. --label " + here.suggestLabel(label);
    }

    private static List<String> differingFacts(final HostHardware recorded, final HostHardware here) {
        final String unknown = HostHardware.UNKNOWN;
        final List<String> facts = new ArrayList<>();
        if (!new HostHardware(recorded.cpuModel(), unknown, unknown)
            .sameMachineAs(new HostHardware(here.cpuModel(), unknown, unknown))) {
            facts.add(HostProperties.CPU_MODEL);
        }
        if (!new HostHardware(unknown, recorded.cpuCores(), unknown)
            .sameMachineAs(new HostHardware(unknown, here.cpuCores(), unknown))) {
            facts.add(HostProperties.CPU_CORES);
        }
        if (!new HostHardware(unknown, unknown, recorded.memoryBytes())
            .sameMachineAs(new HostHardware(unknown, unknown, here.memoryBytes()))) {
            facts.add(HostProperties.MEMORY_BYTES);
        }
        return facts;
    }
}
