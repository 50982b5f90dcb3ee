package org.rlautoscaler.web.work;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code GET /test}: a request that costs CPU, by default the configured amount
 * ({@code WORK_MS}); {@code ?ms=N} asks for another amount, from 0 to 10000 ms.
 *
 * <pre>
 * curl localhost:8082/test          # {"work_ms":5.0,"checksum":...}
 * curl localhost:8082/test?ms=50
 * </pre>
 */
public final class WorkController {
    static final double MAX_MILLIS = 10_000;
    private final double defaultMillis;

    public WorkController(double defaultMillis) {
        this.defaultMillis = defaultMillis;
    }

    public void get(Context ctx) {
        double millis = millis(ctx.queryParam("ms"));
        long checksum = CpuWork.burn(millis);
        ctx.json(Map.of("work_ms", millis, "checksum", checksum));
    }

    private double millis(String requested) {
        if (requested == null) {
            return defaultMillis;
        }
        try {
            double millis = Double.parseDouble(requested);
            if (millis >= 0 && millis <= MAX_MILLIS) {
                return millis;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequestResponse("Invalid value for query parameter ms: '" + requested
                + "'; accepted: a number of milliseconds from 0 to 10000");
    }
}
