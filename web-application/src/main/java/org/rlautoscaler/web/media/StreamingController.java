package org.rlautoscaler.web.media;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /streaming} and {@code HEAD /streaming}: the video, with byte ranges so that
 * browsers can seek.
 *
 * <pre>
 * curl -i -r 0-99 localhost:8082/streaming     # 206, Content-Range: bytes 0-99/198725
 * curl -I localhost:8082/streaming             # headers only
 * </pre>
 */
public final class StreamingController {
    private final VideoSource video;

    public StreamingController(VideoSource video) {
        this.video = video;
    }

    public void get(Context ctx) throws IOException {
        serve(ctx, true);
    }

    public void head(Context ctx) throws IOException {
        serve(ctx, false);
    }

    private void serve(Context ctx, boolean withBody) throws IOException {
        long length = video.length();
        String rangeHeader = ctx.header("Range");
        ctx.header("Accept-Ranges", "bytes");
        switch (RangeRequest.parse(rangeHeader, length)) {
            case RangeRequest.Whole whole -> send(ctx, HttpStatus.OK, 0, length, withBody);
            case RangeRequest.Partial part -> {
                ctx.header("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + length);
                send(ctx, HttpStatus.PARTIAL_CONTENT, part.first(), part.length(), withBody);
            }
            case RangeRequest.Unsatisfiable none -> {
                ctx.header("Content-Range", "bytes */" + length);
                ctx.status(HttpStatus.RANGE_NOT_SATISFIABLE).json(Map.of("error",
                        "Range not satisfiable: '" + rangeHeader + "'; the video is " + length + " bytes long"));
            }
        }
    }

    private void send(Context ctx, HttpStatus status, long first, long count, boolean withBody) throws IOException {
        ctx.status(status).contentType("video/mp4");
        ctx.header("Content-Length", Long.toString(count));
        if (withBody) {
            video.copy(first, count, ctx.outputStream());
        }
    }
}
