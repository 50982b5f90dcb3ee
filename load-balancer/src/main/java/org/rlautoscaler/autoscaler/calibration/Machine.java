package org.rlautoscaler.autoscaler.calibration;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine a calibration ran on, in one line for a model's provenance: host, CPU, cores, OS, Java, load. */
public final class Machine {
    private Machine() {}

    public static String describe() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown host";
        }
        // The machine's cores, not this process's share of them (taskset, a container's limit).
        String cpu = "";
        String cores = Runtime.getRuntime().availableProcessors() + " cores for calibrate";
        try {
            java.util.List<String> info = Files.readAllLines(Path.of("/proc/cpuinfo"));
            cpu = info.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip() + ", ").orElse("");
            long processors = info.stream().filter(l -> l.startsWith("processor")).count();
            if (processors > 0) {
                cores = processors + " cores";
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the rest still says enough
        }
        String load = "";
        try {
            load = ", load average " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return String.format(Locale.ROOT, "%s: %s%s, %s %s, Java %s%s", host, cpu, cores, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"), load);
    }
}
