package io.merklebench.cli;

import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.hostinfo.HostFacts;
import io.merklebench.results.HostHardware;
import io.merklebench.results.RunFolder;
import io.merklebench.run.LabelHardware;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * The label a run records under, as {@code mbench run} and {@code mbench simulate} choose it: {@code --label} or the
 * host name. A label names one machine: when the default label holds runs of other hardware (a cloud VM's host name
 * outlives its hardware), this machine records under a label with its hardware appended, and says so; a given label
 * of other hardware is refused.
 */
final class HostLabelChoice {
    private HostLabelChoice() {
    }

    /** The label, valid and free of other hardware's runs under {@code resultsRoot}; notes go to {@code out}. */
    static String choose(final String givenLabel, final HostFacts facts, final HostHardware hardware,
                         final Path resultsRoot, final PrintWriter out) throws IOException {
        final String hostLabel = validLabel(givenLabel != null ? givenLabel : facts.hostname());
        String runLabel = hostLabel;
        List<LabelHardware.Mismatch> mismatches = LabelHardware.mismatches(resultsRoot.resolve(runLabel), hardware);
        if (!mismatches.isEmpty() && givenLabel == null) {
            final String suggested = RunFolder.requireValidHostLabel(hardware.suggestLabel(hostLabel));
            out.println("note: " + resultsRoot.resolve(hostLabel) + " holds runs of other hardware ("
                + mismatches.get(0).recorded().describe() + "); this machine (" + hardware.describe()
                + ") records under --label " + suggested);
            runLabel = suggested;
            mismatches = LabelHardware.mismatches(resultsRoot.resolve(runLabel), hardware);
        }
        if (!mismatches.isEmpty()) {
            throw new UserErrors.UserException(LabelHardware.refusal(runLabel, resultsRoot.resolve(runLabel), hardware,
                mismatches));
        }
        return runLabel;
    }

    /** {@code label} if it is a valid host label, else a user error naming {@code --label}. */
    static String validLabel(final String label) {
        try {
            return RunFolder.requireValidHostLabel(label);
        } catch (final IllegalArgumentException e) {
            throw new UserErrors.UserException("--label: " + e.getMessage());
        }
    }
}
