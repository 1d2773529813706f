package io.merklebench.cli;

import io.merklebench.core.verify.VerifyProgress;

import java.io.PrintWriter;

/**
 * Prints a verification's progress to stderr at most every {@code intervalNanos}, so a walk of a million nodes shows
 * it is moving without flooding the terminal; a small store, checked before the first interval ends, prints nothing.
 * Not thread-safe: the verification calls it from one thread.
 */
final class VerifyProgressPrinter implements VerifyProgress {
    private final PrintWriter err;
    private final String unit;
    private final long intervalNanos;
    private long nextPrintNanos;

    /** @param intervalNanos 0 or less prints nothing */
    VerifyProgressPrinter(final PrintWriter err, final String unit, final long intervalNanos) {
        this.err = err;
        this.unit = unit;
        this.intervalNanos = intervalNanos;
        this.nextPrintNanos = System.nanoTime() + intervalNanos;
    }

    @Override
    public void checked(final long checked, final long total) {
        final long now = System.nanoTime();
        if (intervalNanos <= 0 || now - nextPrintNanos < 0) {
            return;
        }
        nextPrintNanos = now + intervalNanos;
        err.println("verify: " + checked + (total > 0
            ? " of " + total + " " + unit + " checked (" + Math.min(100, 100 * checked / total) + "%)"
            : " " + unit + " checked"));
        err.flush();
    }
}
