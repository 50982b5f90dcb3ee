package org.rlautoscaler.common.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The launcher reads Java's version as java.specification.version gives it, old style and new. */
class LauncherTest {
    @Test
    void reads_the_feature_release_of_old_and_new_version_strings() {
        assertEquals(8, Launcher.feature("1.8"));
        assertEquals(17, Launcher.feature("17"));
        assertEquals(21, Launcher.feature("21"));
        assertEquals(25, Launcher.feature("25.0"));
        assertEquals(0, Launcher.feature("unknown"));
    }
}
