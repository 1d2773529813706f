package io.merklebench.backends.mmap;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code agrona} store's mapping: segments mapped with Agrona's {@link IoUtil#mapExistingFile}, read and written
 * through an {@link UnsafeBuffer} over each (Unsafe copies to and from the mapped address), unmapped with
 * {@link IoUtil#unmap} when the store closes. {@link MappedLogFile} keeps every access inside one segment, so the
 * buffer's own bounds checks repeat its arithmetic: the JVM flags turn them off ({@code agrona.disable.bounds.checks},
 * in the parent pom's {@code mb.jvm.flags}). Agrona has no msync of its own, so a durable commit forces the range
 * through the segment's {@link MappedByteBuffer}, the call the JDK store makes.
 *
 * <p>Segments replaced by growth stay mapped until close: a reader may still be copying from one, and touching an
 * unmapped address through Unsafe would crash the JVM instead of throwing. Stateless and thread-safe; each
 * {@link FileMapping} belongs to one store.
 */
final class AgronaLogMapping implements LogMapping {
    static final String NAME = "agrona";
    static final AgronaLogMapping INSTANCE = new AgronaLogMapping();
    private static final long PAGE_BYTES = 4096;

    private AgronaLogMapping() {
    }

    @Override
    public String storeName() {
        return NAME;
    }

    @Override
    public String description() {
        return "the mmap store's checksummed log mapped with Agrona (IoUtil, UnsafeBuffer), in-memory index;"
            + " durable commit = msync";
    }

    @Override
    public FileMapping open(final Path file, final FileChannel channel, final int segmentBytes, final boolean readOnly) {
        final FileChannel.MapMode mode = readOnly ? FileChannel.MapMode.READ_ONLY : FileChannel.MapMode.READ_WRITE;
        final List<MappedByteBuffer> mapped = new ArrayList<>();
        return new FileMapping() {
            @Override
            public long lengthUnitBytes() {
                return PAGE_BYTES;
            }

            @Override
            public Segment map(final long start, final int length) {
                final MappedByteBuffer buffer = IoUtil.mapExistingFile(file.toFile(), mode, NAME + " log", start, length);
                mapped.add(buffer);
                return new UnsafeSegment(buffer, new UnsafeBuffer(buffer));
            }

            @Override
            public void close() {
                for (final MappedByteBuffer buffer : mapped) {
                    IoUtil.unmap(buffer);
                }
                mapped.clear();
            }
        };
    }

    private record UnsafeSegment(MappedByteBuffer mapping, UnsafeBuffer buffer) implements Segment {
        @Override
        public int capacity() {
            return buffer.capacity();
        }

        @Override
        public void get(final int segmentOffset, final byte[] target, final int targetOffset, final int length) {
            buffer.getBytes(segmentOffset, target, targetOffset, length);
        }

        @Override
        public void put(final int segmentOffset, final byte[] source, final int sourceOffset, final int length) {
            buffer.putBytes(segmentOffset, source, sourceOffset, length);
        }

        @Override
        public long getLong(final int segmentOffset) {
            return buffer.getLong(segmentOffset, ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public int getInt(final int segmentOffset) {
            return buffer.getInt(segmentOffset, ByteOrder.LITTLE_ENDIAN);
        }

        @Override
        public void force(final int segmentOffset, final int length) throws IOException {
            try {
                mapping.force(segmentOffset, length);
            } catch (final UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }
}
