package org.rlautoscaler.autoscaler.rollout;

import java.time.Instant;
import java.util.function.Supplier;
import org.rlautoscaler.autoscaler.agent.Agent;
import org.rlautoscaler.autoscaler.agent.Decision;
import org.rlautoscaler.autoscaler.agent.Transition;
import org.rlautoscaler.autoscaler.env.Environment;
import org.rlautoscaler.autoscaler.env.Observation;
import org.rlautoscaler.autoscaler.env.StepResult;
import org.rlautoscaler.autoscaler.safety.SafetyChain;
import org.rlautoscaler.autoscaler.safety.SafetyReason;

/**
 * The one loop every run goes through, training, evaluation and the live service alike, in the
 * manner of CleanRL's single rollout loop: the agent acts on the current observation, the
 * {@link SafetyChain} reviews the decision, the environment applies the verdict and lets a
 * period pass, and a learning agent learns from the step when it took it as it decided. What is
 * learnt offline is therefore what acts live, under the same safety chain.
 *
 * <p>{@link #decide} and {@link #apply} are the two halves of {@link #step}, for the live loop,
 * which logs and counts the decision in between.
 */
public final class Rollout {
    private final Environment environment;
    private final Agent agent;
    private final SafetyChain safety;
    private final Supplier<Instant> clock;
    private final boolean learning;

    /** A decision reviewed by the safety chain, not yet applied. */
    public record Pending(Observation before, Decision decision, SafetyChain.Verdict verdict, boolean blind, Instant at) {
        /** True when the chain changes the replica count. */
        public boolean changes() {
            return verdict.replicas() != before.desiredReplicas();
        }
    }

    /**
     * One period that passed.
     *
     * @param pending what was decided and let through
     * @param result  what the environment returned
     * @param learnt  the agent learnt from it (its update count moved)
     */
    public record Step(Pending pending, StepResult result, boolean learnt) {}

    /**
     * @param clock    the time the safety chain's cooldown and window count in (simulated offline)
     * @param learning the agent explores and learns from its steps; otherwise it only acts
     */
    public Rollout(Environment environment, Agent agent, SafetyChain safety, Supplier<Instant> clock, boolean learning) {
        this.environment = environment;
        this.agent = agent;
        this.safety = safety;
        this.clock = clock;
        this.learning = learning;
        agent.setLearning(learning);
    }

    /** Starts an episode: the environment's first observation; the agent and the chain forget the last episode. */
    public Observation reset(long seed) {
        Observation first = environment.reset(seed);
        agent.startEpisode();
        safety.reset();
        return first;
    }

    /** The agent decides on the current observation, and the safety chain reviews it. */
    public Pending decide() {
        Observation before = environment.current();
        Decision decision = agent.act(before);
        Instant now = clock.get();
        boolean blind = !agent.canDecide(before);
        SafetyChain.Verdict verdict = safety.review(before.desiredReplicas(), decision.replicas(), before, blind, now);
        return new Pending(before, decision, verdict, blind, now);
    }

    /**
     * Applies the verdict, lets a period pass, and gives a learning agent the step, saying whether
     * the chain let the decision through unchanged (an agent whose action is a replica count does
     * not learn from a step the chain changed: it is not its action). A blind step (a metric the
     * agent decides from was missing) is not given. The step was learnt from when the agent's
     * update count moved.
     */
    public Step apply(Pending pending) {
        StepResult result = environment.step(pending.verdict().replicas());
        if (pending.changes()) {
            safety.applied(pending.at());
        }
        long updates = agent.updates();
        if (learning && !pending.blind()) {
            agent.learn(new Transition(pending.before(), pending.decision(), result.reward(), result.observation(),
                    pending.verdict().reason() == SafetyReason.as_decided));
        }
        return new Step(pending, result, agent.updates() != updates);
    }

    /** One period: {@link #decide}, then {@link #apply}. */
    public Step step() {
        return apply(decide());
    }

    public Agent agent() {
        return agent;
    }

    public Environment environment() {
        return environment;
    }
}
