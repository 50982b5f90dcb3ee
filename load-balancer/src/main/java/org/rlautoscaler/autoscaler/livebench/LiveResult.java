package org.rlautoscaler.autoscaler.livebench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rlautoscaler.autoscaler.files.AtomicFiles;

/**
 * One policy's live replay against the simulated cluster's prediction of it: a row of {@code results-live.csv}.
 *
 * @param policy    the policy
 * @param live      the live run, scored
 * @param errorPct  failed requests of the live run, percent of those sent
 * @param predicted the simulated cluster's run on the same load, model and policy, scored
 */
public record LiveResult(String policy, Score live, double errorPct, Score predicted) {
    public static final String HEADER = "policy,slo_violation_pct,replica_minutes,error_pct,scale_out_reaction_s,"
            + "predicted_slo_violation_pct,predicted_replica_minutes";

    /** Writes the rows; a reaction with no answered rise is left empty. */
    public static void write(Path file, List<LiveResult> results) throws IOException {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (LiveResult r : results) {
            out.append(String.format(Locale.ROOT, "%s,%.2f,%.2f,%.3f,%s,%.2f,%.2f%n", r.policy(), r.live().sloViolationPct(),
                    r.live().replicaMinutes(), r.errorPct(),
                    Double.isNaN(r.live().reactionSeconds()) ? "" : Replay.number(r.live().reactionSeconds()),
                    r.predicted().sloViolationPct(), r.predicted().replicaMinutes()));
        }
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Predicted replica-minutes against live, relative: (predicted - live) / live. */
    public double replicaMinutesError() {
        return (predicted.replicaMinutes() - live.replicaMinutes()) / live.replicaMinutes();
    }

    /** Predicted SLO-violation % minus live, in points. */
    public double sloViolationError() {
        return predicted.sloViolationPct() - live.sloViolationPct();
    }
}
