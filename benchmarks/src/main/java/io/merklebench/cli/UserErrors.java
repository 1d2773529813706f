package io.merklebench.cli;

import io.merklebench.core.changeset.ChangesetException;
import io.merklebench.core.store.StoreException;
import picocli.CommandLine;

import java.io.UncheckedIOException;

/**
 * Turns failures into one clear line on stderr and a non-zero exit: the user sees what was wrong, not a stack trace.
 * Exceptions that are not user-facing (bugs) still print their stack trace, because that is what a bug report needs.
 */
final class UserErrors implements CommandLine.IExecutionExceptionHandler {
    /** Exit code for input the user can fix: bad file, bad option, hash mismatch. */
    static final int INPUT_ERROR = 1;
    /** Exit code for a failure inside the toolkit. */
    static final int INTERNAL_ERROR = 3;

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

    private static boolean isUserFacing(final Exception exception) {
        return exception instanceof IllegalArgumentException
            || exception instanceof IllegalStateException
            || exception instanceof ChangesetException
            || exception instanceof StoreException
            || exception instanceof UncheckedIOException
            || exception instanceof java.io.IOException
            || exception instanceof UserException;
    }

    /** An error whose message is meant for the user as it is. */
    static final class UserException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserException(final String message) {
            super(message);
        }
    }
}
