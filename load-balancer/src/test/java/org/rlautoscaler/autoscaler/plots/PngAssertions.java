package org.rlautoscaler.autoscaler.plots;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;

/** Checks that a file is a PNG image of a useful size. */
final class PngAssertions {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngAssertions() {
    }

    /** Asserts the file exists, starts with the PNG signature, and reads back at least 800 px wide. */
    static BufferedImage assertPng(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " was not written");
        byte[] head;
        try (InputStream in = Files.newInputStream(png)) {
            head = in.readNBytes(SIGNATURE.length);
        }
        assertArrayEquals(SIGNATURE, head, () -> png + " starts with " + Arrays.toString(head));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " cannot be read back");
        assertTrue(image.getWidth() >= 800, png + " is only " + image.getWidth() + " px wide");
        return image;
    }
}
