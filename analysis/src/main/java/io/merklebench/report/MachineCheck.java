package io.merklebench.report;

import io.merklebench.results.HostHardware;
import io.merklebench.results.HostProperties;
import io.merklebench.results.ResultsFormatException;
import io.merklebench.results.RunFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tells when runs that are compared, or the runs recorded under one label, were measured on different machines
 * ({@link HostHardware}): a label that once named an AMD host and now an Intel host compares two machines while its
 * name says one. Used by {@code diff}, the report and {@code hosts}. Stateless.
 */
final class MachineCheck {
    private MachineCheck() {
    }

    /** The machines of the runs in {@code hostFolder} (a label's folder), each with its run count, first seen first. */
    static Map<HostHardware, Integer> machinesOfLabel(final Path hostFolder) {
        final List<HostHardware> seen = new ArrayList<>();
        final Map<HostHardware, Integer> counts = new LinkedHashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(hostFolder, Files::isDirectory)) {
            final List<Path> runs = new ArrayList<>();
            entries.forEach(runs::add);
            runs.sort(null);
            for (final Path run : runs) {
                final Path hostFile = run.resolve(HostProperties.FILE_NAME);
                if (!RunFolder.isRunFolderName(run.getFileName().toString()) || !Files.isRegularFile(hostFile)) {
                    continue;
                }
                final HostHardware hardware;
                try {
                    hardware = HostHardware.of(HostProperties.read(hostFile));
                } catch (final ResultsFormatException unreadable) {
                    continue; // hosts lists unreadable runs itself
                }
                final HostHardware same = seen.stream().filter(hardware::sameMachineAs).findFirst().orElse(null);
                if (same == null) {
                    seen.add(hardware);
                    counts.put(hardware, 1);
                } else {
                    counts.merge(same, 1, Integer::sum);
                }
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("could not list host folder: " + hostFolder, e);
        }
        return counts;
    }

    /** {@code runs on 2 machines: AMD EPYC, 2 cores, 23.5 GiB (7 runs); Intel ... (1 run)}. */
    static String describeMachines(final Map<HostHardware, Integer> machines) {
        final StringBuilder text = new StringBuilder("runs on " + machines.size() + " machines: ");
        String separator = "";
        for (final Map.Entry<HostHardware, Integer> machine : machines.entrySet()) {
            text.append(separator).append(machine.getKey().describe()).append(" (").append(machine.getValue())
                .append(machine.getValue() == 1 ? " run)" : " runs)");
            separator = "; ";
        }
        return text.toString();
    }

    /**
     * Warnings for a diff of {@code runs}: one if the runs themselves are on different machines, one per label whose
     * folder holds runs of more than one machine.
     */
    static List<String> warnings(final List<RunFolder> runs) {
        final List<String> warnings = new ArrayList<>();
        final HostHardware first = HostHardware.of(runs.get(0).hostProperties());
        boolean differ = false;
        for (final RunFolder run : runs) {
            differ |= !first.sameMachineAs(HostHardware.of(run.hostProperties()));
        }
        if (differ) {
            final StringBuilder text = new StringBuilder("the runs were measured on different machines:");
            for (int index = 0; index < runs.size(); index++) {
                text.append(index == 0 ? " " : "; ").append(RunDiff.sideLabel(index)).append(": ")
                    .append(HostHardware.of(runs.get(index).hostProperties()).describe());
            }
            warnings.add(text.append(" (a difference may be the machine, not the code)").toString());
        }
        final Set<Path> hostFolders = new LinkedHashSet<>();
        for (final RunFolder run : runs) {
            final Path parent = run.directory().getParent();
            if (parent != null) {
                hostFolders.add(parent);
            }
        }
        for (final Path hostFolder : hostFolders) {
            final Map<HostHardware, Integer> machines = machinesOfLabel(hostFolder);
            if (machines.size() > 1) {
                warnings.add("label " + hostFolder.getFileName() + " " + describeMachines(machines)
                    + ": one label should name one machine");
            }
        }
        return List.copyOf(warnings);
    }
}
