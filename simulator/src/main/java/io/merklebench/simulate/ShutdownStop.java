package io.merklebench.simulate;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C or SIGTERM into a stop request that the work honours at its next boundary: a shutdown hook sets
 * {@link #requested()} and then holds the JVM's exit until {@link #close()} says everything measured is written (or
 * until the wait runs out). {@code mbench simulate}, each of its forks, and {@code mbench run} use one. Thread-safe.
 */
public final class ShutdownStop implements AutoCloseable {
    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    private ShutdownStop(final String threadName, final long waitSeconds, final Runnable onSignal) {
        this.hook = new Thread(() -> {
            requested.set(true);
            onSignal.run();
            try {
                written.await(waitSeconds, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
    }

    /** Installs the hook; the JVM's exit on a signal waits at most {@code waitSeconds} for {@link #close()}. */
    public static ShutdownStop install(final String threadName, final long waitSeconds) {
        return install(threadName, waitSeconds, () -> { });
    }

    /** As {@link #install(String, long)}, running {@code onSignal} as the stop is requested by a signal. */
    public static ShutdownStop install(final String threadName, final long waitSeconds, final Runnable onSignal) {
        final ShutdownStop stop = new ShutdownStop(threadName, waitSeconds, onSignal);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** Whether a stop was asked for (a signal, or {@link #request()}). */
    public boolean requested() {
        return requested.get();
    }

    /** Asks for a stop without a signal (a fork whose parent died). */
    public void request() {
        requested.set(true);
    }

    /** Everything is written: a pending exit may go on, and the hook is removed when no exit is under way. */
    @Override
    public void close() {
        written.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (final IllegalStateException shuttingDown) {
            // The hook is running (Ctrl-C) and returns now.
        }
    }
}
