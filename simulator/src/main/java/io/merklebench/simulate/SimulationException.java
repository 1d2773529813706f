package io.merklebench.simulate;

/**
 * A simulation that cannot go on: an engine or store gave a wrong answer (an insert that found its fresh key, an
 * update or delete or get that did not find a live key), or a resource failed. The message names the engine, the
 * store, the version and the key, so it can be printed as it is.
 */
public final class SimulationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulationException(final String message) {
        super(message);
    }

    public SimulationException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
