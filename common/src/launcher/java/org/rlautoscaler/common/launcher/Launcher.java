package org.rlautoscaler.common.launcher;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.jar.JarFile;

/**
 * The entry point of the services' jars. It is compiled for Java 8, so that an older Java can
 * run it and say, in one line, that the services need Java 21 or newer (otherwise
 * {@code java -jar} with Java 17 ends in an {@code UnsupportedClassVersionError} and its stack
 * trace). On Java 21 and newer it runs the service's own main class, named in the jar's
 * manifest as {@code Launcher-Main-Class}.
 */
public final class Launcher {
    /** The oldest Java the services run on. */
    static final int NEEDED = 21;

    private Launcher() {}

    public static void main(String[] args) throws Throwable {
        String version = System.getProperty("java.specification.version", "unknown");
        if (feature(version) < NEEDED) {
            System.err.println("error: needs Java " + NEEDED + " or newer; found " + version + " ("
                    + System.getProperty("java.home") + "); use ./run, or set JAVA_HOME to a JDK " + NEEDED + "+");
            System.exit(2);
        }
        Method main = Class.forName(mainClass()).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** 8 for "1.8", 17 for "17"; 0 when it cannot be read. */
    static int feature(String specificationVersion) {
        String feature = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int dot = feature.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? feature : feature.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The service's main class, from the manifest of the jar this class was loaded from. */
    private static String mainClass() throws Exception {
        File jar = new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile file = new JarFile(jar)) {
            String name = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue("Launcher-Main-Class");
            if (name == null) {
                throw new IllegalStateException(jar + " names no Launcher-Main-Class in its manifest");
            }
            return name;
        }
    }
}
