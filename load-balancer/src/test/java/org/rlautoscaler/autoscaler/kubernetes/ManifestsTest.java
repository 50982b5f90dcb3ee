package org.rlautoscaler.autoscaler.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlautoscaler.common.testing.RequiredTools;

/**
 * The Kubernetes manifests in {@code ../k8s}, read with the fabric8 client's serialization as
 * {@code kubectl apply -k k8s/} would send them: the objects are all there, selectors and
 * Services find their pods, the autoscaler's Role grants exactly what finding and scaling the
 * annotated Deployments of its namespace needs, no secret is shipped, Grafana gets the repository's dashboard, and Prometheus' pod
 * discovery yields the jobs the dashboard and the autoscaler query.
 */
class ManifestsTest {
    private static final Path K8S = Path.of("..", "k8s");
    private static final Path GRAFANA = Path.of("..", "grafana");
    private static final String NAMESPACE = "rl-autoscaler";
    private static final String NAME_LABEL = "app.kubernetes.io/name";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Every object each file must hold, as kind/name, and nothing else. */
    private static final Map<String, Set<String>> EXPECTED = Map.of(
            "namespace.yaml", Set.of("Namespace/rl-autoscaler"),
            "application.yaml", Set.of("Deployment/application", "Service/application"),
            "prometheus.yaml", Set.of("ServiceAccount/prometheus", "Role/prometheus", "RoleBinding/prometheus",
                    "ConfigMap/prometheus-config", "Deployment/prometheus", "Service/prometheus"),
            "load-balancer.yaml", Set.of("ServiceAccount/load-balancer", "Role/load-balancer",
                    "RoleBinding/load-balancer", "PersistentVolumeClaim/qsavedweights",
                    "Deployment/load-balancer", "Service/load-balancer"),
            "simulate-users.yaml", Set.of("Deployment/simulate-users"),
            "grafana.yaml", Set.of("ConfigMap/grafana-datasources", "ConfigMap/grafana-dashboard-provider",
                    "ConfigMap/grafana-dashboards", "Deployment/grafana", "Service/grafana"));

    /** Each Deployment's container ports, by name. */
    private static final Map<String, Map<String, Integer>> PORTS = Map.of(
            "application", Map.of("http", 8082, "metrics", 8000),
            "prometheus", Map.of("http", 9090),
            "load-balancer", Map.of("metrics", 8002),
            "simulate-users", Map.of("metrics", 8001),
            "grafana", Map.of("http", 3000));

    private static Map<String, List<HasMetadata>> byFile;
    private static List<HasMetadata> all;

    @TempDir
    Path tempDir;

    @BeforeAll
    static void load() throws IOException {
        KubernetesSerialization serialization = new KubernetesSerialization();
        byFile = new TreeMap<>();
        all = new ArrayList<>();
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.equals("kustomization.yaml")) {
                    continue; // not a Kubernetes object: kustomizationListsEveryFile reads it
                }
                List<HasMetadata> objects = new ArrayList<>();
                try (InputStream in = Files.newInputStream(file)) {
                    Object parsed = serialization.unmarshal(in);
                    if (parsed instanceof List<?> list) {
                        list.forEach(o -> objects.add((HasMetadata) o));
                    } else if (parsed != null) {
                        objects.add((HasMetadata) parsed);
                    }
                }
                byFile.put(name, objects);
                all.addAll(objects);
            }
        }
    }

    // --- objects -----------------------------------------------------------------------------

    @Test
    void everyFileHoldsExactlyItsObjectsInTheNamespace() {
        assertEquals(EXPECTED.keySet(), byFile.keySet(), "the YAML files in " + K8S);
        EXPECTED.forEach((file, expected) -> {
            Set<String> found = new TreeSet<>();
            for (HasMetadata object : byFile.get(file)) {
                assertTrue(found.add(id(object)), file + ": " + id(object) + " twice");
            }
            assertEquals(new TreeSet<>(expected), found, file);
        });
        for (HasMetadata object : all) {
            if (!(object.getKind().equals("Namespace"))) {
                assertEquals(NAMESPACE, object.getMetadata().getNamespace(), id(object) + ": namespace");
            }
        }
    }

    @Test
    void kustomizationListsEveryFile() throws IOException {
        JsonNode kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        assertEquals("Kustomization", kustomization.path("kind").asText());
        assertEquals(NAMESPACE, kustomization.path("namespace").asText());
        Set<String> resources = new TreeSet<>();
        kustomization.path("resources").forEach(r -> resources.add(r.asText()));
        assertEquals(new TreeSet<>(EXPECTED.keySet()), resources, "kustomization.yaml resources");
    }

    // --- selectors, Services, ports ----------------------------------------------------------

    @Test
    void everyDeploymentSelectsItsOwnPods() {
        for (Deployment deployment : all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
            assertNotNull(selector, name + ": no matchLabels");
            assertFalse(selector.isEmpty(), name + ": empty matchLabels");
            assertTrue(deployment.getSpec().getSelector().getMatchExpressions() == null
                    || deployment.getSpec().getSelector().getMatchExpressions().isEmpty(), name + ": matchExpressions");
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(podLabels.entrySet().containsAll(selector.entrySet()),
                    name + ": selector " + selector + " does not match the pod labels " + podLabels);
            assertEquals(name, podLabels.get(NAME_LABEL), name + ": pod label " + NAME_LABEL);
        }
    }

    @Test
    void everyServiceSelectsADeploymentsPodsAndItsPorts() {
        for (Service service : all(Service.class)) {
            String name = service.getMetadata().getName();
            Map<String, String> selector = service.getSpec().getSelector();
            assertNotNull(selector, name + ": no selector");
            assertFalse(selector.isEmpty(), name + ": empty selector");
            List<Deployment> selected = all(Deployment.class).stream()
                    .filter(d -> d.getSpec().getTemplate().getMetadata().getLabels().entrySet()
                            .containsAll(selector.entrySet()))
                    .toList();
            assertEquals(1, selected.size(), name + ": selector " + selector + " matches the pods of " + selected.size()
                    + " Deployments");
            Map<String, Integer> containerPorts = containerPorts(selected.getFirst());
            for (ServicePort port : service.getSpec().getPorts()) {
                Object target = port.getTargetPort() == null ? port.getPort() : (port.getTargetPort().getStrVal() != null
                        ? port.getTargetPort().getStrVal() : port.getTargetPort().getIntVal());
                assertTrue(containerPorts.containsKey(String.valueOf(target)) || containerPorts.containsValue(target),
                        name + ": port " + port.getPort() + " targets " + target + ", not a port of its pods "
                                + containerPorts);
                if (target instanceof String named) {
                    assertEquals(containerPorts.get(named), port.getPort(),
                            name + ": Service port " + named + " differs from the container's");
                }
            }
        }
        assertEquals(Map.of("application", Set.of(8082, 8000), "prometheus", Set.of(9090),
                        "load-balancer", Set.of(8002), "grafana", Set.of(3000)),
                all(Service.class).stream().collect(Collectors.toMap(s -> s.getMetadata().getName(),
                        s -> s.getSpec().getPorts().stream().map(ServicePort::getPort).collect(Collectors.toSet()))),
                "Service ports");
    }

    @Test
    void containerPortsAreNamedAsTheStackExpects() {
        Map<String, Map<String, Integer>> found = new HashMap<>();
        for (Deployment deployment : all(Deployment.class)) {
            found.put(deployment.getMetadata().getName(), containerPorts(deployment));
        }
        assertEquals(PORTS, found);
    }

    // --- the Deployments ---------------------------------------------------------------------

    @Test
    void applicationHasOneCoreProbesAndNoRoot() {
        Deployment deployment = deployment("application");
        assertNull(deployment.getSpec().getReplicas(),
                "application: replicas must be left to the autoscaler (a re-apply would reset them)");
        Container container = onlyContainer(deployment);
        assertEquals("rl-autoscaler/application:latest", container.getImage());
        assertEquals("IfNotPresent", container.getImagePullPolicy());
        assertEquals(new Quantity("1"), container.getResources().getRequests().get("cpu"), "cpu request");
        assertEquals(new Quantity("1"), container.getResources().getLimits().get("cpu"), "cpu limit (CORES_PER_REPLICA)");
        assertNotNull(container.getResources().getRequests().get("memory"), "memory request");
        assertNotNull(container.getResources().getLimits().get("memory"), "memory limit");

        assertEquals("/health", container.getReadinessProbe().getHttpGet().getPath());
        assertPort(container, container.getReadinessProbe().getHttpGet().getPort().getStrVal(),
                container.getReadinessProbe().getHttpGet().getPort().getIntVal(), 8082, "readiness");
        assertEquals("/-/healthy", container.getLivenessProbe().getHttpGet().getPath());
        assertPort(container, container.getLivenessProbe().getHttpGet().getPort().getStrVal(),
                container.getLivenessProbe().getHttpGet().getPort().getIntVal(), 8000,
                "liveness (the metrics port, never through the request queue)");
        assertEquals(List.of("sleep", "5"), container.getLifecycle().getPreStop().getExec().getCommand(),
                "preStop: serving on while the endpoints drop the pod");
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds() == null ? 30
                : deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        assertTrue(grace > 5 + 10, "the grace period covers preStop (5 s) and the requests in flight (10 s): " + grace);

        assertNonRoot(deployment, 10001L);
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), "readOnlyRootFilesystem");
        assertEquals(Map.of("PORT", "8082", "METRICS_PORT", "8000", "WORK_MS", "5"), env(container));
    }

    @Test
    void loadBalancerScalesTheApplicationDeploymentWithItsOwnServiceAccount() {
        Deployment deployment = deployment("load-balancer");
        assertEquals(1, deployment.getSpec().getReplicas(), "one autoscaler");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertEquals("load-balancer", pod.getServiceAccountName());
        Container container = onlyContainer(deployment);
        assertEquals("rl-autoscaler/load-balancer:latest", container.getImage());
        assertEquals(List.of("run"), container.getArgs());

        Map<String, String> env = env(container);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("ORCHESTRATOR", "kubernetes");
        expected.put("PROMETHEUS_URL", "http://prometheus:9090");
        expected.put("AGENT", "qlearning");
        expected.put("MIN_REPLICAS", "1");
        expected.put("MAX_REPLICAS", "4");
        expected.put("PERIOD_SECONDS", "15");
        expected.put("COOLDOWN_SECONDS", "30");
        expected.put("WEIGHTS_DIR", "/QSavedWeights");
        expected.put("PLOTS_DIR", "/plots");
        expected.put("METRICS_PORT", "8002");
        expected.forEach((key, value) -> assertEquals(value, env.get(key), "load-balancer env " + key));
        EnvVar namespace = container.getEnv().stream().filter(e -> e.getName().equals("NAMESPACE")).findFirst()
                .orElseThrow(() -> new AssertionError("load-balancer: no NAMESPACE"));
        assertEquals("metadata.namespace", namespace.getValueFrom().getFieldRef().getFieldPath(),
                "NAMESPACE from the downward API");
        assertNull(env.get("SERVICE_NAME"), "it scales the Deployments annotated to be scaled");
        assertEquals("true", deployment("application").getMetadata().getAnnotations().get("rl-autoscaler/enable"),
                "the application is annotated to be scaled");

        assertEquals("/health", container.getLivenessProbe().getHttpGet().getPath());
        assertPort(container, container.getLivenessProbe().getHttpGet().getPort().getStrVal(),
                container.getLivenessProbe().getHttpGet().getPort().getIntVal(), 8002, "liveness");
        assertEquals("/ready", container.getReadinessProbe().getHttpGet().getPath(),
                "not ready while it cannot read its metrics or scale");
        assertPort(container, container.getReadinessProbe().getHttpGet().getPort().getStrVal(),
                container.getReadinessProbe().getHttpGet().getPort().getIntVal(), 8002, "readiness");
        EnvVar epsilon = container.getEnv().stream().filter(e -> e.getName().equals("EPSILON")).findFirst()
                .orElseThrow(() -> new AssertionError("load-balancer: no EPSILON"));
        assertEquals("0", epsilon.getValue(), "a live service explores only when asked");

        Map<String, String> mounts = container.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        Volume weights = volumes.get(mounts.get("/QSavedWeights"));
        assertNotNull(weights, "nothing mounted at /QSavedWeights");
        assertNotNull(weights.getPersistentVolumeClaim(), "/QSavedWeights is not a PersistentVolumeClaim");
        assertEquals("qsavedweights", weights.getPersistentVolumeClaim().getClaimName());
        PersistentVolumeClaim claim = one(PersistentVolumeClaim.class, "qsavedweights");
        assertEquals(new Quantity("1Gi"), claim.getSpec().getResources().getRequests().get("storage"));
        Volume plots = volumes.get(mounts.get("/plots"));
        assertNotNull(plots, "nothing mounted at /plots");
        assertTrue(plots.getEmptyDir() != null || plots.getPersistentVolumeClaim() != null,
                "/plots is neither an emptyDir nor a PersistentVolumeClaim");
        assertNonRoot(deployment, null);
    }

    @Test
    void simulateUsersLoadTheApplicationService() {
        Deployment deployment = deployment("simulate-users");
        Container container = onlyContainer(deployment);
        assertEquals("rl-autoscaler/simulate-users:latest", container.getImage());
        assertEquals(Map.of("BASE_URL", "http://application:8082", "NUM_USERS", "10", "INTERVAL", "1",
                "REQUEST_INTERVAL", "1", "PROFILE", "constant", "METRICS_PORT", "8001"), env(container));
        assertNonRoot(deployment, 10001L);
    }

    @Test
    void everyContainerIsUnprivileged() {
        for (Deployment deployment : all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSecurityContext pod = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
            assertNotNull(pod, name + ": no pod securityContext");
            assertEquals(Boolean.TRUE, pod.getRunAsNonRoot(), name + ": runAsNonRoot");
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                assertNotNull(container.getSecurityContext(), name + ": no container securityContext");
                assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(),
                        name + ": allowPrivilegeEscalation");
                assertNotEquals(Boolean.TRUE, container.getSecurityContext().getPrivileged(), name + ": privileged");
                assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(),
                        name + ": capabilities.drop");
                assertNotNull(container.getResources().getLimits().get("memory"), name + ": memory limit");
                if (container.getImage().startsWith("rl-autoscaler/")) {
                    assertEquals("IfNotPresent", container.getImagePullPolicy(), name + ": imagePullPolicy");
                }
            }
        }
    }

    // --- RBAC --------------------------------------------------------------------------------

    @Test
    void loadBalancerRoleGrantsExactlyWhatScalingTheAnnotatedDeploymentsNeeds() {
        Role role = one(Role.class, "load-balancer");
        List<String> rules = role.getRules().stream().map(ManifestsTest::describe).sorted().toList();
        List<String> expected = Stream.of(
                "apiGroups=[apps] resources=[deployments] resourceNames=[] verbs=[get, list] nonResourceURLs=[]",
                "apiGroups=[apps] resources=[deployments/scale] resourceNames=[] verbs=[get, patch, update] nonResourceURLs=[]",
                "apiGroups=[] resources=[pods] resourceNames=[] verbs=[get, list] nonResourceURLs=[]")
                .sorted().toList();
        assertEquals(expected, rules, "the load-balancer Role's rules");
        for (String kind : List.of("ClusterRole", "ClusterRoleBinding")) {
            assertTrue(all.stream().noneMatch(o -> o.getKind().equals(kind)), "a " + kind + " is shipped");
        }
    }

    @Test
    void noRoleGrantsWildcardsOrWrites() {
        Set<String> writes = Set.of("create", "delete", "deletecollection", "escalate", "bind", "impersonate", "*");
        for (Role role : all(Role.class)) {
            for (PolicyRule rule : role.getRules()) {
                String where = role.getMetadata().getName() + ": " + describe(rule);
                for (List<String> values : List.of(list(rule.getApiGroups()), list(rule.getResources()),
                        list(rule.getVerbs()), list(rule.getResourceNames()))) {
                    assertFalse(values.contains("*"), where + ": wildcard");
                }
                assertTrue(list(rule.getVerbs()).stream().noneMatch(writes::contains), where + ": verb too broad");
                assertTrue(list(rule.getResources()).stream().noneMatch(r -> r.equals("secrets")), where + ": secrets");
            }
        }
        Role prometheus = one(Role.class, "prometheus");
        for (PolicyRule rule : prometheus.getRules()) {
            assertTrue(Set.of("get", "list", "watch").containsAll(rule.getVerbs()), "prometheus: read-only " + describe(rule));
        }
    }

    @Test
    void roleBindingsGiveEachRoleToItsDeploymentsServiceAccount() {
        for (String name : List.of("load-balancer", "prometheus")) {
            RoleBinding binding = one(RoleBinding.class, name);
            assertEquals("Role", binding.getRoleRef().getKind(), name + ": roleRef kind");
            assertEquals(name, binding.getRoleRef().getName(), name + ": roleRef name");
            assertEquals("rbac.authorization.k8s.io", binding.getRoleRef().getApiGroup(), name + ": roleRef apiGroup");
            assertEquals(1, binding.getSubjects().size(), name + ": subjects");
            Subject subject = binding.getSubjects().getFirst();
            assertEquals("ServiceAccount", subject.getKind(), name + ": subject kind");
            assertEquals(name, subject.getName(), name + ": subject name");
            assertEquals(NAMESPACE, subject.getNamespace(), name + ": subject namespace");
            assertNotNull(one(io.fabric8.kubernetes.api.model.ServiceAccount.class, name), name + ": ServiceAccount");
            assertEquals(name, deployment(name).getSpec().getTemplate().getSpec().getServiceAccountName(),
                    name + ": the Deployment's serviceAccountName");
        }
        // Nothing else runs with a ServiceAccount that has rights.
        for (Deployment deployment : all(Deployment.class)) {
            String account = deployment.getSpec().getTemplate().getSpec().getServiceAccountName();
            String name = deployment.getMetadata().getName();
            if (!Set.of("load-balancer", "prometheus").contains(name)) {
                assertTrue(account == null || account.equals("default"), name + ": serviceAccountName " + account);
            }
        }
    }

    // --- secrets, Grafana --------------------------------------------------------------------

    @Test
    void noSecretValueIsShipped() {
        for (Secret secret : all(Secret.class)) {
            assertTrue((secret.getData() == null || secret.getData().isEmpty())
                            && (secret.getStringData() == null || secret.getStringData().isEmpty()),
                    "Secret " + secret.getMetadata().getName() + " ships a value");
        }
        for (Deployment deployment : all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar var : list(container.getEnv())) {
                    if (var.getName().matches(".*(PASSWORD|TOKEN|SECRET).*")) {
                        assertNull(var.getValue(), deployment.getMetadata().getName() + ": " + var.getName()
                                + " has a literal value");
                    }
                }
            }
        }
        Container grafana = onlyContainer(deployment("grafana"));
        assertEquals("grafana/grafana:11.2.0", grafana.getImage());
        EnvVar password = grafana.getEnv().stream().filter(e -> e.getName().equals("GF_SECURITY_ADMIN_PASSWORD"))
                .findFirst().orElseThrow(() -> new AssertionError("grafana: no GF_SECURITY_ADMIN_PASSWORD"));
        assertEquals("grafana-admin", password.getValueFrom().getSecretKeyRef().getName());
        assertEquals("password", password.getValueFrom().getSecretKeyRef().getKey());
    }

    @Test
    void grafanaConfigMapsAreTheRepositorysFiles() throws IOException {
        String dashboard = one(ConfigMap.class, "grafana-dashboards").getData().get("rl-autoscaler.json");
        assertNotNull(dashboard, "grafana-dashboards: no rl-autoscaler.json");
        // assertTrue, not assertEquals: the message would hold both 25 kB dashboards.
        assertTrue(JSON.readTree(GRAFANA.resolve("dashboards/rl-autoscaler.json").toFile()).equals(JSON.readTree(dashboard)),
                "the dashboard in grafana.yaml differs from grafana/dashboards/rl-autoscaler.json: copy it again");
        assertEquals(Files.readString(GRAFANA.resolve("provisioning/datasources/prometheus.yml")),
                one(ConfigMap.class, "grafana-datasources").getData().get("prometheus.yml"),
                "grafana-datasources differs from grafana/provisioning/datasources/prometheus.yml");
        assertEquals(Files.readString(GRAFANA.resolve("provisioning/dashboards/dashboards.yml")),
                one(ConfigMap.class, "grafana-dashboard-provider").getData().get("dashboards.yml"),
                "grafana-dashboard-provider differs from grafana/provisioning/dashboards/dashboards.yml");

        // Mounted where the provisioning files say.
        Deployment deployment = deployment("grafana");
        Map<String, String> mountedConfigMaps = new HashMap<>();
        Map<String, Volume> volumes = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .collect(Collectors.toMap(Volume::getName, v -> v));
        for (VolumeMount mount : onlyContainer(deployment).getVolumeMounts()) {
            Volume volume = volumes.get(mount.getName());
            if (volume.getConfigMap() != null) {
                mountedConfigMaps.put(volume.getConfigMap().getName(), mount.getMountPath());
            }
        }
        assertEquals(Map.of("grafana-datasources", "/etc/grafana/provisioning/datasources",
                "grafana-dashboard-provider", "/etc/grafana/provisioning/dashboards",
                "grafana-dashboards", "/var/lib/grafana/dashboards"), mountedConfigMaps);
    }

    // --- Prometheus --------------------------------------------------------------------------

    @Test
    void prometheusDiscoversPodsAndNamesJobsAfterTheirNameLabel() throws IOException {
        JsonNode config = prometheusConfig();
        assertEquals("5s", config.path("global").path("scrape_interval").asText(), "scrape interval");
        JsonNode pods = null;
        for (JsonNode job : config.path("scrape_configs")) {
            if (job.has("kubernetes_sd_configs")) {
                assertNull(pods, "two jobs discover pods");
                pods = job;
            }
        }
        assertNotNull(pods, "no job with kubernetes_sd_configs");
        JsonNode sd = pods.path("kubernetes_sd_configs");
        assertEquals(1, sd.size());
        assertEquals("pod", sd.get(0).path("role").asText());
        assertEquals(JSON.readTree("[\"" + NAMESPACE + "\"]"), sd.get(0).path("namespaces").path("names"));

        // What the discovery would find: a target per container port of every pod of the
        // manifests, with Prometheus' meta labels; after relabelling, only the metrics ports of
        // the three jobs must remain, named after app.kubernetes.io/name.
        Map<String, Set<String>> jobs = new TreeMap<>();
        int ip = 1;
        for (Deployment deployment : all(Deployment.class)) {
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            String podName = deployment.getMetadata().getName() + "-5d8f7c-abcde";
            String podIp = "10.1.0." + ip++;
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                for (ContainerPort port : container.getPorts()) {
                    Map<String, String> target = new HashMap<>();
                    target.put("__address__", podIp + ":" + port.getContainerPort());
                    target.put("job", pods.path("job_name").asText());
                    target.put("__meta_kubernetes_namespace", NAMESPACE);
                    target.put("__meta_kubernetes_pod_name", podName);
                    target.put("__meta_kubernetes_pod_phase", "Running");
                    target.put("__meta_kubernetes_pod_ready", "true");
                    target.put("__meta_kubernetes_pod_container_name", container.getName());
                    target.put("__meta_kubernetes_pod_container_port_name", port.getName());
                    target.put("__meta_kubernetes_pod_container_port_number", String.valueOf(port.getContainerPort()));
                    target.put("__meta_kubernetes_pod_container_port_protocol", "TCP");
                    podLabels.forEach((k, v) -> {
                        target.put("__meta_kubernetes_pod_label_" + sanitize(k), v);
                        target.put("__meta_kubernetes_pod_labelpresent_" + sanitize(k), "true");
                    });
                    Map<String, String> result = relabel(target, pods.path("relabel_configs"));
                    if (result != null) {
                        jobs.computeIfAbsent(result.get("job"), j -> new TreeSet<>())
                                .add(result.get("__address__").replaceAll("^.*:", ""));
                    }
                }
            }
        }
        assertEquals(Map.of("application", Set.of("8000"), "simulate-users", Set.of("8001"),
                "load-balancer", Set.of("8002")), jobs, "the jobs and ports pod discovery yields");

        // The jobs the dashboard reads are among them (or Prometheus' own).
        String dashboard = Files.readString(GRAFANA.resolve("dashboards/rl-autoscaler.json"));
        Matcher matcher = Pattern.compile("job\\s*=~?\\s*\\\\\"([A-Za-z0-9_-]+)\\\\\"").matcher(dashboard);
        Set<String> used = new TreeSet<>();
        while (matcher.find()) {
            used.add(matcher.group(1));
        }
        assertFalse(used.isEmpty(), "no job=\"...\" in the dashboard's queries");
        for (String job : used) {
            assertTrue(jobs.containsKey(job) || job.equals("prometheus"), "the dashboard reads job " + job
                    + ", which Prometheus does not scrape: " + jobs.keySet());
        }
    }

    @Test
    void prometheusConfigCarriesTheStacksAlertRules() throws Exception {
        assertEquals(Files.readString(Path.of("..", "prometheus", "rules.yml")),
                one(ConfigMap.class, "prometheus-config").getData().get("rules.yml"),
                "prometheus-config's rules.yml differs from prometheus/rules.yml");
        assertEquals("rules.yml", prometheusConfig().path("rule_files").get(0).asText());
    }

    @Test
    void promtoolAcceptsThePrometheusConfig() throws Exception {
        Path promtool = RequiredTools.require("promtool");
        String text = one(ConfigMap.class, "prometheus-config").getData().get("prometheus.yml");
        Path file = tempDir.resolve("prometheus.yml");
        Files.writeString(file, text);
        Files.writeString(tempDir.resolve("rules.yml"), one(ConfigMap.class, "prometheus-config").getData().get("rules.yml"));
        String output = run(promtool, file);
        if (output.contains("field kubernetes_sd_configs not found")) {
            // Debian's Prometheus is built without Kubernetes discovery (its client library is not
            // packaged). Check the rest with the discovery swapped for a static target: the
            // discovery block itself is checked above.
            ObjectNode config = (ObjectNode) YAML.readTree(text);
            for (JsonNode job : config.path("scrape_configs")) {
                if (job.has("kubernetes_sd_configs")) {
                    ((ObjectNode) job).remove("kubernetes_sd_configs");
                    ((ObjectNode) job).set("static_configs", JSON.readTree("[{\"targets\": [\"10.1.0.1:8000\"]}]"));
                }
            }
            Files.writeString(file, YAML.writeValueAsString(config));
            output = run(promtool, file);
            System.out.println("promtool (" + promtool + ") lacks Kubernetes discovery: checked without it");
        }
        assertTrue(output.startsWith("OK") || output.contains("SUCCESS"), "promtool check config:\n" + output);
    }

    // --- helpers -----------------------------------------------------------------------------

    private static String run(Path promtool, Path file) throws Exception {
        Process process = new ProcessBuilder(promtool.toString(), "check", "config", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        return "exit " + process.exitValue() + "\n" + output;
    }

    private static JsonNode prometheusConfig() throws IOException {
        String text = one(ConfigMap.class, "prometheus-config").getData().get("prometheus.yml");
        assertNotNull(text, "prometheus-config: no prometheus.yml");
        return YAML.readTree(text);
    }

    /** Prometheus' relabelling (keep, drop, replace), enough for the configuration here. */
    private static Map<String, String> relabel(Map<String, String> labels, JsonNode rules) {
        Map<String, String> target = new HashMap<>(labels);
        for (JsonNode rule : rules) {
            List<String> values = new ArrayList<>();
            rule.path("source_labels").forEach(l -> values.add(target.getOrDefault(l.asText(), "")));
            String value = String.join(rule.path("separator").asText(";"), values);
            Matcher matcher = Pattern.compile("^(?:" + rule.path("regex").asText("(.*)") + ")$").matcher(value);
            boolean matches = matcher.matches();
            String action = rule.path("action").asText("replace");
            switch (action) {
                case "keep" -> {
                    if (!matches) {
                        return null;
                    }
                }
                case "drop" -> {
                    if (matches) {
                        return null;
                    }
                }
                case "replace" -> {
                    if (matches) {
                        String replacement = rule.path("replacement").asText("$1").replaceAll("\\$\\{(\\d+)}", "\\$$1");
                        String result = matcher.replaceFirst(replacement);
                        String label = rule.path("target_label").asText();
                        assertFalse(label.isEmpty(), "replace without target_label: " + rule);
                        if (result.isEmpty()) {
                            target.remove(label);
                        } else {
                            target.put(label, result);
                        }
                    }
                }
                default -> fail("relabel action " + action + " is not simulated by this test: " + rule);
            }
        }
        for (Iterator<String> names = target.keySet().iterator(); names.hasNext(); ) {
            if (names.next().startsWith("__meta_")) {
                names.remove();
            }
        }
        return target;
    }

    private static String sanitize(String labelName) {
        return labelName.replaceAll("[^a-zA-Z0-9_]", "_");
    }

    private static String describe(PolicyRule rule) {
        return "apiGroups=" + sorted(rule.getApiGroups()) + " resources=" + sorted(rule.getResources())
                + " resourceNames=" + sorted(rule.getResourceNames()) + " verbs=" + sorted(rule.getVerbs())
                + " nonResourceURLs=" + sorted(rule.getNonResourceURLs());
    }

    private static List<String> sorted(List<String> values) {
        return list(values).stream().sorted().toList();
    }

    private static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }

    private static String id(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static <T extends HasMetadata> T one(Class<T> type, String name) {
        List<T> found = all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertEquals(1, found.size(), type.getSimpleName() + "/" + name + " found " + found.size() + " times");
        return found.getFirst();
    }

    private static Deployment deployment(String name) {
        return one(Deployment.class, name);
    }

    private static Container onlyContainer(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), deployment.getMetadata().getName() + ": containers");
        return containers.getFirst();
    }

    private static Map<String, Integer> containerPorts(Deployment deployment) {
        Map<String, Integer> ports = new HashMap<>();
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            for (ContainerPort port : list(container.getPorts())) {
                assertNotNull(port.getName(), deployment.getMetadata().getName() + ": unnamed port " + port.getContainerPort());
                assertNull(ports.put(port.getName(), port.getContainerPort()),
                        deployment.getMetadata().getName() + ": port name " + port.getName() + " twice");
            }
        }
        return ports;
    }

    /** The container's literal environment (variables from a reference are left out). */
    private static Map<String, String> env(Container container) {
        Map<String, String> env = new TreeMap<>();
        for (EnvVar var : list(container.getEnv())) {
            if (var.getValueFrom() == null) {
                env.put(var.getName(), var.getValue());
            }
        }
        return env;
    }

    private static void assertPort(Container container, String name, Integer number, int expected, String what) {
        int port = number != null && number != 0 ? number : list(container.getPorts()).stream()
                .filter(p -> p.getName().equals(name)).map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(what + ": no container port named " + name));
        assertEquals(expected, port, what + " port");
    }

    private static void assertNonRoot(Deployment deployment, Long uid) {
        PodSecurityContext context = deployment.getSpec().getTemplate().getSpec().getSecurityContext();
        String name = deployment.getMetadata().getName();
        assertEquals(Boolean.TRUE, context.getRunAsNonRoot(), name + ": runAsNonRoot");
        if (uid != null) {
            assertEquals(uid, context.getRunAsUser(), name + ": runAsUser");
        }
    }
}
