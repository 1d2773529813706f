package io.merklebench.analysis.cli;

import picocli.CommandLine;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns failures into one clear line on stderr and a non-zero exit: the user sees what was wrong, not a stack trace.
 * Exceptions that are not user-facing (bugs) still print their stack trace, because that is what a bug report needs.
 * The command line that holds more commands (the full {@code mbench}) names its own user-facing exception types
 * (a changeset or store error) on top of the common ones.
 */
public final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    /** Exit code for input the user can fix: bad file, bad option, hash mismatch. */
    public static final int INPUT_ERROR = 1;
    /** Exit code for a failure inside the toolkit. */
    public static final int INTERNAL_ERROR = 3;
    /**
     * Exit code of {@code diff} when no row was in every run (no rows in common, or a {@code --filter} that matches
     * none): a gate such as {@code --fail-above} must not pass on a comparison that compared nothing.
     */
    public static final int NOTHING_COMPARED = 4;

    private static final List<Class<? extends Exception>> COMMON_USER_FACING = List.of(
        IllegalArgumentException.class, IllegalStateException.class, UncheckedIOException.class,
        java.io.IOException.class, UserException.class);

    private final List<Class<? extends Exception>> userFacing;

    /** Common user-facing exceptions only: what {@code diff}, {@code report} and {@code hosts} throw. */
    public UserErrors() {
        this(List.of());
    }

    /** @param moreUserFacing exception types whose message is meant for the user, beyond the common ones */
    public UserErrors(final List<Class<? extends Exception>> moreUserFacing) {
        final List<Class<? extends Exception>> types = new ArrayList<>(COMMON_USER_FACING);
        types.addAll(moreUserFacing);
        this.userFacing = List.copyOf(types);
    }

    @Override
    public int handleExecutionException(
        final Exception exception, final CommandLine commandLine, final CommandLine.ParseResult parseResult) {
        final String command = commandLine.getCommandName();
        if (isUserFacing(exception)) {
            commandLine.getErr().println(command + ": " + exception.getMessage());
            return INPUT_ERROR;
        }
        commandLine.getErr().println(command + ": internal error: " + exception);
        exception.printStackTrace(commandLine.getErr());
        return INTERNAL_ERROR;
    }

    private boolean isUserFacing(final Exception exception) {
        for (final Class<? extends Exception> type : userFacing) {
            if (type.isInstance(exception)) {
                return true;
            }
        }
        return false;
    }

    /** An error whose message is meant for the user as it is. */
    public static final class UserException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserException(final String message) {
            super(message);
        }
    }
}
