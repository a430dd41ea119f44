package io.github.confluenceassistant.k8s;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overlays and the Secret templates, each rendered once by kustomize and loaded strictly. Loading throws on
 * the first object that is not valid against the Kubernetes API types, naming it.
 */
final class RenderedOverlays {

    static final List<String> OVERLAYS = List.of("overlays/dev", "overlays/prod", "overlays/sharded");
    static final String SECRET_TEMPLATES = "secrets";

    private final Map<String, List<Manifest>> rendered = new LinkedHashMap<>();
    private final Kustomize kustomize;

    RenderedOverlays() {
        this.kustomize = Kustomize.locate(ProjectLayout.k8sModule());
    }

    List<Manifest> get(String directory) {
        return rendered.computeIfAbsent(directory, dir -> {
            Path path = ProjectLayout.k8sModule().resolve(dir);
            return StrictKubernetesLoader.loadAll(kustomize.build(path), "k8s/" + dir);
        });
    }

    SecretTemplates secretTemplates() {
        return SecretTemplates.of(get(SECRET_TEMPLATES));
    }

    String renderer() {
        return kustomize.describe();
    }
}
