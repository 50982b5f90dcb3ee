package org.rlautoscaler.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled video over real HTTP: whole, in ranges, by HEAD, and a configured file. */
class StreamingTest {
    private static TestApp app;
    private static byte[] video;

    @BeforeAll
    static void start() throws IOException {
        try (InputStream in = StreamingTest.class.getResourceAsStream("/content/video_1.mp4")) {
            video = in.readAllBytes();
        }
        app = new TestApp();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void bundled_video_is_a_real_mp4() {
        // ISO base media file: a box of type "ftyp" first.
        assertEquals("ftyp", new String(video, 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(video.length > 50_000, "a few seconds of video, got " + video.length + " bytes");
    }

    @Test
    void whole_video_without_a_range() {
        HttpResponse<byte[]> response = app.getBytes("/streaming");
        assertEquals(200, response.statusCode());
        assertEquals("video/mp4", header(response, "Content-Type"));
        assertEquals("bytes", header(response, "Accept-Ranges"));
        assertEquals(String.valueOf(video.length), header(response, "Content-Length"));
        assertArrayEquals(video, response.body());
    }

    @Test
    void first_bytes() {
        HttpResponse<byte[]> response = app.getBytes("/streaming", "Range", "bytes=0-99");
        assertEquals(206, response.statusCode());
        assertEquals("bytes 0-99/" + video.length, header(response, "Content-Range"));
        assertEquals("100", header(response, "Content-Length"));
        assertArrayEquals(Arrays.copyOfRange(video, 0, 100), response.body());
    }

    @Test
    void middle_bytes() {
        HttpResponse<byte[]> response = app.getBytes("/streaming", "Range", "bytes=1000-1999");
        assertEquals(206, response.statusCode());
        assertEquals("bytes 1000-1999/" + video.length, header(response, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(video, 1000, 2000), response.body());
    }

    @Test
    void open_ended_range_to_the_end() {
        int first = video.length - 10;
        HttpResponse<byte[]> response = app.getBytes("/streaming", "Range", "bytes=" + first + "-");
        assertEquals(206, response.statusCode());
        assertEquals("bytes " + first + "-" + (video.length - 1) + "/" + video.length, header(response, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(video, first, video.length), response.body());
    }

    @Test
    void suffix_range_gives_the_last_bytes() {
        HttpResponse<byte[]> response = app.getBytes("/streaming", "Range", "bytes=-500");
        assertEquals(206, response.statusCode());
        assertEquals("bytes " + (video.length - 500) + "-" + (video.length - 1) + "/" + video.length,
                header(response, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(video, video.length - 500, video.length), response.body());
    }

    @Test
    void range_past_the_end_is_416_with_the_length() {
        HttpResponse<String> response = app.get("/streaming", "Range", "bytes=" + video.length + "-");
        assertEquals(416, response.statusCode());
        assertEquals("bytes */" + video.length, header(response, "Content-Range"));
        assertEquals("{\"error\":\"Range not satisfiable: 'bytes=" + video.length + "-'; the video is "
                + video.length + " bytes long\"}", response.body());
    }

    @Test
    void malformed_range_is_ignored_and_the_whole_video_sent() {
        HttpResponse<byte[]> response = app.getBytes("/streaming", "Range", "bytes=abc-def");
        assertEquals(200, response.statusCode());
        assertEquals(video.length, response.body().length);
    }

    @Test
    void head_gives_the_headers_without_the_body() {
        HttpResponse<byte[]> whole = app.head("/streaming");
        assertEquals(200, whole.statusCode());
        assertEquals(String.valueOf(video.length), header(whole, "Content-Length"));
        assertEquals("bytes", header(whole, "Accept-Ranges"));
        assertEquals(0, whole.body().length);

        HttpResponse<byte[]> part = app.head("/streaming", "Range", "bytes=10-19");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 10-19/" + video.length, header(part, "Content-Range"));
        assertEquals(0, part.body().length);
    }

    @Test
    void another_video_file_by_configuration(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("other.mp4");
        byte[] bytes = new byte[300_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(file, bytes);
        try (TestApp other = new TestApp(WebConfig.defaults().withVideoFile(file))) {
            HttpResponse<byte[]> whole = other.getBytes("/streaming");
            assertArrayEquals(bytes, whole.body());
            HttpResponse<byte[]> part = other.getBytes("/streaming", "Range", "bytes=200000-270000");
            assertEquals(206, part.statusCode());
            assertArrayEquals(Arrays.copyOfRange(bytes, 200_000, 270_001), part.body());
        }
    }
}
