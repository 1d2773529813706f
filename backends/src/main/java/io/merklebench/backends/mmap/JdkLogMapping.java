package io.merklebench.backends.mmap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The {@code mmap} store's mapping: plain JDK {@link MappedByteBuffer}s. Absolute bulk get/put and ranged
 * {@link MappedByteBuffer#force(int, int)} (msync) are all the log needs, and they work on JDK 17 and 25 without
 * {@code --add-opens} or internal APIs. Segments are never unmapped: the JDK offers no supported unmap
 * ({@code sun.misc.Unsafe.invokeCleaner} warns on JDK 24+), so mappings go when their buffers are garbage collected.
 * Stateless and thread-safe.
 */
final class JdkLogMapping implements LogMapping {
    static final JdkLogMapping INSTANCE = new JdkLogMapping();
    private static final long PAGE_BYTES = 4096;

    private JdkLogMapping() {
    }

    @Override
    public String storeName() {
        return MmapStoreFactory.NAME;
    }

    @Override
    public String description() {
        return "append-only checksummed log in a memory-mapped file (JDK MappedByteBuffer), in-memory index;"
            + " durable commit = msync";
    }

    @Override
    public FileMapping open(final Path file, final FileChannel channel, final int segmentBytes, final boolean readOnly) {
        final FileChannel.MapMode mode = readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE;
        return new FileMapping() {
            @Override
            public long lengthUnitBytes() {
                return PAGE_BYTES;
            }

            @Override
            public Segment map(final long start, final int length) throws IOException {
                return new BufferSegment((MappedByteBuffer)channel.map(mode, start, length).order(ByteOrder.LITTLE_ENDIAN));
            }

            @Override
            public void close() {
            }
        };
    }

    private record BufferSegment(MappedByteBuffer buffer) implements Segment {
        @Override
        public int capacity() {
            return buffer.capacity();
        }

        @Override
        public void get(final int segmentOffset, final byte[] target, final int targetOffset, final int length) {
            buffer.get(segmentOffset, target, targetOffset, length);
        }

        @Override
        public void put(final int segmentOffset, final byte[] source, final int sourceOffset, final int length) {
            buffer.put(segmentOffset, source, sourceOffset, length);
        }

        @Override
        public long getLong(final int segmentOffset) {
            return buffer.getLong(segmentOffset);
        }

        @Override
        public int getInt(final int segmentOffset) {
            return buffer.getInt(segmentOffset);
        }

        @Override
        public void force(final int segmentOffset, final int length) throws IOException {
            try {
                buffer.force(segmentOffset, length);
            } catch (final UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
