package io.merklebench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Where a command records its runs and where its stores write: {@code --label}, {@code --out} and
 * {@code --data-dir}, shared by {@code mbench run} and {@code mbench simulate} as a picocli mixin.
 */
final class ResultsLocation {
    @Option(names = "--label", paramLabel = "HOST",
        description = "host folder name (default: this host's name, or, when results/<host name>/ already holds runs"
            + " of other hardware, that name with this machine's hardware appended, e.g. vm-intel-xeon-2c-24g). A label"
            + " names one machine: a given label whose runs were recorded on other hardware (cpu model, cores,"
            + " memory) is refused with a suggestion for this machine; there is no override, pick another label")
    String label;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR",
        description = "folder of host folders (default: ${DEFAULT-VALUE} under the current directory)")
    Path out;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "where the stores write, on the disk to"
        + " measure (default: inside the run folder); a fresh subfolder is used and deleted when done")
    Path dataDir;
}
