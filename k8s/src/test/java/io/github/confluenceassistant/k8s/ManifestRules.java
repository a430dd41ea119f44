package io.github.confluenceassistant.k8s;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1IngressBackend;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServicePort;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.github.confluenceassistant.k8s.Workload.nullSafe;

/**
 * The deployment rules, each a function from the rendered objects to the list of its violations (empty: the
 * rule holds), so the same rule can be shown to catch a broken fixture and to pass on the real overlays.
 */
final class ManifestRules {

    /** Our images: REGISTRY/confluence-assistant-MODULE:TAG, where MODULE is the Maven module. */
    static final Pattern OUR_IMAGE = Pattern.compile("(?:.*/)?confluence-assistant-([a-z0-9-]+)(?:[:@].*)?");
    private static final Set<String> SECRET_WORDS = Set.of(
            "PASSWORD", "PASSWD", "PWD", "SECRET", "TOKEN", "KEY", "APIKEY", "CREDENTIAL", "CREDENTIALS");
    private static final List<Pattern> SECRET_LOOKING_VALUES = List.of(
            Pattern.compile("\\{(bcrypt|noop|sha256|pbkdf2|argon2)}.*"),
            Pattern.compile(".*\\bsk-[A-Za-z0-9_-]{16,}.*"),
            Pattern.compile(".*://[^/\\s:@]+:[^/\\s@]+@.*"),
            Pattern.compile("(?s).*-----BEGIN [A-Z ]*PRIVATE KEY-----.*"));

    private ManifestRules() {
    }

    static List<String> cronJobsForbidConcurrentRuns(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (manifest.typed() instanceof V1CronJob cronJob
                    && !"Forbid".equals(cronJob.getSpec().getConcurrencyPolicy())) {
                violations.add(manifest + ": concurrencyPolicy is " + cronJob.getSpec().getConcurrencyPolicy()
                        + ", must be Forbid (two runs would only find the lock taken)");
            }
        }
        return violations;
    }

    static List<String> deploymentsHaveProbes(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (manifest.typed() instanceof V1Deployment deployment) {
                for (V1Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                    if (container.getLivenessProbe() == null) {
                        violations.add(manifest + ", container " + container.getName() + ": no livenessProbe");
                    }
                    if (container.getReadinessProbe() == null) {
                        violations.add(manifest + ", container " + container.getName() + ": no readinessProbe");
                    }
                }
            }
        }
        return violations;
    }

    static List<String> podsRunAsNonRoot(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Workload workload : Workload.in(manifests)) {
            V1PodSecurityContext pod = workload.spec().getSecurityContext();
            boolean podNonRoot = pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
            if (pod != null && Objects.equals(pod.getRunAsUser(), 0L)) {
                violations.add(workload + ": runAsUser 0");
            }
            workload.allContainers().forEach(container -> {
                V1SecurityContext own = container.getSecurityContext();
                boolean nonRoot = own != null && own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : podNonRoot;
                if (!nonRoot) {
                    violations.add(workload + ", container " + container.getName() + ": runAsNonRoot is not true");
                }
                if (own != null && Objects.equals(own.getRunAsUser(), 0L)) {
                    violations.add(workload + ", container " + container.getName() + ": runAsUser 0");
                }
            });
        }
        return violations;
    }

    static List<String> containersHaveResources(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Workload workload : Workload.in(manifests)) {
            workload.allContainers().forEach(container -> {
                Map<String, Quantity> requests = container.getResources() == null ? null : container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources() == null ? null : container.getResources().getLimits();
                for (String missing : missing(requests, "cpu", "memory")) {
                    violations.add(workload + ", container " + container.getName() + ": no " + missing + " request");
                }
                for (String missing : missing(limits, "memory")) {
                    violations.add(workload + ", container " + container.getName() + ": no " + missing + " limit");
                }
            });
        }
        return violations;
    }

    static List<String> imagesArePinned(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Workload workload : Workload.in(manifests)) {
            workload.allContainers().forEach(container -> {
                String image = container.getImage() == null ? "" : container.getImage();
                String tag = tagOf(image);
                if (!image.contains("@sha256:") && (tag == null || tag.equals("latest"))) {
                    violations.add(workload + ", container " + container.getName() + ": image " + image
                            + (tag == null ? " has no tag (means latest)" : " uses latest"));
                }
            });
        }
        return violations;
    }

    static List<String> configMapsHoldNoSecrets(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Manifest manifest : manifests) {
            if (manifest.typed() instanceof V1ConfigMap configMap) {
                Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
                data.forEach((key, value) -> {
                    if (looksLikeSecretKey(key)) {
                        violations.add(manifest + ": key " + key + " looks like a secret: put it in a Secret");
                    }
                    if (looksLikeSecretValue(value)) {
                        violations.add(manifest + ": the value of " + key + " looks like a credential");
                    }
                });
                if (configMap.getBinaryData() != null) {
                    configMap.getBinaryData().keySet().stream().filter(ManifestRules::looksLikeSecretKey).forEach(key ->
                            violations.add(manifest + ": key " + key + " looks like a secret: put it in a Secret"));
                }
            }
        }
        return violations;
    }

    /** Our apps' containers run with a read-only root file system and an emptyDir at /tmp for what unpacks there. */
    static List<String> appContainersHaveReadOnlyRootAndTmp(List<Manifest> manifests) {
        List<String> violations = new ArrayList<>();
        for (Workload workload : Workload.in(manifests)) {
            Set<String> emptyDirs = nullSafe(workload.spec().getVolumes()).stream()
                    .filter(v -> v.getEmptyDir() != null).map(V1Volume::getName).collect(Collectors.toSet());
            workload.allContainers().filter(c -> appOf(c) != null).forEach(container -> {
                V1SecurityContext context = container.getSecurityContext();
                if (context == null || !Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
                    violations.add(workload + ", container " + container.getName() + ": readOnlyRootFilesystem is not true");
                }
                if (context == null || !Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
                    violations.add(workload + ", container " + container.getName() + ": allowPrivilegeEscalation is not false");
                }
                boolean tmp = nullSafe(container.getVolumeMounts()).stream()
                        .anyMatch(m -> m.getMountPath().equals("/tmp") && emptyDirs.contains(m.getName()));
                if (!tmp) {
                    violations.add(workload + ", container " + container.getName() + ": no emptyDir mounted at /tmp");
                }
            });
        }
        return violations;
    }

    /**
     * Every environment variable set on one of our apps' containers (directly, or as a key of a ConfigMap or
     * Secret it takes whole) binds to a setting that app really reads.
     */
    static List<String> environmentMapsToProperties(List<Manifest> manifests, Map<String, KnownProperties> apps,
                                                    SecretTemplates secrets) {
        List<String> violations = new ArrayList<>();
        for (Workload workload : Workload.in(manifests)) {
            workload.allContainers().forEach(container -> {
                String app = appOf(container);
                if (app == null) {
                    return;
                }
                KnownProperties known = apps.get(app);
                if (known == null) {
                    violations.add(workload + ", container " + container.getName() + ": image " + container.getImage()
                            + " is of no app this check knows " + apps.keySet());
                    return;
                }
                for (String variable : environmentOf(container, manifests, secrets)) {
                    if (!known.accepts(variable)) {
                        violations.add(workload + ", container " + container.getName() + ": " + variable
                                + " binds to no property " + app + " reads");
                    }
                }
            });
        }
        return violations;
    }

    /** ConfigMaps, Secrets, Services, ServiceAccounts and Roles that objects name do exist, and selectors select pods. */
    static List<String> referencesResolve(List<Manifest> manifests, SecretTemplates secrets) {
        List<String> violations = new ArrayList<>();
        Set<String> configMaps = namesOf(manifests, "ConfigMap");
        Set<String> serviceAccounts = namesOf(manifests, "ServiceAccount");
        List<Workload> workloads = Workload.in(manifests);
        for (Workload workload : workloads) {
            String account = workload.spec().getServiceAccountName();
            if (account != null && !account.equals("default") && !serviceAccounts.contains(account)) {
                violations.add(workload + ": ServiceAccount " + account + " is not defined");
            }
            workload.allContainers().forEach(container -> {
                String where = workload + ", container " + container.getName();
                for (V1EnvFromSource from : nullSafe(container.getEnvFrom())) {
                    if (from.getConfigMapRef() != null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())
                            && !configMaps.contains(from.getConfigMapRef().getName())) {
                        violations.add(where + ": ConfigMap " + from.getConfigMapRef().getName() + " is not defined");
                    }
                    if (from.getSecretRef() != null && !secrets.has(from.getSecretRef().getName())) {
                        violations.add(where + ": Secret " + from.getSecretRef().getName() + " has no template in k8s/secrets");
                    }
                }
                for (V1EnvVar env : nullSafe(container.getEnv())) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        if (!secrets.has(ref.getName(), ref.getKey())) {
                            violations.add(where + ": " + env.getName() + " reads Secret " + ref.getName() + " key "
                                    + ref.getKey() + ", which k8s/secrets does not template");
                        }
                    }
                    if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null
                            && !configMaps.contains(env.getValueFrom().getConfigMapKeyRef().getName())) {
                        violations.add(where + ": ConfigMap " + env.getValueFrom().getConfigMapKeyRef().getName()
                                + " is not defined");
                    }
                }
                Set<String> volumes = nullSafe(workload.spec().getVolumes()).stream().map(V1Volume::getName)
                        .collect(Collectors.toSet());
                volumes.addAll(volumeClaimTemplates(workload));
                for (V1VolumeMount mount : nullSafe(container.getVolumeMounts())) {
                    if (!volumes.contains(mount.getName())) {
                        violations.add(where + ": mounts volume " + mount.getName() + ", which the pod does not have");
                    }
                }
            });
        }
        for (Manifest manifest : manifests) {
            switch (manifest.typed()) {
                case V1Service service when service.getSpec().getSelector() != null -> {
                    if (workloads.stream().noneMatch(w -> w.labels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))) {
                        violations.add(manifest + ": selector " + service.getSpec().getSelector() + " selects no pods");
                    }
                }
                case V1Ingress ingress -> ingressBackends(ingress).forEach(backend -> {
                    V1Service service = serviceNamed(manifests, backend.getService().getName());
                    if (service == null) {
                        violations.add(manifest + ": backend Service " + backend.getService().getName() + " is not defined");
                    } else if (backend.getService().getPort().getName() != null && nullSafe(service.getSpec().getPorts())
                            .stream().map(V1ServicePort::getName).noneMatch(backend.getService().getPort().getName()::equals)) {
                        violations.add(manifest + ": Service " + service.getMetadata().getName() + " has no port named "
                                + backend.getService().getPort().getName());
                    }
                });
                case V1PodDisruptionBudget budget -> selectsSomePod(manifest, budget.getSpec().getSelector(), workloads, violations);
                case V1NetworkPolicy policy -> selectsSomePod(manifest, policy.getSpec().getPodSelector(), workloads, violations);
                case V2HorizontalPodAutoscaler autoscaler -> {
                    var target = autoscaler.getSpec().getScaleTargetRef();
                    if (!namesOf(manifests, target.getKind()).contains(target.getName())) {
                        violations.add(manifest + ": scale target " + target.getKind() + "/" + target.getName() + " is not defined");
                    }
                }
                case V1RoleBinding binding -> {
                    if (!namesOf(manifests, binding.getRoleRef().getKind()).contains(binding.getRoleRef().getName())) {
                        violations.add(manifest + ": " + binding.getRoleRef().getKind() + " " + binding.getRoleRef().getName()
                                + " is not defined");
                    }
                    nullSafe(binding.getSubjects()).stream().filter(s -> s.getKind().equals("ServiceAccount"))
                            .filter(s -> !serviceAccounts.contains(s.getName()))
                            .forEach(s -> violations.add(manifest + ": ServiceAccount " + s.getName() + " is not defined"));
                }
                default -> {
                }
            }
        }
        return violations;
    }

    // --- helpers ----------------------------------------------------------------------------------------------

    static String appOf(V1Container container) {
        Matcher matcher = OUR_IMAGE.matcher(container.getImage() == null ? "" : container.getImage());
        return matcher.matches() ? matcher.group(1) : null;
    }

    static boolean looksLikeSecretKey(String key) {
        // words, so that SPACE_KEYS or TARGET_TOKENS (plurals of other things) are not mistaken for secrets
        String words = key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return Arrays.stream(words.split("[^A-Z0-9]+")).anyMatch(SECRET_WORDS::contains);
    }

    static boolean looksLikeSecretValue(String value) {
        return value != null && SECRET_LOOKING_VALUES.stream().anyMatch(p -> p.matcher(value).matches());
    }

    private static List<String> environmentOf(V1Container container, List<Manifest> manifests, SecretTemplates secrets) {
        List<String> names = new ArrayList<>();
        nullSafe(container.getEnv()).stream().map(V1EnvVar::getName).forEach(names::add);
        for (V1EnvFromSource from : nullSafe(container.getEnvFrom())) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                configMapKeys(manifests, from.getConfigMapRef().getName()).forEach(k -> names.add(prefix + k));
            }
            if (from.getSecretRef() != null) {
                secrets.keys(from.getSecretRef().getName()).forEach(k -> names.add(prefix + k));
            }
        }
        return names;
    }

    private static Set<String> configMapKeys(List<Manifest> manifests, String name) {
        return manifests.stream().filter(m -> m.typed() instanceof V1ConfigMap && m.name().equals(name))
                .map(m -> ((V1ConfigMap) m.typed()).getData()).filter(Objects::nonNull)
                .flatMap(data -> data.keySet().stream()).collect(Collectors.toSet());
    }

    private static Set<String> namesOf(List<Manifest> manifests, String kind) {
        return manifests.stream().filter(m -> kind.equals(m.kind())).map(Manifest::name).collect(Collectors.toSet());
    }

    private static V1Service serviceNamed(List<Manifest> manifests, String name) {
        return manifests.stream().filter(m -> m.typed() instanceof V1Service && m.name().equals(name))
                .map(m -> (V1Service) m.typed()).findFirst().orElse(null);
    }

    private static List<V1IngressBackend> ingressBackends(V1Ingress ingress) {
        List<V1IngressBackend> backends = new ArrayList<>();
        if (ingress.getSpec().getDefaultBackend() != null) {
            backends.add(ingress.getSpec().getDefaultBackend());
        }
        nullSafe(ingress.getSpec().getRules()).stream().filter(r -> r.getHttp() != null)
                .flatMap(r -> r.getHttp().getPaths().stream()).map(p -> p.getBackend()).forEach(backends::add);
        return backends.stream().filter(b -> b.getService() != null).toList();
    }

    private static Set<String> volumeClaimTemplates(Workload workload) {
        if (workload.manifest().typed() instanceof io.kubernetes.client.openapi.models.V1StatefulSet set) {
            return nullSafe(set.getSpec().getVolumeClaimTemplates()).stream().map(t -> t.getMetadata().getName())
                    .collect(Collectors.toSet());
        }
        return Set.of();
    }

    private static void selectsSomePod(Manifest manifest, V1LabelSelector selector, List<Workload> workloads,
                                       List<String> violations) {
        if (workloads.stream().noneMatch(w -> matches(selector, w.labels()))) {
            violations.add(manifest + ": its pod selector selects no pods");
        }
    }

    private static boolean matches(V1LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        Map<String, String> required = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        if (!labels.entrySet().containsAll(required.entrySet())) {
            return false;
        }
        for (V1LabelSelectorRequirement expression : nullSafe(selector.getMatchExpressions())) {
            String value = labels.get(expression.getKey());
            List<String> values = nullSafe(expression.getValues());
            boolean ok = switch (expression.getOperator()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static List<String> missing(Map<String, Quantity> resources, String... names) {
        return Arrays.stream(names).filter(n -> resources == null || !resources.containsKey(n)).toList();
    }

    /** The tag of an image reference, or null: a colon after the last slash (a registry port comes before it). */
    static String tagOf(String image) {
        String withoutDigest = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        String lastPart = withoutDigest.substring(withoutDigest.lastIndexOf('/') + 1);
        int colon = lastPart.indexOf(':');
        return colon < 0 ? null : lastPart.substring(colon + 1);
    }
}
