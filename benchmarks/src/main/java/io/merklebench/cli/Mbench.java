package io.merklebench.cli;

import io.merklebench.analysis.cli.DiffCommand;
import io.merklebench.analysis.cli.HostsCommand;
import io.merklebench.analysis.cli.PowerCommand;
import io.merklebench.analysis.cli.ReportCommand;
import io.merklebench.analysis.cli.ToolkitVersion;
import io.merklebench.analysis.cli.UserErrors;
import io.merklebench.core.changeset.ChangesetException;
import io.merklebench.core.registry.Registry;
import io.merklebench.core.store.StoreException;
import io.merklebench.core.tree.TreeEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.List;

/**
 * {@code mbench}: the command line of merkle-bench. Each subcommand is one class, in this package or (diff, report,
 * hosts, power: they need no engine, store or JMH) in the analysis module's {@code io.merklebench.analysis.cli}; add
 * a new one to the {@code subcommands} list below.
 */
@Command(
    name = "mbench",
    mixinStandardHelpOptions = true,
    versionProvider = ToolkitVersion.class,
    description = "Merkle tree layouts on real stores, measured: replay changesets, run benchmarks, compare hosts.",
    subcommands = {
        ReplayCommand.class,
        InspectCommand.class,
        VerifyCommand.class,
        RunCommand.class,
        SimulateCommand.class,
        DiffCommand.class,
        ReportCommand.class,
        HostsCommand.class,
        PowerCommand.class,
        FsyncCommand.class,
        CommandLine.HelpCommand.class
    })
public final class Mbench implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code; tests call this instead of {@link #main}. */
    public static int execute(final String... args) {
        return newCommandLine().execute(args);
    }

    static CommandLine newCommandLine() {
        final CommandLine commandLine = new CommandLine(new Mbench());
        commandLine.setExecutionExceptionHandler(new UserErrors(List.of(ChangesetException.class, StoreException.class)));
        // With --help picocli prints the usage and exits 0 even when a word was not understood ('mbench nosuch
        // --help'); an unknown command is an error whether or not help was asked for.
        commandLine.setExecutionStrategy(parseResult -> {
            if (!parseResult.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(parseResult.commandSpec().commandLine(),
                    parseResult.unmatched());
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "engines", mixinStandardHelpOptions = true,
        description = "List the tree engines on the class path, one name per line (scripts loop over them).")
    void engines(@CommandLine.Option(names = {"-l", "--long"},
                     description = "add each engine's hash scheme (iavl-v1, eth-mpt, none) and description")
                 final boolean withDescription) {
        for (final String name : Registry.engineNames()) {
            final TreeEngine engine = Registry.engine(name);
            print(name, String.format("%-8s %s", engine.hashScheme(), engine.description()), withDescription);
        }
    }

    @Command(name = "stores", mixinStandardHelpOptions = true,
        description = "List the stores on the class path, one name per line (scripts loop over them).")
    void stores(@CommandLine.Option(names = {"-l", "--long"}, description = "add each store's description")
                final boolean withDescription,
                @CommandLine.Option(names = "--engine", paramLabel = "ENGINE", completionCandidates = EngineNames.class,
                    description = "only the stores engine ENGINE can use (${COMPLETION-CANDIDATES}): every engine uses"
                        + " the key-value stores, only the paged engines the pagefile store; scripts loop over"
                        + " 'mbench stores --engine E' to run each engine on every store it accepts")
                final String engineName) {
        for (final String name : engineName == null ? Registry.storeNames() : Registry.storeNamesFor(engineName)) {
            print(name, Registry.store(name).description(), withDescription);
        }
    }

    private void print(final String name, final String description, final boolean withDescription) {
        spec.commandLine().getOut().println(withDescription ? String.format("%-10s %s", name, description) : name);
    }
}
