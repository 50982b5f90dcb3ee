package org.rlautoscaler.autoscaler.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.autoscaler.sim.MeasuredLatency;
import org.rlautoscaler.autoscaler.sim.MeasuredLevel;
import org.rlautoscaler.autoscaler.sim.ModelFile;
import org.rlautoscaler.autoscaler.sim.ServiceModel;
import org.rlautoscaler.common.testing.DockerCli;
import org.rlautoscaler.common.testing.RequiredTools;

/**
 * {@code calibrate --service-name} on a real Swarm: the application's image as a service of one
 * replica (one core, {@code WORK_MS=5}) on an attachable overlay network, and the autoscaler's
 * image run on that network with the Docker socket, as a user would. It scales the service to 2
 * and back, measures both counts, and times the new replica's start. Asserted: what a loaded
 * machine cannot make flaky (levels at 1 and 2 replicas, a start-up above 0, CPU per request
 * within a factor of 2 of the work, the node's cores as the shared ones, the service back at 1).
 */
class CalibrateServiceIT {
    @TempDir
    Path dir;

    @Test
    void calibrate_scales_a_swarm_service_measures_each_count_and_times_a_new_replica() throws Exception {
        RequiredTools.requireDockerSwarm();
        StackImages.build();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String network = "rltest-calibrate-" + id;
        String service = "rltest-calapp-" + id;
        try {
            DockerCli.run("network", "create", "--driver", "overlay", "--attachable", "--label", "rl-autoscaler-test=true",
                    network);
            DockerCli.run("service", "create", "--quiet", "--detach", "--name", service, "--label", "rl-autoscaler-test=true",
                    "--network", network, "--endpoint-mode", "dnsrr", "--limit-cpu", "1", "--env", "WORK_MS=5",
                    "--replicas", "1", "rl-autoscaler/application:latest");
            String output = DockerCli.run("run", "--rm", "--network", network, "-v", "/var/run/docker.sock:/var/run/docker.sock",
                    "-v", dir + ":/out", "rl-autoscaler/load-balancer:latest", "calibrate",
                    "--url", "http://" + service + ":8082/test", "--metrics-url", "http://" + service + ":8000/metrics",
                    "--service-name", service, "--max-replicas", "2", "--out", "/out/model.json",
                    "--warmup-probe-seconds", "10", "--utilisation-step", "0.2", "--max-utilisation", "0.6",
                    "--settle-seconds", "2", "--level-seconds", "5", "--condition-seconds", "3");
            assertTrue(output.contains("Wrote /out/model.json"), output);
            ModelFile.Document document = ModelFile.read(dir.resolve("model.json"));
            List<Integer> counts = document.levels().stream().map(MeasuredLevel::replicas).distinct().toList();
            assertEquals(List.of(1, 2), counts, output);
            ServiceModel model = document.service();
            assertTrue(model.startupSeconds() > 0, "the new replica's start-up was timed: " + model.startupSeconds());
            double cpuMs = model.cpuSecondsPerRequest() * 1000;
            assertTrue(cpuMs >= 2.5 && cpuMs <= 10, "CPU per request within a factor of 2 of WORK_MS=5: " + cpuMs + " ms");
            double nodeCores = Double.parseDouble(DockerCli.run("node", "inspect", "self", "--format",
                    "{{.Description.Resources.NanoCPUs}}").strip()) / 1e9;
            assertEquals(nodeCores, model.sharedCores(), 1e-9, "a one-node swarm: its replicas share the node's cores");
            assertTrue(((MeasuredLatency) model.latency()).points().size() >= 1);
            assertEquals("1", DockerCli.run("service", "inspect", service, "--format",
                    "{{.Spec.Mode.Replicated.Replicas}}").strip(), "scaled back to where it was");
            assertTrue(Files.size(dir.resolve("model.json")) > 0);
        } finally {
            DockerCli.quietly("service", "rm", service);
            for (int i = 0; i < 30 && !DockerCli.quietly("network", "rm", network).strip().equals(network); i++) {
                Thread.sleep(1000); // the service's tasks still hold the network
            }
        }
    }
}
