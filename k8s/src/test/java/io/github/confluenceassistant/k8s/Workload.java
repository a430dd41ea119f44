package io.github.confluenceassistant.k8s;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1StatefulSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** An object that runs pods (Deployment, StatefulSet, DaemonSet, Job, CronJob, Pod), with its pod spec and labels. */
record Workload(Manifest manifest, PodSpecAndLabels pod) {

    record PodSpecAndLabels(V1PodSpec spec, Map<String, String> labels) {
    }

    static List<Workload> in(List<Manifest> manifests) {
        List<Workload> workloads = new ArrayList<>();
        for (Manifest manifest : manifests) {
            podOf(manifest.typed()).ifPresent(pod -> workloads.add(new Workload(manifest, pod)));
        }
        return workloads;
    }

    /** Containers and init containers. */
    Stream<V1Container> allContainers() {
        return Stream.concat(nullSafe(pod.spec().getInitContainers()).stream(), nullSafe(pod.spec().getContainers()).stream());
    }

    V1PodSpec spec() {
        return pod.spec();
    }

    Map<String, String> labels() {
        return pod.labels() == null ? Map.of() : pod.labels();
    }

    @Override
    public String toString() {
        return manifest.kind() + "/" + manifest.name();
    }

    private static Optional<PodSpecAndLabels> podOf(Object typed) {
        V1PodTemplateSpec template = switch (typed) {
            case V1Deployment d -> d.getSpec().getTemplate();
            case V1StatefulSet s -> s.getSpec().getTemplate();
            case V1DaemonSet d -> d.getSpec().getTemplate();
            case V1Job j -> j.getSpec().getTemplate();
            case V1CronJob c -> c.getSpec().getJobTemplate().getSpec().getTemplate();
            case V1Pod p -> new V1PodTemplateSpec().metadata(p.getMetadata()).spec(p.getSpec());
            default -> null;
        };
        if (template == null) {
            return Optional.empty();
        }
        Map<String, String> labels = template.getMetadata() == null ? Map.of() : template.getMetadata().getLabels();
        return Optional.of(new PodSpecAndLabels(template.getSpec(), labels));
    }

    static <T> List<T> nullSafe(List<T> list) {
        return list == null ? List.of() : list;
    }
}
