package org.rlautoscaler.autoscaler.live;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.safety.SafetyReason;

/**
 * The live loop's history, one CSV line per period, appended and flushed line by line, so that a
 * crash loses at most the line being written. A new file gets the header.
 */
final class LiveHistory implements AutoCloseable {
    static final String HEADER = "time,desired,running,cpu_usage,ram_usage,replica_cpu,request_rate,mean_latency_ms,"
            + "p95_latency_ms,wanted,applied,action,reason,random,reward,q_value,epsilon";
    private final Writer out;

    private LiveHistory(Writer out) {
        this.out = out;
    }

    static LiveHistory open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh) {
            out.write(HEADER + "\n");
            out.flush();
        }
        return new LiveHistory(out);
    }

    void append(Instant time, Observation o, int wanted, int applied, String action, SafetyReason reason, boolean random,
                double reward, double qValue, double epsilon) throws IOException {
        out.write(String.format(Locale.ROOT, "%s,%d,%d,%.2f,%.2f,%.4f,%.3f,%.2f,%.2f,%d,%d,%s,%s,%s,%.3f,%.4f,%.4f\n",
                time, o.desiredReplicas(), o.runningReplicas(), o.cpuUsage(), o.ramUsage(), o.replicaCpuUtilisation(),
                o.requestRate(), o.meanLatencyMs(), o.p95LatencyMs(), wanted, applied, action, reason, random, reward,
                qValue, epsilon));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
