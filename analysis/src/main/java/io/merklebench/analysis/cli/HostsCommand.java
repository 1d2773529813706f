package io.merklebench.analysis.cli;

import io.merklebench.report.HostsListing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code mbench hosts}: lists recorded hosts and runs and warns about labels that span machines. Reads only
 * host.properties files; writes nothing.
 */
@Command(
    name = "hosts",
    mixinStandardHelpOptions = true,
    description = "List the hosts and runs recorded under a results directory, with start time, profile, commit"
        + " and key host facts (CPU, cores, memory, disk, filesystem, JVM). After the table, a warning for every"
        + " label whose runs were measured on more than one machine (CPU model, cores or memory differ), with the"
        + " run count per machine: a diff under such a label may compare two machines. Exit code 0 with warnings;"
        + " 1 when a run's host.properties cannot be read.",
    footer = {"", "Example: mbench hosts results"})
public final class HostsCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", defaultValue = "results", paramLabel = "DIR",
        description = "results directory holding <host>/<run>/ folders (default: ${DEFAULT-VALUE})")
    private Path resultsDirectory;

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        final List<String> problems = HostsListing.print(resultsDirectory, spec.commandLine().getOut());
        if (problems.isEmpty()) {
            return 0;
        }
        final PrintWriter err = spec.commandLine().getErr();
        problems.forEach(problem -> err.println("hosts: " + problem));
        err.flush();
        return UserErrors.INPUT_ERROR;
    }
}
