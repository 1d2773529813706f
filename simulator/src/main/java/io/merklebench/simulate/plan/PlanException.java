package io.merklebench.simulate.plan;

/**
 * A plan that cannot be run: unreadable, malformed JSON, an unknown field or a value out of range. The message names
 * the file and the JSON path of the problem ({@code $.phases[1].versions}), so it can be printed as it is.
 */
public final class PlanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlanException(final String message) {
        super(message);
    }

    public PlanException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
