package org.rlautoscaler.autoscaler;

import org.rlautoscaler.autoscaler.cli.CalibrateCommand;
import org.rlautoscaler.autoscaler.cli.CompareLiveCommand;
import org.rlautoscaler.autoscaler.cli.DemoCommand;
import org.rlautoscaler.autoscaler.cli.EvaluateCommand;
import org.rlautoscaler.autoscaler.cli.RunCommand;
import org.rlautoscaler.autoscaler.cli.TrainCommand;
import org.rlautoscaler.autoscaler.cli.WatchCommand;
import org.rlautoscaler.common.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The autoscaler's commands.
 *
 * <pre>
 * java -jar load-balancer/target/load-balancer.jar demo
 * java -jar load-balancer.jar train --agent qlearning --trace nasa --episodes 300 --seed 1 --out weights
 * java -jar load-balancer.jar evaluate --trace wikipedia --policies qlearning,hpa,oracle --seeds 3 --out results
 * java -jar load-balancer.jar watch --trace wikipedia --speed 60 --port 8002
 * </pre>
 */
@Command(name = "load-balancer", mixinStandardHelpOptions = true, resourceBundle = "org.rlautoscaler.autoscaler.cli.AgentHelp",
        description = "A reinforcement-learning autoscaler: train its agents and compare them with the "
                + "rules people use, in a simulated cluster.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvaluateCommand.class, RunCommand.class,
                CalibrateCommand.class, CompareLiveCommand.class, WatchCommand.class})
public final class Main implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(Cli.execute(new Main(), args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command; accepted: demo, train, evaluate, run, calibrate, compare-live, watch");
    }
}
