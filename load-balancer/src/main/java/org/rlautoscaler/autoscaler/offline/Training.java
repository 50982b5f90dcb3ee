package org.rlautoscaler.autoscaler.offline;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.original.HistoryCsv;
import org.rlautoscaler.autoscaler.agent.original.LatencyTableAgent;
import org.rlautoscaler.autoscaler.catalog.AgentKind;
import org.rlautoscaler.autoscaler.catalog.AgentSettings;
import org.rlautoscaler.autoscaler.files.OutputDirectory;
import org.rlautoscaler.autoscaler.plots.LearningPlots;
import org.rlautoscaler.autoscaler.progress.ProgressListener;
import org.rlautoscaler.autoscaler.sim.Workload;
import org.rlautoscaler.common.config.InvalidSettingException;

/**
 * Trains one learning agent in the simulated cluster and keeps what it learnt: resumes from the
 * file already in the output directory (unless fresh), saves a checkpoint every so many episodes
 * and the agent at the end, draws its learning curves, appends latency-table's
 * {@code history.csv}, and runs the original's validation phase (the learnt policy, greedy,
 * without learning).
 */
public final class Training {
    /** latency-table's history, as the original wrote it. */
    private static final String HISTORY = "history.csv";

    private Training() {}

    /**
     * What to train.
     *
     * @param kind            a learning kind
     * @param setup           the simulated cluster, period, objective, limits, episode length and safety chain
     * @param settings        the agents' own settings
     * @param workload        the load it trains on, scaled
     * @param episodes        training episodes
     * @param seed            the seed of the load mix and of exploration
     * @param out             where the agent's file, the plots and history.csv go (the setting {@code --out})
     * @param checkpointEvery save every this many episodes (0: only at the end)
     * @param fresh           start empty even when {@code out} holds the agent's file
     */
    public record Plan(AgentKind kind, Setup setup, AgentSettings settings, Workload workload, int episodes, long seed,
                       Path out, int checkpointEvery, boolean fresh) {}

    /**
     * Trains as {@code plan} says, saying what it does on {@code console}.
     *
     * @throws InvalidSettingException naming --out when its file or history.csv cannot be used
     */
    public static void train(PrintWriter console, Plan plan, ProgressListener progress) throws IOException {
        AgentKind kind = plan.kind();
        Setup setup = plan.setup();
        Path out = plan.out();
        Agent learner = kind.create(setup.agentContext(plan.settings()).withSeed(plan.seed()).training(plan.episodes()));
        Path file = out.resolve(learner.fileName());
        List<String> files = new ArrayList<>(List.of(learner.fileName(), LearningPlots.rewardFile(out, kind.id())
                .getFileName().toString(), LearningPlots.mseFile(out, kind.id()).getFileName().toString()));
        if (learner instanceof LatencyTableAgent) {
            files.addAll(List.of(LatencyTableAgent.tableCsv(file).getFileName().toString(), HISTORY));
        }
        try (OutputDirectory claimed = OutputDirectory.claim("--out", out, files)) {
            if (learner instanceof LatencyTableAgent) {
                checkHistory(out);
            }
            resume(console, plan, learner, file);
            train(console, plan, learner, file, progress);
        }
    }

    /** Resumes from what {@code out} holds, unless fresh: the agent's file, or latency-table's table.csv alone. */
    private static void resume(PrintWriter console, Plan plan, Agent learner, Path file) {
        if (plan.fresh()) {
            return;
        }
        try {
            SavedAgent.resume(learner, file).ifPresent(resumed -> console.printf("Resuming from %s%s (%s)%n",
                    resumed.original() ? "the original's " : "", resumed.file(), resumed.summary()));
        } catch (SavedAgent.Unusable e) {
            throw new InvalidSettingException("--out", plan.out(), "a directory without " + (e.original() ? "a table.csv"
                    : "a Q-table") + ", or with one this agent can resume (" + e.getMessage() + "; --fresh ignores it)");
        }
    }

    private static void checkHistory(Path out) throws IOException {
        try {
            HistoryCsv.check(out.resolve(HISTORY));
        } catch (HistoryCsv.OtherColumnsException e) {
            throw new InvalidSettingException("--out", out, "a directory whose history.csv has the columns "
                    + HistoryCsv.HEADER + ", or none (" + e.getMessage() + ")");
        }
    }

    private static void train(PrintWriter console, Plan plan, Agent learner, Path file, ProgressListener progress)
            throws IOException {
        AgentKind kind = plan.kind();
        Setup setup = plan.setup();
        Path out = plan.out();
        console.println("Training " + kind + " on " + plan.workload().description());
        if (kind == AgentKind.LATENCY_TABLE) {
            console.println(plan.settings().describeLatencyTable());
        }
        console.printf(Locale.ROOT, "%d episodes of %d steps (%.0f s each), seed %d%n", plan.episodes(), setup.episodeSteps(),
                setup.periodSeconds(), plan.seed());
        console.flush();

        Trainer trainer = new Trainer(setup);
        Trainer.Curve curve;
        try (ProgressListener.Task task = progress.start("train " + kind, (long) plan.episodes() * setup.episodeSteps(),
                "steps")) {
            curve = trainer.train(learner, setup.reward(kind), plan.workload(), plan.episodes(), plan.seed(), task::stepTo,
                    plan.checkpointEvery(), done -> learner.save(file));
        }
        learner.save(file);
        LearningPlots.writeInto(out, kind.id(), curve.rewardPerEpisode(), curve.msePerIteration());
        if (learner instanceof LatencyTableAgent latency) {
            try {
                HistoryCsv.append(out.resolve(HISTORY), latency.history());
            } catch (HistoryCsv.OtherColumnsException e) {
                throw new InvalidSettingException("--out", out, "a directory whose history.csv has the columns "
                        + HistoryCsv.HEADER + ", or none (" + e.getMessage() + ")");
            }
        }
        double validation = trainer.validate(learner, setup.reward(kind), plan.workload(), plan.seed() + 1);
        double[] rewards = curve.rewardPerEpisode();
        console.printf(Locale.ROOT, "Saved %s (%d of %d entries visited), %s, %s%n", file,
                learner.status().visitedParameters(), learner.status().parameters(),
                LearningPlots.rewardFile(out, kind.id()), LearningPlots.mseFile(out, kind.id()));
        console.printf(Locale.ROOT, "Reward per episode: first %.1f, last %.1f; validation episode (greedy, no learning): %.1f%n",
                rewards[0], rewards[rewards.length - 1], validation);
        console.flush();
    }
}
