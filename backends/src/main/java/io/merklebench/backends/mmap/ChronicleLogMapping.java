package io.merklebench.backends.mmap;

import net.openhft.chronicle.bytes.MappedBytesStore;
import net.openhft.chronicle.bytes.MappedFile;
import net.openhft.chronicle.core.io.ReferenceOwner;
import net.openhft.posix.MSyncFlag;
import net.openhft.posix.PosixAPI;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code chronicle} store's mapping: Chronicle Bytes' {@link MappedFile} in chunks of the segment size (no
 * overlap), each chunk a {@link MappedBytesStore} read and written at absolute file offsets, and msync through
 * Chronicle's own {@link PosixAPI} on the chunk's address. Chronicle maps whole chunks only and extends the file to
 * each chunk's end itself, so the log's length is kept a multiple of the segment: the store allocates the whole
 * chunk on disk before Chronicle maps it, as for the other mappings.
 *
 * <p>Not {@link MappedBytesStore#syncUpTo}: it only ever msyncs forward from the highest position it synced, so after
 * recovery zeroed a torn tail, records appended into that range would not be synced again.
 *
 * <p>Chronicle checks that one thread uses each object; the store opens on one thread, commits on another and reads
 * on many (under its own locks), so the check is turned off on the file and its chunks. Chronicle reads and writes in
 * native byte order; the log is little-endian, which the longs and ints read here are turned into on a big-endian
 * machine. Stateless and thread-safe; each {@link FileMapping} belongs to one store.
 */
final class ChronicleLogMapping implements LogMapping {
    static final String NAME = "chronicle";
    static final ChronicleLogMapping INSTANCE = new ChronicleLogMapping();
    private static final long PAGE_BYTES = 4096;
    private static final boolean NATIVE_LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    /**
     * Chronicle reports each new mapping at INFO ("Took 2 ms to add mapping for ..."), once per chunk: noise in a
     * benchmark's output, so only its warnings are shown. Held here because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger CHRONICLE_LOG = quietChronicleLog();

    private ChronicleLogMapping() {
    }

    private static java.util.logging.Logger quietChronicleLog() {
        final java.util.logging.Logger logger = java.util.logging.Logger.getLogger("net.openhft");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    @Override
    public String storeName() {
        return NAME;
    }

    @Override
    public String description() {
        return "the mmap store's checksummed log mapped with Chronicle Bytes (MappedFile chunks), in-memory index;"
            + " durable commit = msync";
    }

    @Override
    public FileMapping open(final Path file, final FileChannel channel, final int segmentBytes, final boolean readOnly)
        throws IOException {
        final MappedFile mappedFile = MappedFile.of(file.toFile(), segmentBytes, 0, readOnly);
        mappedFile.singleThreadedCheckDisabled(true);
        final ReferenceOwner owner = ReferenceOwner.temporary(NAME + " log " + file);
        final List<MappedBytesStore> chunks = new ArrayList<>();
        return new FileMapping() {
            @Override
            public long lengthUnitBytes() {
                return segmentBytes;
            }

            @Override
            public Segment map(final long start, final int length) throws IOException {
                final MappedBytesStore chunk = mappedFile.acquireByteStore(owner, start);
                chunk.singleThreadedCheckDisabled(true);
                chunks.add(chunk);
                return new ChunkSegment(chunk, start, segmentBytes);
            }

            @Override
            public void close() {
                for (final MappedBytesStore chunk : chunks) {
                    chunk.release(owner);
                }
                chunks.clear();
                mappedFile.close();
            }
        };
    }

    private record ChunkSegment(MappedBytesStore chunk, long start, int capacity) implements Segment {
        @Override
        public void get(final int segmentOffset, final byte[] target, final int targetOffset, final int length) {
            chunk.read(start + segmentOffset, target, targetOffset, length);
        }

        @Override
        public void put(final int segmentOffset, final byte[] source, final int sourceOffset, final int length) {
            chunk.write(start + segmentOffset, source, sourceOffset, length);
        }

        @Override
        public long getLong(final int segmentOffset) {
            final long value = chunk.readLong(start + segmentOffset);
            return NATIVE_LITTLE_ENDIAN ? value : Long.reverseBytes(value);
        }

        @Override
        public int getInt(final int segmentOffset) {
            final int value = chunk.readInt(start + segmentOffset);
            return NATIVE_LITTLE_ENDIAN ? value : Integer.reverseBytes(value);
        }

        @Override
        public void force(final int segmentOffset, final int length) throws IOException {
            // msync wants a page-aligned address: start at the page that holds the first byte.
            final long address = chunk.addressForRead(start + segmentOffset);
            final long pageAddress = address & -PAGE_BYTES;
            final PosixAPI posix = PosixAPI.posix();
            if (posix.msync(pageAddress, length + (address - pageAddress), MSyncFlag.MS_SYNC) != 0) {
                throw new IOException("msync failed: " + posix.lastErrorStr());
            }
        }
    }
}
