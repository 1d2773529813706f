package io.merklebench.backends.leveldb;

import io.merklebench.core.store.DiskSpace;

import java.nio.file.Path;

/**
 * The free space LevelDB must find before a commit (or an open), so that it never runs out in the middle of a write.
 *
 * <p>Why a reserve and not just the error: LevelDB 1.8 (the native library in leveldbjni-all) writes every file,
 * logs and tables alike, through a memory mapping it extends with {@code ftruncate} ({@code PosixMmapFile}), so a full
 * disk is not an error it can return but a {@code SIGBUS} that kills the JVM (exit 134, an {@code hs_err} file). And
 * much of what it writes is not this commit: a background thread flushes memtables and compacts tables at any time
 * after it. So each commit asks for room for the most all of that can need, at once:
 * <ul>
 *   <li>twice the batch's log record: it is written to the log now and to a level-0 table at the next flush;</li>
 *   <li>twice {@code writeBufferBytes}: the flush of a full memtable into a level-0 table (a table holds about what
 *       its memtable held) while the next memtable fills its new log;</li>
 *   <li>the output of one compaction: LevelDB runs one at a time, and its output is at most its input (the same
 *       entries less the overwritten and deleted ones, compressed alike), which is at most the tables there are,
 *       and with the default options at most {@link #compactionCapBytes}: a level-0 compaction takes at most the 12
 *       level-0 tables LevelDB allows before it stops writes plus the level-1 tables they overlap (level 1 is kept
 *       near 10 MiB), a deeper one is limited to 25 tables of 2 MiB;</li>
 *   <li>{@value #FIXED_BYTES} bytes for the rest: the mapped chunk a log is extended by ahead of its data (up to
 *       1 MiB), the {@code MANIFEST} record of a flush or compaction, the {@code LOG} info file.</li>
 * </ul>
 * The tables are only listed when the disk is close to that bound with the cap in place of them, so a commit on a
 * roomy disk costs one {@code statvfs}. What this cannot rule out: another process filling the disk between the check
 * and LevelDB's write. Thread-safe (immutable).
 */
final class LevelDbSpaceReserve {
    private static final long FIXED_BYTES = 2L << 20;
    private static final int MAX_LEVEL0_TABLES = 12;
    private static final long LEVEL1_BYTES = 10L << 20;
    private static final long EXPANDED_COMPACTION_BYTES = 25L * (2L << 20);

    private final Path directory;
    private final DiskSpace space;
    private final long writeBufferBytes;

    LevelDbSpaceReserve(final Path directory, final long writeBufferBytes) {
        this.directory = directory.toAbsolutePath();
        this.space = DiskSpace.of(this.directory);
        this.writeBufferBytes = writeBufferBytes;
    }

    DiskSpace space() {
        return space;
    }

    /** Before a commit whose log record is {@code logBytes}: throws {@link io.merklebench.core.store.NoSpaceException}. */
    void beforeCommit(final long logBytes, final int operations) {
        require(2 * logBytes, "a leveldb commit of " + operations + " operations (" + logBytes + " log bytes)");
    }

    /**
     * Before an open: LevelDB turns the logs it finds into level-0 tables, writes a new {@code MANIFEST} and log, and
     * may compact, all before it returns.
     */
    void beforeOpen() {
        require(2 * DiskSpace.bytesOfFiles(directory, "\\d+\\.log"), "opening leveldb (its logs become tables)");
    }

    /** What {@link #beforeCommit} asks for with {@code logBytes} of writing, for messages. */
    long neededFor(final long logBytes) {
        return 2 * logBytes + backgroundBytes(Math.min(compactionCapBytes(), tableBytes()));
    }

    private void require(final long ownBytes, final String forWhat) {
        final long bound = ownBytes + backgroundBytes(compactionCapBytes());
        if (space.usableBytes() >= bound) {
            return;
        }
        final long compaction = Math.min(compactionCapBytes(), tableBytes());
        space.require(ownBytes + backgroundBytes(compaction), forWhat + " with its reserve for a memtable flush and a"
            + " compaction of " + compaction + " bytes");
    }

    private long backgroundBytes(final long compactionBytes) {
        return 2 * writeBufferBytes + compactionBytes + FIXED_BYTES;
    }

    private long compactionCapBytes() {
        return Math.max(EXPANDED_COMPACTION_BYTES, MAX_LEVEL0_TABLES * writeBufferBytes + LEVEL1_BYTES);
    }

    private long tableBytes() {
        return DiskSpace.bytesOfFiles(directory, "\\d+\\.(sst|ldb)");
    }
}
