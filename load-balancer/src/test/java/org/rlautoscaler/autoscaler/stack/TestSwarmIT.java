package org.rlautoscaler.autoscaler.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rlautoscaler.common.testing.DockerCli;
import org.rlautoscaler.common.testing.RequiredTools;

/**
 * {@code scripts/test-swarm.sh}: a swarm of three nodes of our own on this machine (engines in
 * network namespaces on one bridge) comes up with the test image loaded in every node, spreads a
 * service's replicas over the nodes, serves from one node's container the replicas of the others
 * over the overlay network, and goes down leaving no namespace, link, process, cgroup or file.
 */
class TestSwarmIT {
    static final Path ROOT = StackImages.ROOT;
    static final Path STATE = Path.of("/var/lib/rl-autoscaler-test-swarm");
    static final String IMAGE = "rl-autoscaler/busybox:test";

    @Test
    void three_nodes_spread_a_service_serve_over_the_overlay_and_leave_nothing_behind() throws Exception {
        requireTestSwarm();
        try {
            String up = script("up", "--nodes", "3", "--images", IMAGE);
            assertTrue(up.contains("up: 3 nodes"), up);
            Map<String, String> manager = Map.of("DOCKER_HOST", "unix://" + STATE.resolve("n1/docker.sock"));
            String nodes = DockerCli.run(ROOT, manager, "node", "ls", "--format", "{{.Hostname}} {{.Status}} {{.ManagerStatus}}");
            assertEquals(List.of("rlts-n1 Ready Leader", "rlts-n2 Ready ", "rlts-n3 Ready "),
                    nodes.lines().sorted().toList(), nodes);
            // The socket a stack file mounts (/var/run/docker.sock) is, on a node, that node's engine.
            String engine = Files.readString(STATE.resolve("n1/dockerd.pid")).strip();
            assertEquals("rlts-n1 active", run("nsenter", "-t", engine, "-m", "-n", "/usr/bin/docker", "-H",
                    "unix:///var/run/docker.sock", "info", "--format", "{{.Name}} {{.Swarm.LocalNodeState}}").strip());

            DockerCli.run(ROOT, manager, "network", "create", "--driver", "overlay", "--attachable", "spread-net");
            DockerCli.run(ROOT, manager, "service", "create", "--detach", "--quiet", "--name", "spread", "--replicas", "3",
                    "--network", "spread-net", "--endpoint-mode", "dnsrr", "--placement-pref", "spread=node.id",
                    "--hostname", "{{.Node.Hostname}}", IMAGE, "/bin/busybox", "sh", "-c",
                    "mkdir -p /www && hostname > /www/index.html && exec /bin/busybox httpd -f -p 8080 -h /www");
            Set<String> where = new TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (where.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
                where.clear();
                DockerCli.run(ROOT, manager, "service", "ps", "--filter", "desired-state=running", "--format",
                        "{{.Node}} {{.CurrentState}}", "spread").lines().filter(line -> line.contains(" Running"))
                        .forEach(line -> where.add(line.substring(0, line.indexOf(' '))));
            }
            assertEquals(Set.of("rlts-n1", "rlts-n2", "rlts-n3"), where, "a replica on each node");

            // From the replica on the manager, each replica answers with its node's name over the overlay.
            String container = DockerCli.run(ROOT, manager, "ps", "-q", "--filter", "label=com.docker.swarm.service.name=spread")
                    .strip();
            Set<String> answered = new TreeSet<>();
            deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (answered.size() < 3 && System.nanoTime() < deadline) {
                String addresses = DockerCli.run(ROOT, manager, "exec", container, "/bin/busybox", "nslookup", "tasks.spread");
                List<String> ips = new ArrayList<>();
                addresses.lines().filter(line -> line.startsWith("Address") && !line.contains("#") && !line.contains(":53"))
                        .forEach(line -> ips.add(line.substring(line.lastIndexOf(' ') + 1).strip()));
                for (String ip : ips) {
                    String body = DockerCli.quietly("-H", "unix://" + STATE.resolve("n1/docker.sock"), "exec", container,
                            "/bin/busybox", "sh", "-c", "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | /bin/busybox nc -w 5 " + ip + " 8080");
                    body.lines().filter(line -> line.startsWith("rlts-n")).forEach(answered::add);
                }
                Thread.sleep(1_000);
            }
            assertEquals(Set.of("rlts-n1", "rlts-n2", "rlts-n3"), answered, "every node's replica answered over the overlay");
        } finally {
            String down = script("down");
            assertTrue(down.contains("down: nothing left"), down);
        }
        assertNothingLeft();
    }

    /** What scripts/test-swarm.sh needs: Docker, nsenter, ip and root; outside CI, a test skips without root. */
    static void requireTestSwarm() {
        RequiredTools.requireDockerSwarm();
        RequiredTools.require("nsenter");
        RequiredTools.require("ip");
        if (!"root".equals(System.getProperty("user.name"))) { // network namespaces and mounts
            assertTrue(!RequiredTools.mustRun(), "CI must run this test as root, not skip it");
            org.junit.jupiter.api.Assumptions.abort("the test swarm needs root: skipping");
        }
    }

    static void assertNothingLeft() throws Exception {
        assertTrue(!Files.exists(STATE), STATE + " is gone");
        String namespaces = run("ip", "netns", "list");
        assertTrue(namespaces.lines().noneMatch(line -> line.startsWith("rlts-")), "no namespace left: " + namespaces);
        String links = run("ip", "-o", "link");
        assertTrue(!links.contains("rlts-"), "no link left: " + links);
        String processes = run("ps", "-eo", "args");
        assertTrue(processes.lines().noneMatch(line -> line.contains(STATE.toString())), "no process left");
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path hierarchy : hierarchies.toList()) {
                try (var children = Files.list(hierarchy)) {
                    assertTrue(children.noneMatch(child -> child.getFileName().toString().startsWith("rlts-")),
                            "no cgroup left in " + hierarchy);
                } catch (java.nio.file.NotDirectoryException | java.nio.file.AccessDeniedException notAHierarchy) {
                    // a file of /sys/fs/cgroup itself
                }
            }
        }
    }

    /** Runs scripts/test-swarm.sh with {@code args}; returns its output, or fails with it. */
    static String script(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "scripts/test-swarm.sh"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "test-swarm.sh " + String.join(" ", args) + " still running");
        assertEquals(0, process.exitValue(), "test-swarm.sh " + String.join(" ", args) + ":\n" + output);
        return output;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(1, TimeUnit.MINUTES);
        return output;
    }
}
