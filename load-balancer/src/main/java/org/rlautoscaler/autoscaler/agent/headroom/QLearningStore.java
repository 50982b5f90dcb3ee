package org.rlautoscaler.autoscaler.agent.headroom;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.rlautoscaler.autoscaler.agent.AgentFileException;
import org.rlautoscaler.autoscaler.files.AtomicFiles;
import org.rlautoscaler.autoscaler.files.StrictJson;

/**
 * {@code qlearning}'s Q-tables on disk, as versioned JSON: the ladder and the regimes' bands it was
 * learnt with (a file learnt with others is refused, saying which), the updates made, and per
 * (regime, rung) the cost, the SLO share and the visits, and the miss model's counts. Written atomically.
 */
final class QLearningStore {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = StrictJson.mapper();

    private QLearningStore() {}

    record Document(int format, String agent, List<Headroom> ladder, List<double[]> regimes, long updates, double[] cost,
                    double[] slo, long[] visits, @JsonProperty("miss_model_periods") double[] missModelPeriods,
                    @JsonProperty("miss_model_misses") double[] missModelMisses) {}

    static void save(Path file, HeadroomValues values, MissModel misses) throws IOException {
        Document document = new Document(FORMAT, QLearningAgent.NAME, Headroom.LADDER, Regime.DIMENSIONS, values.updates,
                values.cost, values.slo, values.visits, misses.periods, misses.misses);
        AtomicFiles.write(file, JSON.writeValueAsBytes(document));
    }

    static void load(Path file, HeadroomValues into, MissModel misses) throws AgentFileException {
        Document document;
        try {
            document = JSON.readValue(file.toFile(), Document.class);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new AgentFileException(file + ": no such file");
        } catch (JsonProcessingException e) {
            throw new AgentFileException(file + " is not a saved qlearning agent (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new AgentFileException(file + " cannot be read: " + e.getMessage());
        }
        if (document.format() != FORMAT) {
            throw new AgentFileException(file + " has format " + document.format() + "; this version reads format " + FORMAT);
        }
        if (!QLearningAgent.NAME.equals(document.agent())) {
            throw new AgentFileException(file + " is a saved agent " + document.agent() + ", not " + QLearningAgent.NAME);
        }
        if (!Headroom.LADDER.equals(document.ladder()) || !sameBands(document.regimes())) {
            throw new AgentFileException(file + " was learnt with another ladder or other regimes (ladder "
                    + document.ladder() + "). Train again, or point the agent at another file.");
        }
        int size = into.cost.length;
        if (document.cost() == null || document.slo() == null || document.visits() == null
                || document.cost().length != size || document.slo().length != size || document.visits().length != size) {
            throw new AgentFileException(file + " does not have " + size + " costs, SLO shares and visits");
        }
        if (document.missModelPeriods() == null || document.missModelMisses() == null
                || document.missModelPeriods().length != MissModel.BINS || document.missModelMisses().length != MissModel.BINS) {
            throw new AgentFileException(file + " does not have the " + MissModel.BINS + " bins of its miss model");
        }
        finite(file, "cost", document.cost());
        finite(file, "slo", document.slo());
        misses.restore(document.missModelPeriods(), document.missModelMisses());
        System.arraycopy(document.cost(), 0, into.cost, 0, size);
        System.arraycopy(document.slo(), 0, into.slo, 0, size);
        System.arraycopy(document.visits(), 0, into.visits, 0, size);
        into.updates = document.updates();
        into.changed();
    }

    private static void finite(Path file, String field, double[] values) throws AgentFileException {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new AgentFileException(file + " has " + field + " " + values[i] + " at entry " + i
                        + "; a saved agent holds finite numbers");
            }
        }
    }

    private static boolean sameBands(List<double[]> saved) {
        if (saved == null || saved.size() != Regime.DIMENSIONS.size()) {
            return false;
        }
        for (int i = 0; i < saved.size(); i++) {
            if (!Arrays.equals(saved.get(i), Regime.DIMENSIONS.get(i))) {
                return false;
            }
        }
        return true;
    }
}
