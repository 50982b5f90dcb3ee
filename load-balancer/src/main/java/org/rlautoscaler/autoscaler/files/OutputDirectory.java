package org.rlautoscaler.autoscaler.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.rlautoscaler.common.config.InvalidSettingException;

/**
 * A directory a run writes into, checked and claimed before the run starts its work: it exists
 * or is created, can be written, has no directory where a file of the run will go, and no other
 * run uses it (a lock on {@value #LOCK_FILE}, which the system releases when a run dies, so a
 * killed run leaves no lock behind). Once claimed, the temporary files of a save that a killed
 * run left are removed. Closing releases the claim.
 */
public final class OutputDirectory implements AutoCloseable {
    /** The lock file, holding the process id of the run that holds it. */
    public static final String LOCK_FILE = ".lock";
    /** A temporary file of {@link AtomicFiles#write}. */
    private static final Pattern LEFTOVER = Pattern.compile("\\..+[0-9]+\\.tmp");

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputDirectory(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Checks {@code directory} for a run that will write {@code files} in it, and claims it.
     *
     * @param setting the setting that named it, for errors (for example {@code --out})
     * @throws InvalidSettingException naming {@code setting} when the directory cannot be used
     */
    public static OutputDirectory claim(String setting, Path directory, List<String> files) {
        if (directory.toString().isBlank()) {
            throw new InvalidSettingException(setting, directory, "a directory (an empty path names none; . is this one)");
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new InvalidSettingException(setting, directory, "a directory, or a path where one can be created ("
                    + directory + " is a file)");
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new InvalidSettingException(setting, directory, "a directory that exists or can be created (" + e + ")");
        }
        for (String name : files) {
            Path file = directory.resolve(name);
            if (Files.isDirectory(file)) {
                throw new InvalidSettingException(setting, directory, "a directory where " + name + " can be written ("
                        + file + " is a directory)");
            }
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InvalidSettingException(setting, directory, "a writable directory (" + e + ")");
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) { // a run of this process holds it
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new InvalidSettingException(setting, directory, "a directory no other run is using (process "
                        + holder + " holds " + directory.resolve(LOCK_FILE) + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)),
                    0);
            channel.force(false);
            OutputDirectory claimed = new OutputDirectory(directory, channel, lock);
            claimed.removeLeftovers();
            return claimed;
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the first error says it
            }
            throw new InvalidSettingException(setting, directory, "a writable directory (" + e + ")");
        }
    }

    /**
     * Checks, before the work, that a run can write {@code file} at its end: not a directory, in a
     * directory that exists or can be created and can be written.
     *
     * @throws InvalidSettingException naming {@code setting} otherwise
     */
    public static void requireWritableFile(String setting, Path file) {
        if (file.toString().isBlank()) {
            throw new InvalidSettingException(setting, file, "a file path (an empty path names none)");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidSettingException(setting, file, "a file path (" + file + " is a directory)");
        }
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Files.deleteIfExists(Files.createTempFile(parent, ".write-check", ".tmp"));
        } catch (IOException e) {
            throw new InvalidSettingException(setting, file, "a file in a directory that can be created and written (" + e
                    + ")");
        }
    }

    /** The process id written in a held lock file, or "unknown". */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
        return pid.isEmpty() ? "unknown" : pid;
    }

    /**
     * The temporary files {@link AtomicFiles} left when a run died during a save ({@code .NAME} and
     * digits, then {@code .tmp}): no other run writes here while the claim is held.
     */
    private void removeLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path entry : entries.toList()) {
                if (LEFTOVER.matcher(entry.getFileName().toString()).matches() && Files.isRegularFile(entry)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    /** Releases the claim; the lock file goes, removed while still held so that no other run can take it half-way. */
    @Override
    public void close() throws IOException {
        try {
            Files.deleteIfExists(directory.resolve(LOCK_FILE));
            lock.release();
        } finally {
            channel.close();
        }
    }
}
