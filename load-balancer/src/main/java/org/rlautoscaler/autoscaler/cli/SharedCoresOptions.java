package org.rlautoscaler.autoscaler.cli;

import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.common.cli.Range;
import picocli.CommandLine.Option;

/**
 * The host the simulated replicas share, offline and for the live loop's pre-training alike. (The
 * model file itself is {@code --model} offline and {@code --model-file} live, so that each keeps
 * its variable, MODEL and MODEL_FILE; both are read by {@code ModelFile.serviceModel}.)
 */
public final class SharedCoresOptions {
    @Range(min = 0.01, max = 100_000)
    @Option(names = "--shared-cores", paramLabel = "CORES",
            description = "Cores all simulated replicas share, as on one host (3 replicas on 2 cores serve what 2 cores "
                    + "can); live, for pre-training. Default: the model's (none: each replica has cores of its own).")
    Double sharedCores;

    /** {@code model} on the shared cores given, or as it is. */
    ServiceModel apply(ServiceModel model) {
        return sharedCores == null ? model : model.withSharedCores(sharedCores);
    }
}
