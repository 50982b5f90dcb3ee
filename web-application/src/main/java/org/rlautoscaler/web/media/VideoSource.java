package org.rlautoscaler.web.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The bytes of the video: the one bundled in the jar, or a file named in the configuration. */
public sealed interface VideoSource {

    /** Length in bytes, read at each request so that a replaced file is served whole. */
    long length() throws IOException;

    /** Writes {@code count} bytes starting at {@code first} to {@code out}. */
    void copy(long first, long count, OutputStream out) throws IOException;

    /** The video bundled with the application ({@code content/video_1.mp4}), kept in memory. */
    static VideoSource bundled() {
        try (InputStream in = VideoSource.class.getResourceAsStream("/content/video_1.mp4")) {
            if (in == null) {
                throw new IllegalStateException("the bundled video content/video_1.mp4 is missing from the jar");
            }
            return new InMemory(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VideoSource file(Path path) {
        return new OnDisk(path);
    }

    record InMemory(byte[] bytes) implements VideoSource {
        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public void copy(long first, long count, OutputStream out) throws IOException {
            out.write(bytes, Math.toIntExact(first), Math.toIntExact(count));
        }
    }

    record OnDisk(Path path) implements VideoSource {
        @Override
        public long length() throws IOException {
            return Files.size(path);
        }

        @Override
        public void copy(long first, long count, OutputStream out) throws IOException {
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                WritableByteChannel target = Channels.newChannel(out);
                ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
                long position = first;
                long remaining = count;
                while (remaining > 0) {
                    buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                    int read = channel.read(buffer, position);
                    if (read < 0) {
                        throw new IOException(path + " became shorter while it was being sent");
                    }
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        target.write(buffer);
                    }
                    position += read;
                    remaining -= read;
                }
            }
        }
    }
}
