package io.mosaic.runtime.data.export;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A file laid out before its payloads are computed: framing bytes, written as they come, around payload regions
 * whose lengths are known in advance and whose bytes are filled in later.
 */
final class FileLayout {

    /** Framing bytes and the position they go to. */
    private record Segment(long position, byte[] bytes) {
    }

    private final List<Segment> segments = new ArrayList<>();
    private final Framing framing = new Framing();
    private long framingStart;

    /** Where framing goes next. */
    Framing framing() {
        return framing;
    }

    /** The position of the next byte. */
    long position() {
        return framingStart + framing.size();
    }

    /** Reserves {@code length} bytes for a payload at the current position and returns where it starts. */
    long reserve(long length) {
        endSegment();
        long start = framingStart;
        framingStart += length;
        return start;
    }

    /** Writes the framing laid out so far at its positions; payload regions stay to be filled. */
    void writeFraming(FileChannel channel) throws IOException {
        endSegment();
        for (Segment segment : segments) {
            writeAt(channel, ByteBuffer.wrap(segment.bytes()), segment.position());
        }
        segments.clear();
    }

    private void endSegment() {
        byte[] bytes = framing.take();
        segments.add(new Segment(framingStart, bytes));
        framingStart += bytes.length;
    }

    /** Writes all of {@code buffer} at {@code position}. */
    static void writeAt(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }
}
