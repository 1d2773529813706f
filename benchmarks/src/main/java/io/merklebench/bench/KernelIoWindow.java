package io.merklebench.bench;

import io.merklebench.hostinfo.KernelIoCounters;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The kernel's I/O counters ({@link KernelIoCounters}) over one measured iteration, for the {@code @AuxCounters}
 * states: {@link #start} at the iteration's setup (after any untimed reset), {@link #stop} at its teardown, both
 * outside the timed region; the figures are the differences. JMH reads aux counters only after every teardown of the
 * iteration (and, after the last one, after the trial teardown that closes the stores), so stopping at the
 * iteration teardown keeps the closing of a store out of the last iteration's figures.
 *
 * <p>Every figure is process-wide or device-wide, not per thread, so only the thread with index 0 reports them; the
 * others report 0, and JMH's sum over threads is the process's figure. A figure the machine does not expose, or one
 * not measured (no {@link #start}), is NaN: mbench run leaves its column empty instead of writing a 0 that looks
 * measured. Not thread-safe: one per benchmark thread.
 */
public final class KernelIoWindow {
    private final KernelIoCounters.Totals atStart = new KernelIoCounters.Totals();
    private final KernelIoCounters.Totals atEnd = new KernelIoCounters.Totals();
    private KernelIoCounters counters;
    private boolean reporting = true;
    private boolean measured;

    /** Only thread 0 reports the shared figures (JMH sums secondary results over threads). */
    public void reportAsThread(final int threadIndex) {
        reporting = threadIndex == 0;
    }

    /**
     * Starts the window; the first call finds the disk holding the {@code dataDirectory} (mountinfo and sysfs, read
     * once per trial).
     */
    public void start(final Supplier<Path> dataDirectory) {
        if (counters == null) {
            counters = KernelIoCounters.ofThisProcess(dataDirectory.get());
        }
        counters.readInto(atStart);
        measured = false;
    }

    /** Ends the window; without a {@link #start} before it, nothing is measured. */
    public void stop() {
        if (counters != null) {
            counters.readInto(atEnd);
            measured = true;
        }
    }

    /** Bytes of page cache the process dirtied in the window ({@code /proc/self/io} write_bytes). */
    public double processWriteBytes() {
        return reporting ? delta(atStart.processWriteBytes(), atEnd.processWriteBytes()) : 0;
    }

    /** Bytes the data directory's disk wrote in the window, device-wide. */
    public double deviceWriteBytes() {
        return reporting
            ? delta(atStart.deviceSectorsWritten(), atEnd.deviceSectorsWritten()) * KernelIoCounters.SECTOR_BYTES : 0;
    }

    /** Flush requests the data directory's disk completed in the window, device-wide. */
    public double deviceFlushes() {
        return reporting ? delta(atStart.deviceFlushes(), atEnd.deviceFlushes()) : 0;
    }

    /** NaN when either end is not exposed, or the counter went backwards (a device removed and re-added). */
    private double delta(final long start, final long end) {
        if (!measured || start == KernelIoCounters.NOT_EXPOSED || end == KernelIoCounters.NOT_EXPOSED || end < start) {
            return Double.NaN;
        }
        return end - start;
    }
}
