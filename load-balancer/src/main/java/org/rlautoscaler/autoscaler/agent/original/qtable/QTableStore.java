package org.rlautoscaler.autoscaler.agent.original.qtable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.rlautoscaler.autoscaler.agent.Hyperparameters;
import org.rlautoscaler.autoscaler.files.AtomicFiles;
import org.rlautoscaler.autoscaler.files.StrictJson;

/**
 * Q-tables on disk, as versioned JSON: the agent, the state encoding, the actions, the
 * hyperparameters, the values and the visit counts. Written to a temporary file in the same
 * directory and renamed over the old one, so a crash leaves either the old table or the new one,
 * never half of one.
 */
public final class QTableStore {
    /** Version of the file layout; a file of another version is refused with a message. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = StrictJson.mapper();

    private QTableStore() {}

    /** The file's content. */
    record Document(int format, String agent, List<StateEncoding.Dimension> dimensions, List<String> actions,
                    Hyperparameters hyperparameters, long updates, double[] values, long[] visits) {}

    /** Saves atomically. */
    public static void save(Path file, QLearner learner) throws IOException {
        QTable table = learner.table();
        Document document = new Document(FORMAT, table.agent(), table.encoding().dimensions(),
                table.encoding().actions(), learner.parameters(), learner.updates(), table.values(), table.visits());
        AtomicFiles.write(file, JSON.writeValueAsBytes(document));
    }

    /**
     * Loads a table into {@code into}, which must have the same agent and encoding; returns the
     * number of updates the saved table had seen, so that a learner resumes counting from it.
     *
     * @throws QTableException saying what is wrong: missing, unreadable, corrupt, another
     *                         version, another agent, another encoding (and how it differs)
     */
    public static long load(Path file, QTable into) throws QTableException {
        Document document;
        try {
            document = JSON.readValue(file.toFile(), Document.class);
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new QTableException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new QTableException(file + " is not a Q-table file (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new QTableException(file + " cannot be read: " + e.getMessage());
        }
        if (document.format() != FORMAT) {
            throw new QTableException(file + " has format " + document.format() + "; this version reads format " + FORMAT);
        }
        if (!into.agent().equals(document.agent())) {
            throw new QTableException(file + " is a Q-table of agent " + document.agent() + ", not of " + into.agent());
        }
        if (document.dimensions() == null || document.actions() == null || document.values() == null
                || document.visits() == null) {
            throw new QTableException(file + " is missing its dimensions, actions, values or visits");
        }
        StateEncoding saved = new StateEncoding(document.dimensions(), document.actions());
        String difference = saved.difference(into.encoding());
        if (!difference.isEmpty()) {
            throw new QTableException(file + " was made with another state encoding: it has " + difference
                    + ". Train again, or point the agent at another file.");
        }
        if (document.values().length != into.size() || document.visits().length != into.size()) {
            throw new QTableException(file + " has " + document.values().length + " values and "
                    + document.visits().length + " visit counts; its encoding needs " + into.size());
        }
        for (int i = 0; i < document.values().length; i++) {
            if (!Double.isFinite(document.values()[i])) {
                throw new QTableException(file + " has value " + document.values()[i] + " at entry " + i
                        + "; a Q-table holds finite numbers");
            }
        }
        into.copyFrom(new QTable(document.agent(), saved, document.values(), document.visits()));
        return document.updates();
    }

    /** True when there is a file to resume from. */
    public static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
