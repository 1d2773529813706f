package io.merklebench.analysis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The analysis commands on their own ({@code mbench-analysis.jar}): compare, report and list recorded runs, and
 * estimate what a run's noise lets a diff detect. This jar holds no engine, store, JMH class or native library, so a
 * user diffing CSVs on a laptop needs only a JDK. The full {@code mbench} carries the same commands;
 * {@code ./mbench diff|report|hosts|power} runs them from this jar.
 */
@Command(
    name = "mbench",
    mixinStandardHelpOptions = true,
    versionProvider = ToolkitVersion.class,
    description = "Compare, report, list and size recorded merkle-bench runs (the analysis commands of mbench).",
    subcommands = {
        DiffCommand.class,
        ReportCommand.class,
        HostsCommand.class,
        PowerCommand.class,
        CommandLine.HelpCommand.class
    })
public final class MbenchAnalysis implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(final String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with the toolkit's error handling; tests run commands through this. */
    public static CommandLine newCommandLine() {
        final CommandLine commandLine = new CommandLine(new MbenchAnalysis());
        commandLine.setExecutionExceptionHandler(new UserErrors());
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
