package org.rlautoscaler.autoscaler.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The stack's images for the end-to-end tests, built offline from the local JDK and Debian's binaries. */
final class StackImages {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private StackImages() {}

    static synchronized void build() throws Exception {
        Process process = new ProcessBuilder(ROOT.resolve("scripts/build-images.sh").toString(), "--offline")
                .directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(15, TimeUnit.MINUTES), "image build took too long");
        assertEquals(0, process.exitValue(), "scripts/build-images.sh failed:\n" + output);
    }
}
