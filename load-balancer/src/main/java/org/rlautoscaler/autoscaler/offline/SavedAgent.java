package org.rlautoscaler.autoscaler.offline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableAgent;

/**
 * The one rule by which a learning agent takes up what a directory holds, for {@code train} and
 * for the live loop alike: its own file when there is one, else, for latency-table, the
 * original's {@code table.csv} alone; nothing otherwise.
 */
final class SavedAgent {
    private SavedAgent() {}

    /**
     * What was loaded.
     *
     * @param file     the file read
     * @param original true for the original's {@code table.csv}, false for the agent's own file
     * @param summary  what it held, in words: "12 of 24 entries visited", "10 of 1200 values not 0"
     */
    record Resumed(Path file, boolean original, String summary) {}

    /** A file that is there but cannot be used. */
    static final class Unusable extends Exception {
        private final Path file;
        private final boolean original;

        Unusable(Path file, boolean original, AgentFileException cause) {
            super(cause.getMessage(), cause);
            this.file = file;
            this.original = original;
        }

        Path file() {
            return file;
        }

        /** True when it is the original's {@code table.csv}. */
        boolean original() {
            return original;
        }
    }

    /**
     * Loads into {@code agent} what {@code file} (its own file's path) or the {@code table.csv}
     * beside it holds; empty when neither is there.
     *
     * @throws Unusable naming the file that is there but cannot be used
     */
    static Optional<Resumed> resume(Agent agent, Path file) throws Unusable {
        if (Files.isRegularFile(file)) {
            try {
                agent.load(file);
            } catch (AgentFileException e) {
                throw new Unusable(file, false, e);
            }
            return Optional.of(new Resumed(file, false, agent.status().visitedParameters() + " of "
                    + agent.status().parameters() + " entries visited"));
        }
        Path table = LatencyTableAgent.tableCsv(file);
        if (agent instanceof LatencyTableAgent latency && Files.isRegularFile(table)) {
            try {
                latency.loadTableCsv(table);
            } catch (AgentFileException e) {
                throw new Unusable(table, true, e);
            }
            long nonZero = Arrays.stream(latency.learner().table().values()).filter(v -> v != 0).count();
            return Optional.of(new Resumed(table, true, nonZero + " of " + agent.status().parameters() + " values not 0"));
        }
        return Optional.empty();
    }
}
