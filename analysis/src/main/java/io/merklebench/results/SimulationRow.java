package io.merklebench.results;

/**
 * One row of {@code simulation.csv}: what one version of a simulated chain cost, for one engine on one store in one
 * fork (see {@link SimulationCsv} for the columns and units). Figures not measured at this version are
 * {@link Double#NaN} ({@code diskBytes} is measured every few versions; reader figures are NaN without readers;
 * kernel figures where the machine does not expose them). Immutable.
 */
public record SimulationRow(
    String engine,
    String store,
    int fork,
    long version,
    String phase,
    long keys,
    long ops,
    long sets,
    long deletes,
    double generateMillis,
    double applyMillis,
    double hashMillis,
    double saveMillis,
    double pruneMillis,
    double commitMillis,
    double leavesPerSecond,
    long syncs,
    long storeBytesWritten,
    double osReadBytes,
    double osWriteBytes,
    double heapUsedBytes,
    double rssBytes,
    double diskBytes,
    long readerGets,
    long readerMisses,
    long readerRanges,
    double readerP50Micros,
    double readerP99Micros,
    double readerMaxMicros,
    boolean pageCacheEvicted) {

    public SimulationRow {
        if (engine == null || engine.isEmpty() || store == null || store.isEmpty()) {
            throw new IllegalArgumentException("engine and store must not be empty: engine=" + engine + " store=" + store);
        }
        if (fork < 1 || version < 1) {
            throw new IllegalArgumentException("fork and version are 1-based: fork=" + fork + " version=" + version);
        }
    }
}
